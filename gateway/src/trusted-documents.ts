/**
 * Trusted (persisted) documents: the fixed operations of the dashboards, in gateway/documents/.
 * A client names one by `documentId` ("sha256:<hex of the file>", the GraphQL-over-HTTP
 * persisted-documents convention) or by Apollo's `extensions.persistedQuery.sha256Hash`, instead
 * of sending its text: a dashboard's request shrinks to its id and variables, and the document
 * the gateway runs is one the project reviewed.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRUSTED_DOCUMENTS_DIR = fileURLToPath(new URL('../documents', import.meta.url));

export const documentId = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** id -> document text, for every `.graphql` file of `dir`. */
export function loadTrustedDocuments(dir: string = TRUSTED_DOCUMENTS_DIR): ReadonlyMap<string, string> {
  const documents = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    documents.set(documentId(text), text);
  }
  return documents;
}

export type Resolved = { query: string } | { error: { code: 'PERSISTED_QUERY_NOT_FOUND' | 'BAD_REQUEST'; message: string } };

const apqHash = (request: { extensions?: unknown }): unknown =>
  (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash;

/** The id a request names, if any: `documentId`, or APQ's hash (which carries no prefix). */
function requestedId(request: { documentId?: unknown; extensions?: unknown }): string | undefined {
  if (typeof request.documentId === 'string') return request.documentId;
  const hash = apqHash(request);
  return typeof hash === 'string' ? `sha256:${hash}` : undefined;
}

/**
 * The text to run: the request's own `query` when it names no document; the trusted document
 * when it names one (a `query` sent along must be that document). Unknown ids are refused, never
 * registered: only reviewed documents are persisted. Apollo's automatic persisted queries retry
 * an unknown hash with the query text: that runs the text once its hash is checked, as ad-hoc
 * GraphQL, and registers nothing, so the next bare hash is still PERSISTED_QUERY_NOT_FOUND.
 */
export function resolveDocument(
  request: { query?: unknown; documentId?: unknown; extensions?: unknown },
  documents: ReadonlyMap<string, string>,
): Resolved | undefined {
  const id = requestedId(request);
  if (id === undefined) return undefined;
  const text = documents.get(id);
  if (text === undefined && typeof request.query === 'string' && typeof apqHash(request) === 'string') {
    if (documentId(request.query) !== id) return { error: { code: 'BAD_REQUEST', message: 'persistedQuery.sha256Hash is not the SHA-256 of query' } };
    return undefined;
  }
  if (text === undefined) return { error: { code: 'PERSISTED_QUERY_NOT_FOUND', message: 'No trusted document has this id' } };
  if (typeof request.query === 'string' && request.query !== text) {
    return { error: { code: 'BAD_REQUEST', message: 'query does not match the trusted document named by its id' } };
  }
  return { query: text };
}
