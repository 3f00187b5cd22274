import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Marks the async work of one client request, so statement counts can tell a request's SQL from
 * background work (the outbox relay) running in the same process.
 */
export const requestScope = new AsyncLocalStorage<true>();

export function inRequestScope<T>(work: () => Promise<T>): Promise<T> {
  return requestScope.run(true, work);
}
