/**
 * The privacy policy of DESIGN §5 as data: which purposes each role may declare, and for each
 * (role, purpose) what happens to a field of each privacy level. The gateway's engine, the
 * subgraphs' row checks, the leak test and the README matrix all read this one table.
 */
import { PRIVACY_LEVELS, type PrivacyLevel } from './privacy.js';
import { PURPOSES, ROLES, type Purpose, type Role } from './roles.js';

export const DECISIONS = ['ALLOW', 'MASK', 'DENY'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface PolicyRow {
  role: Role;
  purpose: Purpose;
  decisions: Readonly<Record<PrivacyLevel, Decision>>;
}

/**
 * Any (role, purpose) pair missing here is refused. INTERNAL means "any authenticated staff":
 * PUBLIC, CITIZEN and AGENCY (a licensed agency, not the administration) never get it.
 */
export const POLICY: readonly PolicyRow[] = [
  { role: 'PUBLIC', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'DENY', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },

  { role: 'CITIZEN', purpose: 'SELF_ACCESS', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'DENY', PERSONAL: 'ALLOW', SENSITIVE: 'ALLOW' } },
  { role: 'CITIZEN', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'DENY', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },

  { role: 'OFFICER', purpose: 'ADMINISTRATIVE_LICENSING', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'MASK' } },
  { role: 'OFFICER', purpose: 'JOINT_INCENTIVE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'MASK' } },
  { role: 'OFFICER', purpose: 'JOINT_PUNISHMENT', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'MASK' } },
  { role: 'OFFICER', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },

  { role: 'CREDIT_OFFICE', purpose: 'OBJECTION_REVIEW', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'ALLOW' } },
  { role: 'CREDIT_OFFICE', purpose: 'CREDIT_REPAIR_REVIEW', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'ALLOW' } },
  { role: 'CREDIT_OFFICE', purpose: 'JOINT_INCENTIVE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'MASK' } },
  { role: 'CREDIT_OFFICE', purpose: 'JOINT_PUNISHMENT', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'MASK' } },
  { role: 'CREDIT_OFFICE', purpose: 'STATISTICS', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'MASK', SENSITIVE: 'DENY' } },
  { role: 'CREDIT_OFFICE', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },

  { role: 'ANALYST', purpose: 'STATISTICS', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'MASK', SENSITIVE: 'DENY' } },
  { role: 'ANALYST', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },

  { role: 'AUDITOR', purpose: 'AUDIT', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'ALLOW', SENSITIVE: 'ALLOW' } },
  { role: 'AUDITOR', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'ALLOW', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },

  { role: 'AGENCY', purpose: 'AUTHORIZED_QUERY', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'DENY', PERSONAL: 'ALLOW', SENSITIVE: 'MASK' } },
  { role: 'AGENCY', purpose: 'PUBLIC_DISCLOSURE', decisions: { PUBLIC: 'ALLOW', INTERNAL: 'DENY', PERSONAL: 'DENY', SENSITIVE: 'DENY' } },
];

/** The purpose assumed when `x-purpose` is absent; roles not listed must always declare one. */
export const DEFAULT_PURPOSES: Readonly<Partial<Record<Role, Purpose>>> = {
  PUBLIC: 'PUBLIC_DISCLOSURE',
  CITIZEN: 'SELF_ACCESS',
};

export interface RowRule {
  /**
   * Whose persons get the (role, purpose) row: SELF = the token's `personId`; GRANTOR = the person
   * who issued the live grant named in `x-authorization-grant` (its grantee is this caller, its
   * purpose the declared one, the data within its scope, not expired, not revoked).
   */
  rowAppliesTo: 'SELF' | 'GRANTOR';
  /** How every other person's data is read. */
  othersAs: { role: Role; purpose: Purpose };
}

