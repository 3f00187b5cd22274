import { describe, expect, it } from 'vitest';
import { documentId, loadTrustedDocuments, resolveDocument } from './trusted-documents.js';

const documents = loadTrustedDocuments();
const [id, text] = [...documents][0]!;

describe('trusted documents', () => {
  it('holds every dashboard document of gateway/documents under the sha256 of its text', () => {
    expect(documents.size).toBeGreaterThanOrEqual(4);
    for (const [key, value] of documents) expect(key).toBe(documentId(value));
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('runs the document a request names by documentId or by APQ hash', () => {
    expect(resolveDocument({ documentId: id }, documents)).toEqual({ query: text });
    expect(resolveDocument({ extensions: { persistedQuery: { version: 1, sha256Hash: id.slice('sha256:'.length) } } }, documents)).toEqual({ query: text });
    expect(resolveDocument({ documentId: id, query: text }, documents)).toEqual({ query: text });
  });

  it('leaves a request with its own text alone, and refuses unknown ids and mismatched text', () => {
    expect(resolveDocument({ query: '{ measures { code } }' }, documents)).toBeUndefined();
    expect(resolveDocument({ documentId: documentId('{ measures { code } }') }, documents)).toMatchObject({ error: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    expect(resolveDocument({ documentId: id, query: '{ measures { code } }' }, documents)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });
});
