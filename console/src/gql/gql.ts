/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment UnifiedPerson on Person {\n    id\n    name\n    citizenIdNumber\n    gender\n    birthDate\n    ageBand\n    regionCode\n    occupations\n    realNameRegistrations { sector registeredAt }\n    creditRecords(first: 50) {\n      edges {\n        node {\n          id kind severity domain category regionCode determiningAuthority documentNumber legalBasis\n          decidedOn summary publicityEndsOn minimumPublicityEndsOn publicityRegime status underObjection\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    objections {\n      id status filedBy filedOn reasons evidence dueOn overdue forwardedOn decidedOn outcomeReasons\n      record { id domain documentNumber }\n    }\n    repairs {\n      id status basis evidence creditPledge filedOn decidedOn decisionReasons\n      record { id domain documentNumber }\n    }\n    integrityScore { value grade contributions { recordId points reason } }\n    eligibility { fastTrack acceptWithMissingDocs reasons }\n    onSeriousDishonestyList\n    onRedList\n    redListEntries { id nominatingDepartment reason nominatedOn endsOn live }\n    applicableMeasures {\n      measure { code name kind description implementingDepartment }\n      trigger\n      reason\n      record { id }\n    }\n  }\n": typeof types.UnifiedPersonFragmentDoc,
    "\n  query MyCredit($id: ID!) {\n    person(id: $id) {\n      ...UnifiedPerson\n      authorizationGrants { id grantee purpose scope expiresAt createdAt revokedAt status }\n    }\n  }\n": typeof types.MyCreditDocument,
    "\n  query MyAccessLog($first: Int, $after: String) {\n    myAccessLog(first: $first, after: $after) {\n      edges { node { at role department purpose operationName mutation outcome } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.MyAccessLogDocument,
    "\n  mutation FileObjection($input: FileObjectionInput!) {\n    fileObjection(input: $input) { id status filedOn dueOn }\n  }\n": typeof types.FileObjectionDocument,
    "\n  mutation WithdrawObjection($id: ID!) {\n    withdrawObjection(id: $id) { id status }\n  }\n": typeof types.WithdrawObjectionDocument,
    "\n  mutation FileRepairApplication($input: FileRepairApplicationInput!) {\n    fileRepairApplication(input: $input) { id status filedOn }\n  }\n": typeof types.FileRepairApplicationDocument,
    "\n  mutation GrantAuthorization($input: GrantAuthorizationInput!) {\n    grantAuthorization(input: $input) { id status expiresAt }\n  }\n": typeof types.GrantAuthorizationDocument,
    "\n  mutation RevokeAuthorization($id: ID!) {\n    revokeAuthorization(id: $id) { id status revokedAt }\n  }\n": typeof types.RevokeAuthorizationDocument,
    "\n  query PublicDisclosures($filter: PublicDisclosureFilter, $first: Int, $after: String) {\n    publicDisclosures(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          recordId\n          person { maskedName maskedCitizenIdNumber }\n          domain\n          determiningAuthority\n          documentNumber\n          decidedOn\n          publicityEndsOn\n          regionCode\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PublicDisclosuresDocument,
    "\n  query UnifiedViewByCitizenId($citizenIdNumber: String!) {\n    person: personByCitizenIdNumber(citizenIdNumber: $citizenIdNumber) { ...UnifiedPerson }\n  }\n": typeof types.UnifiedViewByCitizenIdDocument,
    "\n  query UnifiedViewById($id: ID!) {\n    person(id: $id) { ...UnifiedPerson }\n  }\n": typeof types.UnifiedViewByIdDocument,
    "\n  query OpenObjections($first: Int, $after: String) {\n    openObjections(first: $first, after: $after) {\n      edges {\n        node {\n          id status filedOn dueOn overdue forwardedOn\n          subject { id name citizenIdNumber }\n          record { id domain documentNumber }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.OpenObjectionsDocument,
    "\n  query SubmittedRepairs($first: Int, $after: String) {\n    submittedRepairs(first: $first, after: $after) {\n      edges {\n        node {\n          id status basis filedOn\n          subject { id name citizenIdNumber }\n          record { id domain documentNumber }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.SubmittedRepairsDocument,
    "\n  mutation DecideObjection($id: ID!, $outcome: ObjectionOutcome!, $reasons: String, $correction: RecordCorrectionInput) {\n    decideObjection(id: $id, outcome: $outcome, reasons: $reasons, correction: $correction) { id status decidedOn outcomeReasons }\n  }\n": typeof types.DecideObjectionDocument,
    "\n  mutation ForwardObjection($id: ID!) {\n    forwardObjection(id: $id) { id status forwardedOn dueOn }\n  }\n": typeof types.ForwardObjectionDocument,
    "\n  mutation DecideRepair($id: ID!, $outcome: RepairOutcome!, $reasons: String) {\n    decideRepair(id: $id, outcome: $outcome, reasons: $reasons) { id status decidedOn decisionReasons }\n  }\n": typeof types.DecideRepairDocument,
    "\n  query Trends($filter: CreditStatisticsFilter) {\n    byRegion: creditStatistics(groupBy: [REGION], filter: $filter) { region count persons suppressed }\n    byDomain: creditStatistics(groupBy: [DOMAIN], filter: $filter) { domain count persons suppressed }\n    bySeverity: creditStatistics(groupBy: [KIND, SEVERITY], filter: $filter) { kind severity count persons suppressed }\n    byMonth: creditStatistics(groupBy: [MONTH], filter: $filter) { month count persons suppressed }\n  }\n": typeof types.TrendsDocument,
    "\n  query TableCells($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {\n    creditStatistics(groupBy: $groupBy, filter: $filter) { region domain severity kind month count persons suppressed }\n  }\n": typeof types.TableCellsDocument,
};
const documents: Documents = {
    "\n  fragment UnifiedPerson on Person {\n    id\n    name\n    citizenIdNumber\n    gender\n    birthDate\n    ageBand\n    regionCode\n    occupations\n    realNameRegistrations { sector registeredAt }\n    creditRecords(first: 50) {\n      edges {\n        node {\n          id kind severity domain category regionCode determiningAuthority documentNumber legalBasis\n          decidedOn summary publicityEndsOn minimumPublicityEndsOn publicityRegime status underObjection\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    objections {\n      id status filedBy filedOn reasons evidence dueOn overdue forwardedOn decidedOn outcomeReasons\n      record { id domain documentNumber }\n    }\n    repairs {\n      id status basis evidence creditPledge filedOn decidedOn decisionReasons\n      record { id domain documentNumber }\n    }\n    integrityScore { value grade contributions { recordId points reason } }\n    eligibility { fastTrack acceptWithMissingDocs reasons }\n    onSeriousDishonestyList\n    onRedList\n    redListEntries { id nominatingDepartment reason nominatedOn endsOn live }\n    applicableMeasures {\n      measure { code name kind description implementingDepartment }\n      trigger\n      reason\n      record { id }\n    }\n  }\n": types.UnifiedPersonFragmentDoc,
    "\n  query MyCredit($id: ID!) {\n    person(id: $id) {\n      ...UnifiedPerson\n      authorizationGrants { id grantee purpose scope expiresAt createdAt revokedAt status }\n    }\n  }\n": types.MyCreditDocument,
    "\n  query MyAccessLog($first: Int, $after: String) {\n    myAccessLog(first: $first, after: $after) {\n      edges { node { at role department purpose operationName mutation outcome } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.MyAccessLogDocument,
    "\n  mutation FileObjection($input: FileObjectionInput!) {\n    fileObjection(input: $input) { id status filedOn dueOn }\n  }\n": types.FileObjectionDocument,
    "\n  mutation WithdrawObjection($id: ID!) {\n    withdrawObjection(id: $id) { id status }\n  }\n": types.WithdrawObjectionDocument,
    "\n  mutation FileRepairApplication($input: FileRepairApplicationInput!) {\n    fileRepairApplication(input: $input) { id status filedOn }\n  }\n": types.FileRepairApplicationDocument,
    "\n  mutation GrantAuthorization($input: GrantAuthorizationInput!) {\n    grantAuthorization(input: $input) { id status expiresAt }\n  }\n": types.GrantAuthorizationDocument,
    "\n  mutation RevokeAuthorization($id: ID!) {\n    revokeAuthorization(id: $id) { id status revokedAt }\n  }\n": types.RevokeAuthorizationDocument,
    "\n  query PublicDisclosures($filter: PublicDisclosureFilter, $first: Int, $after: String) {\n    publicDisclosures(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          recordId\n          person { maskedName maskedCitizenIdNumber }\n          domain\n          determiningAuthority\n          documentNumber\n          decidedOn\n          publicityEndsOn\n          regionCode\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PublicDisclosuresDocument,
    "\n  query UnifiedViewByCitizenId($citizenIdNumber: String!) {\n    person: personByCitizenIdNumber(citizenIdNumber: $citizenIdNumber) { ...UnifiedPerson }\n  }\n": types.UnifiedViewByCitizenIdDocument,
    "\n  query UnifiedViewById($id: ID!) {\n    person(id: $id) { ...UnifiedPerson }\n  }\n": types.UnifiedViewByIdDocument,
    "\n  query OpenObjections($first: Int, $after: String) {\n    openObjections(first: $first, after: $after) {\n      edges {\n        node {\n          id status filedOn dueOn overdue forwardedOn\n          subject { id name citizenIdNumber }\n          record { id domain documentNumber }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.OpenObjectionsDocument,
    "\n  query SubmittedRepairs($first: Int, $after: String) {\n    submittedRepairs(first: $first, after: $after) {\n      edges {\n        node {\n          id status basis filedOn\n          subject { id name citizenIdNumber }\n          record { id domain documentNumber }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.SubmittedRepairsDocument,
    "\n  mutation DecideObjection($id: ID!, $outcome: ObjectionOutcome!, $reasons: String, $correction: RecordCorrectionInput) {\n    decideObjection(id: $id, outcome: $outcome, reasons: $reasons, correction: $correction) { id status decidedOn outcomeReasons }\n  }\n": types.DecideObjectionDocument,
    "\n  mutation ForwardObjection($id: ID!) {\n    forwardObjection(id: $id) { id status forwardedOn dueOn }\n  }\n": types.ForwardObjectionDocument,
    "\n  mutation DecideRepair($id: ID!, $outcome: RepairOutcome!, $reasons: String) {\n    decideRepair(id: $id, outcome: $outcome, reasons: $reasons) { id status decidedOn decisionReasons }\n  }\n": types.DecideRepairDocument,
    "\n  query Trends($filter: CreditStatisticsFilter) {\n    byRegion: creditStatistics(groupBy: [REGION], filter: $filter) { region count persons suppressed }\n    byDomain: creditStatistics(groupBy: [DOMAIN], filter: $filter) { domain count persons suppressed }\n    bySeverity: creditStatistics(groupBy: [KIND, SEVERITY], filter: $filter) { kind severity count persons suppressed }\n    byMonth: creditStatistics(groupBy: [MONTH], filter: $filter) { month count persons suppressed }\n  }\n": types.TrendsDocument,
    "\n  query TableCells($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {\n    creditStatistics(groupBy: $groupBy, filter: $filter) { region domain severity kind month count persons suppressed }\n  }\n": types.TableCellsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UnifiedPerson on Person {\n    id\n    name\n    citizenIdNumber\n    gender\n    birthDate\n    ageBand\n    regionCode\n    occupations\n    realNameRegistrations { sector registeredAt }\n    creditRecords(first: 50) {\n      edges {\n        node {\n          id kind severity domain category regionCode determiningAuthority documentNumber legalBasis\n          decidedOn summary publicityEndsOn minimumPublicityEndsOn publicityRegime status underObjection\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n    objections {\n      id status filedBy filedOn reasons evidence dueOn overdue forwardedOn decidedOn outcomeReasons\n      record { id domain documentNumber }\n    }\n    repairs {\n      id status basis evidence creditPledge filedOn decidedOn decisionReasons\n      record { id domain documentNumber }\n    }\n    integrityScore { value grade contributions { recordId points reason } }\n    eligibility { fastTrack acceptWithMissingDocs reasons }\n    onSeriousDishonestyList\n    onRedList\n    redListEntries { id nominatingDepartment reason nominatedOn endsOn live }\n    applicableMeasures {\n      measure { code name kind description implementingDepartment }\n      trigger\n      reason\n      record { id }\n    }\n  }\n"): typeof import('./graphql').UnifiedPersonFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCredit($id: ID!) {\n    person(id: $id) {\n      ...UnifiedPerson\n      authorizationGrants { id grantee purpose scope expiresAt createdAt revokedAt status }\n    }\n  }\n"): typeof import('./graphql').MyCreditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccessLog($first: Int, $after: String) {\n    myAccessLog(first: $first, after: $after) {\n      edges { node { at role department purpose operationName mutation outcome } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').MyAccessLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FileObjection($input: FileObjectionInput!) {\n    fileObjection(input: $input) { id status filedOn dueOn }\n  }\n"): typeof import('./graphql').FileObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawObjection($id: ID!) {\n    withdrawObjection(id: $id) { id status }\n  }\n"): typeof import('./graphql').WithdrawObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FileRepairApplication($input: FileRepairApplicationInput!) {\n    fileRepairApplication(input: $input) { id status filedOn }\n  }\n"): typeof import('./graphql').FileRepairApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantAuthorization($input: GrantAuthorizationInput!) {\n    grantAuthorization(input: $input) { id status expiresAt }\n  }\n"): typeof import('./graphql').GrantAuthorizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAuthorization($id: ID!) {\n    revokeAuthorization(id: $id) { id status revokedAt }\n  }\n"): typeof import('./graphql').RevokeAuthorizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicDisclosures($filter: PublicDisclosureFilter, $first: Int, $after: String) {\n    publicDisclosures(filter: $filter, first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          recordId\n          person { maskedName maskedCitizenIdNumber }\n          domain\n          determiningAuthority\n          documentNumber\n          decidedOn\n          publicityEndsOn\n          regionCode\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').PublicDisclosuresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnifiedViewByCitizenId($citizenIdNumber: String!) {\n    person: personByCitizenIdNumber(citizenIdNumber: $citizenIdNumber) { ...UnifiedPerson }\n  }\n"): typeof import('./graphql').UnifiedViewByCitizenIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnifiedViewById($id: ID!) {\n    person(id: $id) { ...UnifiedPerson }\n  }\n"): typeof import('./graphql').UnifiedViewByIdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenObjections($first: Int, $after: String) {\n    openObjections(first: $first, after: $after) {\n      edges {\n        node {\n          id status filedOn dueOn overdue forwardedOn\n          subject { id name citizenIdNumber }\n          record { id domain documentNumber }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').OpenObjectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubmittedRepairs($first: Int, $after: String) {\n    submittedRepairs(first: $first, after: $after) {\n      edges {\n        node {\n          id status basis filedOn\n          subject { id name citizenIdNumber }\n          record { id domain documentNumber }\n        }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').SubmittedRepairsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideObjection($id: ID!, $outcome: ObjectionOutcome!, $reasons: String, $correction: RecordCorrectionInput) {\n    decideObjection(id: $id, outcome: $outcome, reasons: $reasons, correction: $correction) { id status decidedOn outcomeReasons }\n  }\n"): typeof import('./graphql').DecideObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForwardObjection($id: ID!) {\n    forwardObjection(id: $id) { id status forwardedOn dueOn }\n  }\n"): typeof import('./graphql').ForwardObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideRepair($id: ID!, $outcome: RepairOutcome!, $reasons: String) {\n    decideRepair(id: $id, outcome: $outcome, reasons: $reasons) { id status decidedOn decisionReasons }\n  }\n"): typeof import('./graphql').DecideRepairDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Trends($filter: CreditStatisticsFilter) {\n    byRegion: creditStatistics(groupBy: [REGION], filter: $filter) { region count persons suppressed }\n    byDomain: creditStatistics(groupBy: [DOMAIN], filter: $filter) { domain count persons suppressed }\n    bySeverity: creditStatistics(groupBy: [KIND, SEVERITY], filter: $filter) { kind severity count persons suppressed }\n    byMonth: creditStatistics(groupBy: [MONTH], filter: $filter) { month count persons suppressed }\n  }\n"): typeof import('./graphql').TrendsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TableCells($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {\n    creditStatistics(groupBy: $groupBy, filter: $filter) { region domain severity kind month count persons suppressed }\n  }\n"): typeof import('./graphql').TableCellsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
