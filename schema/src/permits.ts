/**
 * Who may change what (DESIGN §5, Writes): for every mutation, the (role, purpose) pairs that may
 * perform it and the row rule each pair is held to. Reading a mutation's answer is the read
 * policy's business (policy.ts); performing it is decided here, before anything runs. The gateway,
 * every subgraph (kit `authorizeWrite`), the mutation leak oracle and the README read this table.
 */
import type { Principal, Purpose, Role } from './roles.js';
import { department, type SubgraphName } from './departments.js';

/**
 * SELF: the token's `personId` is the subject the write is about. OWN_DEPARTMENT: the token's
 * `department` is the authority the write is about (the record's determining authority, the
 * nominating department). GRANTOR: the subject gave the caller the live authorization grant it
 * names (`x-authorization-grant`), and its scope covers the department that performs the write.
 * ANY: every subject.
 */
export const ROW_SCOPES = ['SELF', 'OWN_DEPARTMENT', 'GRANTOR', 'ANY'] as const;
export type RowScope = (typeof ROW_SCOPES)[number];

export interface OperationPermit {
  role: Role;
  purposes: readonly Purpose[];
  rows: RowScope;
}

/**
 * The live grant a caller acts under, as whoever checked it established it: the gateway from
 * identity on every request, a subgraph from its own projection of identity's grants. Only a grant
 * that is ACTIVE, names the caller as grantee and the declared purpose as its purpose goes here.
 */
export interface LiveGrant {
  personId: string;
  scope: readonly string[];
}

/** What a row rule is decided on. `undefined` = not known yet (named by id, read from storage later). */
export interface RowFacts {
  subjectId?: string | null;
  authority?: string | null;
}

/**
 * Where a mutation's row facts come from. ARGUMENTS: decided from the input at the gateway before
 * planning, and again by the subgraph. STORED: the operation names a stored row by id (a record, an
 * objection, a grant); only its owning subgraph knows whose it is, and decides the row rule in the
 * transaction that writes, before writing. NONE: nothing exists yet to be about (a new person).
 */
export type FactsSource = 'ARGUMENTS' | 'STORED' | 'NONE';

export interface MutationPermits {
  subgraph: SubgraphName;
  facts: FactsSource;
  /** For the README: what subject and authority mean for this operation. */
  about: string;
  /** The facts the arguments give (ARGUMENTS only). */
  fromArguments?: (args: Readonly<Record<string, unknown>>, principal: Principal) => RowFacts;
  permits: readonly OperationPermit[];
}

