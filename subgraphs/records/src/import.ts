import type { Clock, Db } from '@credit/kit';
import { documentKey, insertRecords, newRecord, type RecordRow } from './store.js';
import { validateRecord } from './validation.js';

export interface RejectedLine {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
  field: string | null;
  message: string;
}

export interface ImportReport {
  accepted: number;
  rejected: RejectedLine[];
}

function parseLine(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'The line is not valid JSON';
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : 'The line is not a JSON object';
}

/**
 * Imports credit records from NDJSON, one record a line, validated as `submitCreditRecord`
 * validates. All valid lines commit together in one transaction with their events; a line that
 * repeats an earlier line or a stored record (same authority, document number and subject) is
 * rejected as DUPLICATE. A database failure rejects the promise and writes nothing.
 */
export async function importNdjson(db: Db, text: string, clock: Clock): Promise<ImportReport> {
  const today = clock.today();
  const submittedAt = clock.now();
  const rejected: RejectedLine[] = [];
  const candidates: { line: number; row: RecordRow }[] = [];
  const firstLineOf = new Map<string, number>();
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === '') continue;
    const input = parseLine(raw);
    if (typeof input === 'string') {
      rejected.push({ line, reason: 'INVALID_JSON', field: null, message: input });
      continue;
    }
    const result = validateRecord(input, today);
    if (!result.ok) {
      const { field, reason, message } = result.violation;
      rejected.push({ line, reason, field, message });
      continue;
    }
    const key = documentKey(result.record);
    const earlier = firstLineOf.get(key);
    if (earlier !== undefined) {
      rejected.push({ line, reason: 'DUPLICATE', field: 'documentNumber', message: `The same record as line ${earlier}` });
      continue;
    }
    firstLineOf.set(key, line);
    candidates.push({ line, row: newRecord(result.record, submittedAt) });
  }

  const inserted = await db.transaction((tx) => insertRecords(tx, candidates.map((c) => c.row), today));
  const insertedIds = new Set(inserted.map((r) => r.id));
  for (const { line, row } of candidates) {
    if (!insertedIds.has(row.id)) {
      rejected.push({ line, reason: 'DUPLICATE', field: 'documentNumber', message: 'The same record is already stored' });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { accepted: inserted.length, rejected };
}
