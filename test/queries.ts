import { AUTHORITY, recordInput as submitInput } from '@credit/records/testing';
import type { CallAs, System } from './harness.js';

/** The determining authority of `recordInput`. */
export { AUTHORITY };

/**
 * Who sends `submitCreditRecord` through the gateway: an officer whose token's `department` is the
 * record's determining authority (`recordInput`'s unless told), for joint punishment
 * (schema/src/permits.ts). The credit office the harness calls as by default may not submit.
 */
export async function submitter(system: Pick<System, 'token'>, department: string = AUTHORITY, purpose = 'JOINT_PUNISHMENT'): Promise<CallAs> {
  return { token: await system.token({ role: 'OFFICER', department, sub: `officer:${department}` }), purpose };
}
/**
 * Who may page through all persons (`persons`, the unified-view page) or the whole change feed: an
 * auditor for AUDIT, the one purpose whose entry points include listings (schema/src/entry-points.ts).
 * The credit office the harness calls as by default reaches persons by lookup and its queues only.
 */
export async function auditor(system: Pick<System, 'token'>): Promise<CallAs> {
  return { token: await system.token({ role: 'AUDITOR', department: 'audit-office', sub: 'test-auditor' }), purpose: 'AUDIT' };
}
/** The unified credit view a dashboard asks for: one person across all four departments. */
export const PERSON_FIELDS = `
  id name citizenIdNumber gender birthDate regionCode occupations
  realNameRegistrations { sector registeredAt }
  creditRecords(first: 20) {
    edges { node { id kind severity domain category determiningAuthority documentNumber legalBasis decidedOn summary publicityEndsOn status underObjection objections { id status } } }
    pageInfo { hasNextPage endCursor }
  }
  objections { id status filedOn reasons record { id domain } }
  repairs { id status basis filedOn record { id } }
  integrityScore { value grade contributions { recordId points reason } }
  eligibility { fastTrack acceptWithMissingDocs reasons }
  onSeriousDishonestyList
`;

export const UNIFIED_VIEW = `query UnifiedView($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`;

export const UNIFIED_VIEW_PAGE = `query UnifiedViewPage($first: Int, $after: String) {
  persons(first: $first, after: $after) { edges { cursor node { ${PERSON_FIELDS} } } pageInfo { hasNextPage endCursor } }
}`;

/** A valid `submitCreditRecord` input for this person: the records subgraph's own test input (a GENERAL taxation penalty decided 2026-05-10) unless overridden. */
export function recordInput(subjectId: string, overrides: Record<string, unknown> = {}) {
  return submitInput({ subjectId, ...overrides });
}
