/** Callers for identity's in-process tests, as the gateway would vouch for them. */
import { caller } from '@credit/kit/testing';
import type { CallerContext } from '@credit/schema';

export { caller };

/** A citizen speaking for `personId` about their own data. */
export const citizen = (personId: string): CallerContext => caller('CITIZEN', 'SELF_ACCESS', { personId });

/** Registers persons (registerPerson): the credit office taking an objection at its counter. */
export const REGISTRAR = caller('CREDIT_OFFICE', 'OBJECTION_REVIEW', { department: '县发展和改革局信用科' });

export const ANONYMOUS_CALLER: CallerContext = caller('PUBLIC');
