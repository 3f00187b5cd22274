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
