import pino from 'pino';

/**
 * One structured logger per process. Messages carry ids, counts and codes only: personal data
 * (names, citizen ID numbers, record summaries) is never passed to it.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: process.env.SERVICE_NAME },
});

/**
 * What of an unexpected error may be logged: its class and the first error code on its cause
 * chain (a SQLSTATE for database errors). Never the message: a driver's message quotes the
 * statement's parameters, which can be names or citizen ID numbers.
 */
export function loggableError(error: unknown): { name: string; code?: string } {
  const name = error instanceof Error ? error.name : typeof error;
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return { name, code };
  }
  return { name };
}
