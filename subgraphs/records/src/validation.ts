/**
 * The one validation of a submitted credit record, shared by `submitCreditRecord` and the NDJSON
 * import: the input arrives untyped from the import, so every type is checked here too.
 */
import {
  badInput, CATEGORIES, DOMAINS, isIsoDate, isKnownRegion, isOneOf, isUuid, PENALTY_TYPES, RECORD_KINDS, SEVERITIES,
  type Category, type Domain, type PenaltyType, type RecordKind, type Severity,
} from '@credit/kit';
import { textRefusal } from '@credit/schema/input-check';
import type { GraphQLError } from 'graphql';
import { allowsEnd, publicityBounds, type PublicityRegime } from './publicity.js';

export const MAX_LENGTH = { determiningAuthority: 200, documentNumber: 100, legalBasis: 500, summary: 2000 } as const;

export type ViolationReason =
  | 'UNKNOWN_FIELD'
  | 'REQUIRED'
  | 'INVALID_TYPE'
  | 'BLANK'
  | 'TOO_LONG'
  | 'INVALID_TEXT'
  | 'INVALID_FORMAT'
  | 'UNKNOWN_REGION'
  | 'INVALID_VALUE'
  | 'NOT_IN_CATALOG'
  | 'SEVERITY_REQUIRED'
  | 'SEVERITY_FORBIDDEN'
  | 'PENALTY_TYPES_FORBIDDEN'
  | 'INVALID_DATE'
  | 'FUTURE_DATE'
  | 'PUBLICITY_OUT_OF_RANGE';

export interface Violation {
  field: string;
  reason: ViolationReason;
  message: string;
  /** More for the caller, e.g. the allowed publicity bounds. */
  details?: Record<string, string>;
}

/** A record as it is stored, less what the store assigns (id, status, version, timestamps). */
export interface ValidRecord {
  subjectId: string;
  kind: RecordKind;
  severity: Severity | null;
  domain: Domain;
  category: Category;
  /** The decision's penalty types (行政处罚的种类), each once, in vocabulary order; empty: not stated. */
  penaltyTypes: PenaltyType[];
  regionCode: string;
  determiningAuthority: string;
  documentNumber: string;
  legalBasis: string;
  decidedOn: string;
  summary: string;
  publicityEndsOn: string;
  minimumPublicityEndsOn: string;
  publicityRegime: PublicityRegime;
}

export type Validation = { ok: true; record: ValidRecord } | { ok: false; violation: Violation };

const FIELDS = [
  'subjectId', 'kind', 'severity', 'domain', 'category', 'penaltyTypes', 'regionCode', 'determiningAuthority',
  'documentNumber', 'legalBasis', 'decidedOn', 'summary', 'publicityEndsOn',
] as const;



class Invalid extends Error {
  constructor(readonly violation: Violation) {
    super(violation.message);
  }
}

function fail(field: string, reason: ViolationReason, message: string, details?: Record<string, string>): never {
  throw new Invalid({ field, reason, message, ...(details && { details }) });
}

type Input = Readonly<Record<string, unknown>>;

function present(input: Input, field: string): unknown {
  const value = input[field];
  if (value == null) fail(field, 'REQUIRED', `${field} is required`);
  return value;
}

