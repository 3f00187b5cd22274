import { fileURLToPath } from 'node:url';

/**
 * Where the embedded databases and the dev keys live: `.data/` at the repository root, or
 * `CREDIT_DATA_DIR`. A module of its own so that the launcher reads it without loading the
 * database drivers.
 */
export const DATA_DIR = process.env.CREDIT_DATA_DIR ?? fileURLToPath(new URL('../../../../.data', import.meta.url));
