/** Callers for identity's in-process tests, as the gateway would vouch for them. */
import { ANONYMOUS, type CallerContext, type Purpose, type Role } from '@credit/schema';

export const someone = (role: Role, purpose: Purpose | null, extra: { personId?: string; department?: string } = {}): CallerContext => ({
  principal: role === 'PUBLIC' ? ANONYMOUS : { sub: `${role.toLowerCase()}-1`, role, ...extra },
  purpose,
  grantId: null,
});

/** A citizen speaking for `personId` about their own data. */
export const citizen = (personId: string): CallerContext => ({
  principal: { sub: `citizen:${personId}`, role: 'CITIZEN', personId },
  purpose: 'SELF_ACCESS',
  grantId: null,
});

/** Registers persons (registerPerson): the credit office taking an objection at its counter. */
export const REGISTRAR = someone('CREDIT_OFFICE', 'OBJECTION_REVIEW', { department: '县发展和改革局信用科' });

export const ANONYMOUS_CALLER: CallerContext = someone('PUBLIC', null);
