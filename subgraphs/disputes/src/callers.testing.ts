/** Callers for in-process tests, as the gateway would vouch for them. */
import type { CallerContext, Purpose, Role } from '@credit/schema';

const caller = (role: Role, purpose: Purpose | null, extra: { personId?: string; department?: string } = {}): CallerContext => ({
  principal: { sub: `${role.toLowerCase()}-1`, role, ...extra },
  purpose,
  grantId: null,
});

export const citizen = (personId: string) => caller('CITIZEN', 'SELF_ACCESS', { personId });
export const creditOffice = (purpose: Purpose) => caller('CREDIT_OFFICE', purpose, { department: '县发展和改革局信用科' });
export const officer = (purpose: Purpose = 'ADMINISTRATIVE_LICENSING') => caller('OFFICER', purpose, { department: '县市场监督管理局' });
export const someone = caller;

export const OBJECTION_REVIEWER = creditOffice('OBJECTION_REVIEW');
export const REPAIR_REVIEWER = creditOffice('CREDIT_REPAIR_REVIEW');
