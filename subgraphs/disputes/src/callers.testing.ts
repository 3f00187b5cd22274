/** Callers for in-process tests, as the gateway would vouch for them. */
import { caller } from '@credit/kit/testing';
import type { Purpose } from '@credit/schema';

export { caller };

export const citizen = (personId: string) => caller('CITIZEN', 'SELF_ACCESS', { personId });
export const creditOffice = (purpose: Purpose) => caller('CREDIT_OFFICE', purpose, { department: '县发展和改革局信用科' });
/** The determining authority of kit's `recordFactsFixture`: its officers may file objections against its records. */
export const AUTHORITY = '北京市朝阳区税务局';
/** An officer of `department` (by default the fixture records' authority). */
export const officer = (purpose: Purpose = 'ADMINISTRATIVE_LICENSING', department: string = AUTHORITY) => caller('OFFICER', purpose, { department });
/** An officer of a department that decided none of the fixture records. */
export const otherOfficer = (purpose: Purpose = 'ADMINISTRATIVE_LICENSING') => officer(purpose, '县市场监督管理局');

export const OBJECTION_REVIEWER = creditOffice('OBJECTION_REVIEW');
export const REPAIR_REVIEWER = creditOffice('CREDIT_REPAIR_REVIEW');
