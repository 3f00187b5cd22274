/** Resolves once `<url>/health` answers 200: the launcher and the load scripts wait on each service so. */
export async function waitHealthy(url: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url}/health did not answer 200 within ${timeoutMs / 1000} s`);
}