/** Per-person rules on top of the table; roles not listed read every person by their row. */
export const ROW_RULES: Readonly<Partial<Record<Role, RowRule>>> = {
  CITIZEN: { rowAppliesTo: 'SELF', othersAs: { role: 'PUBLIC', purpose: 'PUBLIC_DISCLOSURE' } },
  AGENCY: { rowAppliesTo: 'GRANTOR', othersAs: { role: 'PUBLIC', purpose: 'PUBLIC_DISCLOSURE' } },
};

export type PurposeRefusal = 'MISSING' | 'UNKNOWN' | 'NOT_ALLOWED_FOR_ROLE';

/** Becomes `extensions.code` FORBIDDEN_PURPOSE with `reason`; nothing is executed. */
export class PurposeError extends Error {
  readonly code = 'FORBIDDEN_PURPOSE';
  constructor(
    readonly reason: PurposeRefusal,
    readonly role: Role,
    /** What this role may declare, so the caller can correct the header. */
    readonly allowed: readonly Purpose[],
  ) {
    super(
      reason === 'MISSING'
        ? `role ${role} must declare a purpose in x-purpose: one of ${allowed.join(', ')}`
        : reason === 'UNKNOWN'
          ? `x-purpose is not a known purpose; role ${role} may declare ${allowed.join(', ')}`
          : `role ${role} may not declare this purpose; it may declare ${allowed.join(', ')}`,
    );
    this.name = 'PurposeError';
  }
}

export function purposesFor(role: Role): Purpose[] {
  return POLICY.filter((row) => row.role === role).map((row) => row.purpose);
}

/** The purpose a request runs under, from the `x-purpose` header value. */
export function resolvePurpose(role: Role, headerValue: string | undefined): Purpose {
  const allowed = purposesFor(role);
  if (headerValue === undefined || headerValue.trim() === '') {
    const fallback = DEFAULT_PURPOSES[role];
    if (!fallback) throw new PurposeError('MISSING', role, allowed);
    return fallback;
  }
  const purpose = headerValue.trim() as Purpose;
  if (!PURPOSES.includes(purpose)) throw new PurposeError('UNKNOWN', role, allowed);
  if (!allowed.includes(purpose)) throw new PurposeError('NOT_ALLOWED_FOR_ROLE', role, allowed);
  return purpose;
}

/** A pair outside the table, however it got here, reads nothing. */
export function decisionFor(role: Role, purpose: Purpose, level: PrivacyLevel): Decision {
  return POLICY.find((row) => row.role === role && row.purpose === purpose)?.decisions[level] ?? 'DENY';
}

const ROW_RULE_TEXT: Record<RowRule['rowAppliesTo'], string> = {
  SELF: "the row applies to the caller's own person (token claim `personId`)",
  GRANTOR: 'the row applies only to a person who granted this agency a live authorization (`x-authorization-grant`: purpose, scope, expiry, not revoked)',
};

/** The table as the README shows it; a test keeps the two identical. */
export function policyMatrixMarkdown(): string {
  const header = `| role | purpose | ${PRIVACY_LEVELS.join(' | ')} |`;
  const rule = `|---|---|${PRIVACY_LEVELS.map(() => '---').join('|')}|`;
  const rows = ROLES.flatMap((role) =>
    POLICY.filter((row) => row.role === role).map((row) => {
      const purpose = DEFAULT_PURPOSES[role] === row.purpose ? `${row.purpose} (default)` : row.purpose;
      return `| ${role} | ${purpose} | ${PRIVACY_LEVELS.map((level) => row.decisions[level]).join(' | ')} |`;
    }),
  );
  const rowRules = ROLES.flatMap((role) => {
    const rowRule = ROW_RULES[role];
    return rowRule ? [`* ${role}: ${ROW_RULE_TEXT[rowRule.rowAppliesTo]}; any other person is read as ${rowRule.othersAs.role} × ${rowRule.othersAs.purpose}.`] : [];
  });
  return [header, rule, ...rows, '', ...rowRules].join('\n');
}
