/** One measurement: autocannon against one target with one workload's request bodies. */
import autocannon from 'autocannon';
import { headerLookup, SIGNATURE_HEADER, signRequest, type SigningKey } from '@credit/kit';

export interface Load {
  url: string;
  /** Request bodies to rotate through; the same for every connection. */
  bodies: string[];
  headers: Record<string, string>;
  /** Subgraph targets: each request signed as the gateway signs it (fresh nonce per request). */
  signWith?: SigningKey;
  /** Draws each request instead of rotating `bodies`: a mix of callers (the soak's 1 % writes) or bodies used once. */
  pick?: () => { body: string; headers?: Record<string, string> };
}

export interface Sample {
  seconds: number;
  /** Answers received. */
  requests: number;
  /** Requests sent, including those still in flight when the run stopped. */
  sent: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors, timeouts, non-2xx answers and answers with GraphQL errors. */
  errors: number;
  /** One failing answer, to say what went wrong. */
  errorSample?: string;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** `rate`: requests per second over all connections (autocannon's overallRate); unset: as fast as answered. */
export async function measure(load: Load, options: { connections: number; seconds: number; rate?: number }): Promise<Sample> {
  const target = new URL('/graphql', load.url);
  let next = 0;
  let errorSample: string | undefined;
  const latencies: number[] = [];
  const started = performance.now();
  let done!: (result: autocannon.Result) => void;
  let failed!: (error: unknown) => void;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    done = resolve;
    failed = reject;
  });
  const instance = autocannon({
    url: target.toString(),
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    requests: [
      {
        setupRequest: (request: any) => {
          if (load.pick) {
            const picked = load.pick();
            return { ...request, body: picked.body, headers: { ...request.headers, ...picked.headers } };
          }
          const body = load.bodies[next++ % load.bodies.length]!;
          if (!load.signWith) return { ...request, body };
          const headers: Record<string, string> = { ...request.headers };
          headers[SIGNATURE_HEADER] = signRequest(load.signWith, { method: 'POST', path: target.pathname, header: headerLookup(headers), body });
          return { ...request, body, headers };
        },
      },
    ],
    verifyBody: (body: string) => {
      const ok = body.startsWith('{"data":') && !body.includes('"errors":[');
      if (!ok) errorSample ??= body.slice(0, 400);
      return ok;
    },
  } as autocannon.Options, (error, result) => (error ? failed(error) : done(result)));
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await finished;
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    seconds,
    requests: latencies.length,
    sent: Math.max(latencies.length, (result.requests as { sent?: number }).sent ?? 0),
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: result.errors + result.timeouts + result.non2xx + (result.mismatches ?? 0),
    ...(errorSample ? { errorSample } : {}),
  };
}