function text(input: Input, field: keyof typeof MAX_LENGTH): string {
  const value = present(input, field);
  if (typeof value !== 'string') fail(field, 'INVALID_TYPE', `${field} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length === 0) fail(field, 'BLANK', `${field} must not be blank`);
  if (trimmed.length > MAX_LENGTH[field]) fail(field, 'TOO_LONG', `${field} is longer than ${MAX_LENGTH[field]} characters`);
  // The gateway and kit refuse such text in GraphQL arguments; the NDJSON import reaches here without them.
  if (textRefusal(trimmed, 'String') === 'INVALID_TEXT') fail(field, 'INVALID_TEXT', `${field} holds a character that is not text`);
  return trimmed;
}

function oneOf<T extends string>(input: Input, field: string, list: readonly T[], reason: ViolationReason = 'INVALID_VALUE'): T {
  const value = present(input, field);
  if (!isOneOf(list, value)) fail(field, reason, `${field} must be one of ${list.join(', ')}`);
  return value;
}

function isoDate(input: Input, field: string): string {
  const value = present(input, field);
  if (typeof value !== 'string' || !isIsoDate(value)) fail(field, 'INVALID_DATE', `${field} must be a calendar date YYYY-MM-DD`);
  return value;
}

/** Only an administrative penalty (a NEGATIVE record of category ADMINISTRATIVE_ACT) has penalty types. */
function penaltyTypes(input: Input, kind: RecordKind, category: Category): PenaltyType[] {
  const value = input.penaltyTypes;
  if (value == null) return [];
  if (!Array.isArray(value)) fail('penaltyTypes', 'INVALID_TYPE', 'penaltyTypes must be a list');
  const unknown = value.find((t) => !isOneOf(PENALTY_TYPES, t));
  if (unknown !== undefined) fail('penaltyTypes', 'INVALID_VALUE', `penaltyTypes must each be one of ${PENALTY_TYPES.join(', ')}`);
  if (value.length && (kind !== 'NEGATIVE' || category !== 'ADMINISTRATIVE_ACT')) {
    fail('penaltyTypes', 'PENALTY_TYPES_FORBIDDEN', 'Only a NEGATIVE record of category ADMINISTRATIVE_ACT carries penalty types');
  }
  return PENALTY_TYPES.filter((t) => value.includes(t));
}

function check(input: Input, today: string): ValidRecord {
  const unknown = Object.keys(input).find((key) => !(FIELDS as readonly string[]).includes(key));
  if (unknown !== undefined) fail(unknown, 'UNKNOWN_FIELD', `${unknown} is not a field of a credit record`);

  const subjectId = present(input, 'subjectId');
  if (typeof subjectId !== 'string' || !isUuid(subjectId)) fail('subjectId', 'INVALID_FORMAT', 'subjectId must be a Person id (UUID)');
  const kind = oneOf(input, 'kind', RECORD_KINDS);
  let severity: Severity | null = null;
  if (kind === 'NEGATIVE') {
    if (input.severity == null) fail('severity', 'SEVERITY_REQUIRED', 'A NEGATIVE record needs a severity');
    severity = oneOf(input, 'severity', SEVERITIES);
  } else if (input.severity != null) {
    fail('severity', 'SEVERITY_FORBIDDEN', 'A POSITIVE record has no severity');
  }
  const domain = oneOf(input, 'domain', DOMAINS);
  const category = oneOf(input, 'category', CATEGORIES, 'NOT_IN_CATALOG');
  const types = penaltyTypes(input, kind, category);
  const regionCode = present(input, 'regionCode');
  if (typeof regionCode !== 'string' || !/^\d{6}$/.test(regionCode)) fail('regionCode', 'INVALID_FORMAT', 'regionCode must be 6 digits');
  if (!isKnownRegion(regionCode)) fail('regionCode', 'UNKNOWN_REGION', 'regionCode is not a known administrative division');
  const determiningAuthority = text(input, 'determiningAuthority');
  const documentNumber = text(input, 'documentNumber');
  const legalBasis = text(input, 'legalBasis');
  const decidedOn = isoDate(input, 'decidedOn');
  if (decidedOn > today) fail('decidedOn', 'FUTURE_DATE', 'decidedOn must not be in the future');
  const summary = text(input, 'summary');

  const bounds = publicityBounds({ kind, severity, domain, category, decidedOn, penaltyTypes: types });
  let publicityEndsOn = bounds.defaultEndsOn;
  if (input.publicityEndsOn != null) {
    publicityEndsOn = isoDate(input, 'publicityEndsOn');
    if (!allowsEnd(bounds, publicityEndsOn)) {
      const { minimumEndsOn, maximumEndsOn } = bounds;
      fail('publicityEndsOn', 'PUBLICITY_OUT_OF_RANGE', `publicityEndsOn must be from ${minimumEndsOn} to ${maximumEndsOn} (${bounds.regime})`, {
        minimumEndsOn,
        maximumEndsOn,
      });
    }
  }
  return {
    subjectId: subjectId.toLowerCase(),
    kind,
    severity,
    domain,
    category,
    penaltyTypes: types,
    regionCode,
    determiningAuthority,
    documentNumber,
    legalBasis,
    decidedOn,
    summary,
    publicityEndsOn,
    minimumPublicityEndsOn: bounds.minimumEndsOn,
    publicityRegime: bounds.regime,
  };
}

/** Checks in field order and reports the first violation. */
export function validateRecord(input: Input, today: string): Validation {
  try {
    return { ok: true, record: check(input, today) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, violation: error.violation };
    throw error;
  }
}

export function violationError({ field, reason, message, details }: Violation): GraphQLError {
  return badInput(message, { field, reason, ...details });
}
