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

/** A valid `submitCreditRecord` input: a GENERAL taxation penalty decided 2026-05-10 unless overridden. */
export function recordInput(subjectId: string, overrides: Record<string, unknown> = {}) {
  return {
    subjectId,
    kind: 'NEGATIVE',
    severity: 'GENERAL',
    domain: 'TAXATION',
    category: 'ADMINISTRATIVE_ACT',
    regionCode: '110105',
    determiningAuthority: '北京市朝阳区税务局',
    documentNumber: `京朝税罚〔2026〕${Math.floor(Math.random() * 1e6)}号`,
    legalBasis: '《中华人民共和国税收征收管理法》第六十三条',
    decidedOn: '2026-05-10',
    summary: '逃避缴纳税款',
    ...overrides,
  };
}
