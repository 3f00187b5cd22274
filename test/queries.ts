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
