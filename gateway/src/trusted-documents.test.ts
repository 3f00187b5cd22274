import { describe, expect, it } from 'vitest';
import { documentId, loadTrustedDocuments, resolveDocument } from './trusted-documents.js';

const documents = loadTrustedDocuments();
const [id, text] = [...documents][0]!;

describe('trusted documents', () => {
  it('holds every dashboard document of gateway/documents under the sha256 of its text', () => {
    // unified-view (audit), review-queue (objection review), person-lookup, statistics, disclosure.
    expect(documents.size).toBeGreaterThanOrEqual(5);
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

  it('runs an APQ retry (hash and query) as ad-hoc text once the hash checks out, and registers nothing', () => {
    const adHoc = '{ measures { code } }';
    const hash = documentId(adHoc).slice('sha256:'.length);
    const apq = (sha256Hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(resolveDocument({ query: adHoc, ...apq(hash) }, documents)).toBeUndefined();
    expect(resolveDocument({ query: adHoc, ...apq('0'.repeat(64)) }, documents)).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(resolveDocument(apq(hash), documents)).toMatchObject({ error: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    // documentId names reviewed documents only: text sent along does not make an unknown id runnable.
    expect(resolveDocument({ documentId: documentId(adHoc), query: adHoc }, documents)).toMatchObject({ error: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
  });
});
