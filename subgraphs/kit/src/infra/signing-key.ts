import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_DIR } from './paths.js';

/** A KeyObject rather than bytes: it cannot end up in a log line or a JSON dump by accident. */
export type SigningKey = KeyObject;

export const SIGNING_KEY_ENV = 'SUBGRAPH_SIGNING_KEY';
export const DEV_SIGNING_KEY_FILE = join(DATA_DIR, 'subgraph-signing.key');
const MIN_KEY_BYTES = 32;

/** Hex or base64 (standard or URL-safe), at least 32 bytes once decoded. */
export function parseSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (!bytes || bytes.length < MIN_KEY_BYTES) {
    throw new Error(`the subgraph signing key must be hex or base64 of at least ${MIN_KEY_BYTES} bytes`);
  }
  return createSecretKey(bytes);
}

/** A fresh random key, hex-encoded (tests, and the dev key file). */
export function generateSigningKeyText(): string {
  return randomBytes(MIN_KEY_BYTES).toString('hex');
}

export function generateSigningKey(): SigningKey {
  return parseSigningKey(generateSigningKeyText());
}

/**
 * The key every subgraph and the gateway share: `SUBGRAPH_SIGNING_KEY`, else the dev key file
 * `npm start` provisions. No silent fallback: a process with its own random key would refuse (or
 * be refused by) everyone else.
 */
export function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env, file = DEV_SIGNING_KEY_FILE): SigningKey {
  const fromEnv = env[SIGNING_KEY_ENV];
  if (fromEnv) return parseSigningKey(fromEnv);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `no subgraph signing key: set ${SIGNING_KEY_ENV} (hex or base64, at least ${MIN_KEY_BYTES} bytes) ` +
        `or start the system with \`npm start\`, which creates ${file}`,
    );
  }
  return parseSigningKey(text);
}

/**
 * Run by the launcher before it starts any process: checks `SUBGRAPH_SIGNING_KEY` when set, else
 * creates the dev key file once (owner-only), so all processes read the same key.
 */
export function provisionSigningKey(env: NodeJS.ProcessEnv = process.env, file = DEV_SIGNING_KEY_FILE): void {
  if (env[SIGNING_KEY_ENV]) {
    parseSigningKey(env[SIGNING_KEY_ENV]);
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${generateSigningKeyText()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  signingKeyFromEnv({}, file);
}
