import type { JsonReply } from '@credit/kit';

/** 200 when every subgraph answers its own /health within the timeout, else 503 naming who did not. */
export async function checkSubgraphs(urls: Record<string, string>, timeoutMs = 2000): Promise<JsonReply> {
  const results = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ok' : `HTTP ${response.status}`] as const;
      } catch {
        return [name, 'unreachable'] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(results);
  const healthy = results.every(([, status]) => status === 'ok');
  return { status: healthy ? 200 : 503, body: { status: healthy ? 'ok' : 'degraded', subgraphs } };
}

/** What `/health/ready` found; metrics report the same. */
export interface Readiness {
  /** The query log answers `select 1` and a supergraph is loaded: the gateway can answer. */
  ready: boolean;
  queryLog: 'ok' | 'unavailable';
  supergraph: 'loaded' | 'not loaded';
  /** Each department's own readiness (`/health/ready`): one down is reported, it does not make the gateway unready. */
  departments: Record<string, 'ok' | 'unreachable' | `HTTP ${number}`>;
}

export interface ReadinessChecks {
  /** Resolves when the query-log database answers; rejects or hangs otherwise. */
  queryLog: () => Promise<unknown>;
  supergraphLoaded: () => boolean;
  urls: Record<string, string>;
  timeoutMs?: number;
}

async function answers(work: () => Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work().then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs).unref()))]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this gateway can answer: its query log (every personal answer is withheld without it)
 * and a supergraph. A department that is down leaves the others' data answerable, so it is
 * reported, not a reason to take the gateway out of rotation (or restart it).
 */
export async function checkReadiness(checks: ReadinessChecks): Promise<Readiness> {
  const timeoutMs = checks.timeoutMs ?? 2000;
  const [queryLog, departments] = await Promise.all([
    answers(checks.queryLog, timeoutMs),
    Promise.all(
      Object.entries(checks.urls).map(async ([name, url]) => {
        try {
          const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
          return [name, response.ok ? 'ok' : (`HTTP ${response.status}` as const)] as const;
        } catch {
          return [name, 'unreachable' as const] as const;
        }
      }),
    ),
  ]);
  const supergraph = checks.supergraphLoaded();
  return {
    ready: queryLog && supergraph,
    queryLog: queryLog ? 'ok' : 'unavailable',
    supergraph: supergraph ? 'loaded' : 'not loaded',
    departments: Object.fromEntries(departments),
  };
}

export function readinessReply(readiness: Readiness): JsonReply {
  const down = Object.entries(readiness.departments).filter(([, status]) => status !== 'ok').map(([name]) => name);
  return {
    status: readiness.ready ? 200 : 503,
    body: {
      status: readiness.ready ? (down.length ? 'degraded' : 'ready') : 'unavailable',
      queryLog: readiness.queryLog,
      supergraph: readiness.supergraph,
      departments: readiness.departments,
      ...(down.length ? { departmentsDown: down } : {}),
    },
  };
}
