import pino from 'pino';

/**
 * One structured logger per process. Messages carry ids, counts and codes only: personal data
 * (names, citizen ID numbers, record summaries) is never passed to it.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: process.env.SERVICE_NAME },
});