const WORKING_OFFICER: readonly Purpose[] = ['ADMINISTRATIVE_LICENSING', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT'];
const SELF_CITIZEN: OperationPermit = { role: 'CITIZEN', purposes: ['SELF_ACCESS'], rows: 'SELF' };
const OBJECTION_REVIEWER: OperationPermit = { role: 'CREDIT_OFFICE', purposes: ['OBJECTION_REVIEW'], rows: 'ANY' };
const REPAIR_REVIEWER: OperationPermit = { role: 'CREDIT_OFFICE', purposes: ['CREDIT_REPAIR_REVIEW'], rows: 'ANY' };
const RED_LIST_NOMINATORS: readonly OperationPermit[] = [
  { role: 'OFFICER', purposes: ['JOINT_INCENTIVE'], rows: 'OWN_DEPARTMENT' },
  // The credit office coordinates joint incentives (牵头单位) and acts for any department.
  { role: 'CREDIT_OFFICE', purposes: ['JOINT_INCENTIVE'], rows: 'ANY' },
];

const input = (args: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : {};
const text = (value: unknown): string | null | undefined => (typeof value === 'string' ? value : value === null ? null : undefined);

export const MUTATION_PERMITS = {
  registerPerson: {
    subgraph: 'identity',
    facts: 'NONE',
    about: 'a new person',
    permits: [
      { role: 'OFFICER', purposes: ['ADMINISTRATIVE_LICENSING'], rows: 'ANY' },
      { role: 'CREDIT_OFFICE', purposes: ['OBJECTION_REVIEW', 'CREDIT_REPAIR_REVIEW', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT'], rows: 'ANY' },
    ],
  },
  grantAuthorization: {
    subgraph: 'identity',
    facts: 'ARGUMENTS',
    about: 'subject: the caller (a grant is always for the token’s `personId`)',
    fromArguments: (_args, principal) => ({ subjectId: principal.personId ?? null }),
    permits: [SELF_CITIZEN],
  },
  revokeAuthorization: {
    subgraph: 'identity',
    facts: 'STORED',
    about: 'subject: the person who gave the grant',
    permits: [SELF_CITIZEN],
  },
  submitCreditRecord: {
    subgraph: 'records',
    facts: 'ARGUMENTS',
    about: 'subject: `input.subjectId`; authority: `input.determiningAuthority`, the token’s `department` when omitted',
    fromArguments: (args, principal) => {
      const given = text(input(args).determiningAuthority);
      return { subjectId: text(input(args).subjectId), authority: given ?? principal.department ?? null };
    },
    permits: [{ role: 'OFFICER', purposes: WORKING_OFFICER, rows: 'OWN_DEPARTMENT' }],
  },
  fileObjection: {
    subgraph: 'disputes',
    facts: 'STORED',
    about: 'subject and authority: the record’s subject and determining authority',
    permits: [SELF_CITIZEN, { role: 'OFFICER', purposes: WORKING_OFFICER, rows: 'OWN_DEPARTMENT' }, OBJECTION_REVIEWER],
  },
  fileRepairApplication: {
    subgraph: 'disputes',
    facts: 'STORED',
    about: 'subject: the record’s subject',
    permits: [SELF_CITIZEN, REPAIR_REVIEWER],
  },
  decideObjection: { subgraph: 'disputes', facts: 'STORED', about: 'the objection', permits: [OBJECTION_REVIEWER] },
  forwardObjection: { subgraph: 'disputes', facts: 'STORED', about: 'the objection', permits: [OBJECTION_REVIEWER] },
  withdrawObjection: {
    subgraph: 'disputes',
    facts: 'STORED',
    about: 'subject: the objection’s subject',
    permits: [SELF_CITIZEN, OBJECTION_REVIEWER],
  },
  decideRepair: { subgraph: 'disputes', facts: 'STORED', about: 'the repair application', permits: [REPAIR_REVIEWER] },
  nominateRedList: {
    subgraph: 'incentives',
    facts: 'ARGUMENTS',
    about: 'subject: `input.personId`; authority: `input.nominatingDepartment`',
    fromArguments: (args) => ({ subjectId: text(input(args).personId), authority: text(input(args).nominatingDepartment) }),
    permits: RED_LIST_NOMINATORS,
  },
  revokeRedListNomination: {
    subgraph: 'incentives',
    facts: 'STORED',
    about: 'subject and authority: the nomination’s subject and nominating department',
    // Whoever may nominate in a department's name may withdraw that department's nomination.
    permits: RED_LIST_NOMINATORS,
  },
  // Issuing a report reads the subject's data and stores the issued report (its number, hash and
  // signature): a write that is a personal read. The subject asks for their own; an agency only
  // under the subject's live grant, which the gateway checks with identity and records with its
  // own projection of identity's grants.
  requestCreditReport: {
    subgraph: 'records',
    facts: 'ARGUMENTS',
    about: 'subject: `personId`; an agency only under the live grant it sends (`x-authorization-grant`) from that person, with CREDIT_RECORDS in its scope',
    fromArguments: (args) => ({ subjectId: text(args.personId) }),
    permits: [SELF_CITIZEN, { role: 'AGENCY', purposes: ['AUTHORIZED_QUERY'], rows: 'GRANTOR' }],
  },
} as const satisfies Record<string, MutationPermits>;

export type MutationName = keyof typeof MUTATION_PERMITS;

export const isMutationName = (name: string): name is MutationName => Object.hasOwn(MUTATION_PERMITS, name);

/**
 * Why a write was refused: NO_PERMIT (no permit for this role and purpose, or an operation the table
 * does not know), NOT_SELF (the subject is not the token's person), NOT_OWN_DEPARTMENT (the authority
 * is not the token's department).
 */
export type PermitRefusal = 'NO_PERMIT' | 'NOT_SELF' | 'NOT_OWN_DEPARTMENT' | 'NOT_GRANTED';

/** How a refusal reads after the operation's name, at the gateway and in every subgraph alike. */
export const PERMIT_REFUSAL_TEXT: Readonly<Record<PermitRefusal, string>> = {
  NO_PERMIT: 'is not open to this role and purpose',
  NOT_SELF: 'is open to this caller only for their own data',
  NOT_OWN_DEPARTMENT: "is open to this caller only for their own department's decisions",
  NOT_GRANTED: 'is open to this caller only for a person whose live authorization (x-authorization-grant) names it and covers this department',
};

export type PermitVerdict = { allowed: true; scopes: readonly RowScope[] } | { allowed: false; reason: PermitRefusal };

export interface Writer {
  principal: Principal;
  purpose: Purpose | null;
  /** The live grant the caller acts under (GRANTOR); absent or null: none, and GRANTOR fails. */
  grant?: LiveGrant | null;
}

function rowHolds(scope: RowScope, writer: Writer, facts: RowFacts | undefined, grantScope: string | undefined): boolean | undefined {
  if (scope === 'ANY') return true;
  const fact = scope === 'OWN_DEPARTMENT' ? facts?.authority : facts?.subjectId;
  if (fact === undefined) return undefined;
  if (scope === 'GRANTOR') {
    const grant = writer.grant;
    return !!grant && fact !== null && grant.personId === fact && grantScope !== undefined && grant.scope.includes(grantScope);
  }
  const mine = scope === 'SELF' ? writer.principal.personId : writer.principal.department;
  return mine !== undefined && mine !== '' && fact === mine;
}

const REFUSAL_OF: Record<Exclude<RowScope, 'ANY'>, PermitRefusal> = { SELF: 'NOT_SELF', OWN_DEPARTMENT: 'NOT_OWN_DEPARTMENT', GRANTOR: 'NOT_GRANTED' };

/**
 * Whether `writer` may perform `operation` on a row with `facts`. Without facts (or with a fact not
 * known yet) only the (role, purpose) is decided, and `scopes` says which row rules are still to be
 * checked once the facts are known. When unsure, refuse.
 */
export function permitVerdict(operation: string, writer: Writer, facts?: RowFacts): PermitVerdict {
  if (!isMutationName(operation)) return { allowed: false, reason: 'NO_PERMIT' };
  const candidates = (MUTATION_PERMITS[operation].permits as readonly OperationPermit[]).filter(
    (p) => p.role === writer.principal.role && writer.purpose !== null && p.purposes.includes(writer.purpose),
  );
  if (candidates.length === 0) return { allowed: false, reason: 'NO_PERMIT' };
  const open: RowScope[] = [];
  let refusal: PermitRefusal | undefined;
  // A department without a grant scope is opened by no grant.
  const grantScope = department(MUTATION_PERMITS[operation].subgraph).grantScope;
  for (const permit of candidates) {
    const holds = rowHolds(permit.rows, writer, facts, grantScope);
    if (holds === true) return { allowed: true, scopes: [] };
    if (holds === undefined) open.push(permit.rows);
    else refusal ??= permit.rows === 'ANY' ? 'NO_PERMIT' : REFUSAL_OF[permit.rows];
  }
  return open.length ? { allowed: true, scopes: open } : { allowed: false, reason: refusal ?? 'NO_PERMIT' };
}

/**
 * The verdict before anything runs, at the gateway and at a subgraph's resolver entry: the (role,
 * purpose), and the row rule where the arguments decide it. Only a STORED operation may leave its
 * row rule open, for the owning subgraph to decide on the stored row (`storedRowVerdict`).
 */
export function entryVerdict(operation: string, writer: Writer, args: Readonly<Record<string, unknown>>): PermitVerdict {
  if (!isMutationName(operation)) return { allowed: false, reason: 'NO_PERMIT' };
  const entry: MutationPermits = MUTATION_PERMITS[operation];
  const facts = entry.facts === 'ARGUMENTS' ? entry.fromArguments!(args, writer.principal) : entry.facts === 'NONE' ? {} : undefined;
  const verdict = permitVerdict(operation, writer, facts);
  if (verdict.allowed && verdict.scopes.length && entry.facts !== 'STORED') return { allowed: false, reason: openRefusal(verdict.scopes) };
  return verdict;
}

/**
 * The verdict on the stored row a STORED operation names, read in the writing transaction. A missing
 * row (`null`) is refused exactly like somebody else's row unless a permit covers ANY row, so an id
 * tells a SELF or OWN_DEPARTMENT caller nothing about what exists.
 */
export function storedRowVerdict(operation: string, writer: Writer, facts: RowFacts | null): PermitVerdict {
  const verdict = permitVerdict(operation, writer, facts ?? { subjectId: null, authority: null });
  if (verdict.allowed && verdict.scopes.length) return { allowed: false, reason: openRefusal(verdict.scopes) };
  return verdict;
}

const openRefusal = (scopes: readonly RowScope[]): PermitRefusal =>
  scopes.includes('SELF') ? 'NOT_SELF' : scopes.includes('GRANTOR') ? 'NOT_GRANTED' : 'NOT_OWN_DEPARTMENT';

/** The subgraph that performs a mutation, from the table. */
export const mutationsOf = (subgraph: SubgraphName): MutationName[] =>
  (Object.keys(MUTATION_PERMITS) as MutationName[]).filter((name) => MUTATION_PERMITS[name].subgraph === subgraph);

const FACTS_TEXT: Record<FactsSource, string> = {
  ARGUMENTS: 'arguments (gateway, before planning)',
  STORED: 'stored row (owning subgraph, before writing)',
  NONE: '—',
};

/** The table as the README shows it; a test keeps the two identical. */
export function permitMatrixMarkdown(): string {
  const rows = (Object.keys(MUTATION_PERMITS) as MutationName[]).map((name) => {
    const entry: MutationPermits = MUTATION_PERMITS[name];
    const who = entry.permits.map((p) => `${p.role} × ${p.purposes.join(' / ')}: ${p.rows}`).join('<br>');
    return `| \`${name}\` | ${entry.subgraph} | ${who} | ${FACTS_TEXT[entry.facts]} | ${entry.about} |`;
  });
  return ['| mutation | subgraph | who may perform it (role × purpose: row rule) | row decided on | the row |', '|---|---|---|---|---|', ...rows].join('\n');
}
