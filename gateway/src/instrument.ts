/**
 * Tracing for a gateway process (each worker under GATEWAY_WORKERS): gateway/src/index.ts imports
 * this first. Traces are exported only when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; otherwise nothing of the SDK is loaded. The service
 * name is SERVICE_NAME, else `gateway`; OTEL_SERVICE_NAME overrides both.
 */
import { setupTracing } from '@credit/kit/infra/tracing';

const tracing = await setupTracing({ serviceName: process.env.SERVICE_NAME ?? 'gateway' });
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
