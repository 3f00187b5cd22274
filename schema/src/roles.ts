/** Callers and purposes of DESIGN §5. */

export const ROLES = ['PUBLIC', 'CITIZEN', 'OFFICER', 'CREDIT_OFFICE', 'ANALYST', 'AUDITOR', 'AGENCY'] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = [
  'PUBLIC_DISCLOSURE',
  'SELF_ACCESS',
  'ADMINISTRATIVE_LICENSING',
  'JOINT_INCENTIVE',
  'JOINT_PUNISHMENT',
  'OBJECTION_REVIEW',
  'CREDIT_REPAIR_REVIEW',
  'STATISTICS',
  'AUDIT',
  'AUTHORIZED_QUERY',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Who is calling, as the gateway established it from a verified token (or PUBLIC without one). */
export interface Principal {
  /** JWT `sub`; `anonymous` for PUBLIC. */
  sub: string;
  role: Role;
  department?: string;
  /** For CITIZEN: the Person id the token speaks for. */
  personId?: string;
}

/** What the gateway tells subgraphs about a request, in signed headers (defence in depth). */
export interface CallerContext {
  principal: Principal;
  purpose: Purpose | null;
  grantId: string | null;
}

export const ANONYMOUS: Principal = { sub: 'anonymous', role: 'PUBLIC' };

/** Header names between gateway and subgraphs; every one of them is covered by the signature. */
export const CALLER_HEADERS = {
  principal: 'x-credit-principal',
  purpose: 'x-credit-purpose',
  grant: 'x-credit-grant',
} as const;

export function encodeCaller(caller: CallerContext): Record<string, string> {
  return {
    [CALLER_HEADERS.principal]: Buffer.from(JSON.stringify(caller.principal)).toString('base64url'),
    [CALLER_HEADERS.purpose]: caller.purpose ?? '',
    [CALLER_HEADERS.grant]: caller.grantId ?? '',
  };
}

/** Reads the caller headers; anything missing or malformed is the anonymous PUBLIC caller. */
export function decodeCaller(headers: Record<string, string | string[] | undefined>): CallerContext {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  let principal: Principal = ANONYMOUS;
  try {
    const raw = one(CALLER_HEADERS.principal);
    if (raw) {
      const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Principal;
      if (typeof parsed.sub === 'string' && (ROLES as readonly string[]).includes(parsed.role)) principal = parsed;
    }
  } catch {
    principal = ANONYMOUS;
  }
  const purpose = one(CALLER_HEADERS.purpose);
  return {
    principal,
    purpose: purpose && (PURPOSES as readonly string[]).includes(purpose) ? (purpose as Purpose) : null,
    grantId: one(CALLER_HEADERS.grant) || null,
  };
}
