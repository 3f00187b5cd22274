/**
 * The records department's report signing key (DESIGN §5 keeps the gateway's HMAC key for
 * requests; this one is records' own). Ed25519 (RFC 8032) over the SHA-256 of the PDF bytes, bound
 * to the report number: a public-key signature, so the key that verifies can be published and no
 * verifier can sign; deterministic, with no parameters to get wrong, 64-byte signatures, and in
 * node:crypto without a library. A one-byte change of the PDF changes its SHA-256, and the
 * signature no longer matches; an edited hash in the database does not verify either.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
// Not the kit's barrel: the launcher (scripts/start.ts) imports this file, and the barrel loads Apollo and drizzle.
import { DATA_DIR } from '@credit/kit/infra/paths';

export const REPORT_KEY_ENV = 'RECORDS_REPORT_SIGNING_KEY';
export const DEV_REPORT_KEY_FILE = join(DATA_DIR, 'records-report-signing.key');

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface ReportSigner {
  /** The first 16 hex digits of the SHA-256 of the raw public key: which key signed a report. */
  keyId: string;
  /** The public key, PEM (SPKI), for anyone who wants to check a signature offline. */
  publicKeyPem: string;
  sign(number: string, sha256: string): string;
  verify(number: string, sha256: string, signature: string): boolean;
}

/** What is signed: the scheme, the report number and the PDF's SHA-256 (lower-case hex). */
export const signedMessage = (number: string, sha256: string) => Buffer.from(`credit-report/v1\n${number}\n${sha256.toLowerCase()}`, 'utf8');

/** A PEM private key (PKCS#8), or the 32-byte Ed25519 seed in hex or base64. */
export function parseReportKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) key = createPrivateKey(trimmed);
  else {
    const seed = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (seed.length !== 32) throw new Error(`${REPORT_KEY_ENV} must be a PEM Ed25519 private key or its 32-byte seed in hex or base64`);
    key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${REPORT_KEY_ENV} must be an Ed25519 key`);
  return key;
}

export function reportSigner(privateKey: KeyObject): ReportSigner {
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign: (number, sha256) => sign(null, signedMessage(number, sha256), privateKey).toString('base64'),
    verify: (number, sha256, signature) => {
      try {
        return verify(null, signedMessage(number, sha256), publicKey, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
  };
}

/** A fresh key as PEM (tests, and the dev key file). */
export const generateReportKeyPem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Creates the dev key file once (owner-only); another process that got there first wins. */
function createDevKey(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, generateReportKeyPem(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * `RECORDS_REPORT_SIGNING_KEY`, else the dev key file. Outside NODE_ENV=production (tests, a
 * subgraph started by hand) the file is created when missing; in production no key is ever made
 * up here: the variable must be set, or `npm start` provisions the file (`provisionReportKey`).
 */
export function reportSignerFromEnv(env: NodeJS.ProcessEnv = process.env, file = DEV_REPORT_KEY_FILE): ReportSigner {
  const fromEnv = env[REPORT_KEY_ENV];
  if (fromEnv) return reportSigner(parseReportKey(fromEnv));
  try {
    return reportSigner(parseReportKey(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (env.NODE_ENV === 'production') throw new Error(`no report signing key: set ${REPORT_KEY_ENV} or start with npm start, which creates ${file}`);
  createDevKey(file);
  return reportSigner(parseReportKey(readFileSync(file, 'utf8')));
}

/**
 * Run by the launcher before it starts any process, like the other dev keys: checks
 * `RECORDS_REPORT_SIGNING_KEY` when set, else creates the dev key file once.
 */
export function provisionReportKey(env: NodeJS.ProcessEnv = process.env, file = DEV_REPORT_KEY_FILE): void {
  if (!env[REPORT_KEY_ENV]) createDevKey(file);
  reportSignerFromEnv(env, file);
}
