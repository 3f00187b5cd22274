/**
 * Tracing for a subgraph process (issue 14): its entry point imports this first. Traces are
 * exported only when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set;
 * otherwise nothing of the SDK is loaded. The service name is SERVICE_NAME (set by `npm start`),
 * else the subgraph whose entry point runs, else `subgraph`; OTEL_SERVICE_NAME overrides both.
 */
import { setupTracing } from './tracing.js';

const entry = /subgraphs[\\/]([a-z]+)[\\/]/.exec(process.argv[1] ?? '')?.[1];
const tracing = await setupTracing({ serviceName: process.env.SERVICE_NAME ?? entry ?? 'subgraph' });
// Best effort: the last batch of spans leaves while the server closes. A signal before the server
// installed its own handlers still ends the process (raised again with no listener left).
if (tracing) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void tracing.flush().catch(() => undefined);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
