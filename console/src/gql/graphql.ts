/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuditOutcome =
  /** The answer was released (possibly with masked or withheld fields). */
  | 'ANSWERED'
  /** A write was made. */
  | 'APPLIED'
  /** Nothing was released or written. */
  | 'REFUSED';

/** 全国公共信用信息基础目录 (2021): information outside these categories is not accepted. */
export type CatalogCategory =
  | 'ABNORMAL_OPERATION_LIST'
  | 'ADMINISTRATIVE_ACT'
  | 'CONTRACT_PERFORMANCE'
  | 'CREDIT_EVALUATION'
  | 'CREDIT_PLEDGE'
  | 'HONOUR'
  | 'JUDICIAL'
  | 'PROFESSIONAL_QUALIFICATION'
  | 'REGISTRATION'
  | 'SERIOUS_DISHONESTY_LIST'
  | 'VOLUNTARY';

export type CreditStatisticsFilter = {
  /** Decided on or after this date. */
  decidedFrom?: string | null | undefined;
  /** Decided on or before this date. */
  decidedTo?: string | null | undefined;
  domain?: Domain | null | undefined;
  kind?: RecordKind | null | undefined;
  /** A 6-digit region code. */
  regionCode?: string | null | undefined;
  severity?: Severity | null | undefined;
};

/** 重点领域 (key domains). */
export type Domain =
  | 'AUDIT_AND_ATTESTATION'
  | 'BIOSAFETY'
  | 'CONSTRUCTION'
  | 'ENVIRONMENT'
  | 'E_COMMERCE'
  | 'FINANCIAL_SERVICES'
  | 'FIRE_SAFETY'
  | 'FOOD_AND_DRUGS'
  | 'HEALTHCARE'
  | 'INTELLECTUAL_PROPERTY'
  | 'JUDICIAL_PROCEEDINGS'
  | 'LABOUR_AND_SOCIAL_SECURITY'
  | 'PRODUCT_QUALITY'
  | 'SPECIAL_EQUIPMENT'
  | 'STATISTICS'
  | 'TAXATION'
  | 'TRAFFIC_SAFETY'
  | 'VOLUNTEER_SERVICE'
  | 'WORK_SAFETY';

export type FileObjectionInput = {
  /** References to supporting documents. */
  evidence?: Array<string> | null | undefined;
  /**
   * Who files. When omitted, the caller's own filer: SUBJECT for a CITIZEN, DETERMINING_AUTHORITY
   * for an OFFICER, SUBJECT for the CREDIT_OFFICE (which may name either). A value the caller's role
   * may not file as is FORBIDDEN_OPERATION, reason FILER_NOT_ALLOWED.
   */
  filedBy?: ObjectionFiler | null | undefined;
  reasons: string;
  recordId: string | number;
};

export type FileRepairApplicationInput = {
  basis: RepairBasis;
  /** The text of the credit pledge (信用承诺). */
  creditPledge: string;
  /** References to the evidence of correction; at least one. */
  evidence: Array<string>;
  /** The applicant accepts the pledge; must be true. */
  pledgeAccepted: boolean;
  recordId: string | number;
};

export type Gender =
  | 'FEMALE'
  | 'MALE';

export type Grade =
  | 'A'
  | 'AA'
  | 'AAA'
  | 'B'
  | 'C'
  | 'D';

export type GrantAuthorizationInput = {
  expiresAt: string;
  grantee: string;
  purpose: Purpose;
  scope: Array<GrantScope>;
};

/** Departments whose data a grant opens: identity, records, disputes, incentives. */
export type GrantScope =
  | 'CREDIT_RECORDS'
  | 'DISPUTES'
  | 'IDENTITY'
  | 'INCENTIVES';

export type GrantStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED';

export type MeasureKind =
  | 'INCENTIVE'
  | 'PUNISHMENT';

/** The conditions that apply a measure (the table measure_triggers says which applies which). */
export type MeasureTrigger =
  /** No NEGATIVE record (other than a revoked one) decided in the last 3 years. */
  | 'NO_NEGATIVE_RECORD_3_YEARS'
  /** A live nomination or an ACTIVE POSITIVE record in category HONOUR. */
  | 'RED_LIST'
  /** An ACTIVE SERIOUS NEGATIVE record, for some measures of one catalog category only. */
  | 'SERIOUS_DISHONESTY_LIST';

export type ObjectionFiler =
  | 'DETERMINING_AUTHORITY'
  | 'SUBJECT';

export type ObjectionOutcome =
  | 'REJECTED'
  | 'UPHELD';

export type ObjectionStatus =
  /** Passed to the determining authority for its decision. */
  | 'FORWARDED'
  | 'REJECTED'
  | 'SUBMITTED'
  | 'UPHELD'
  | 'WITHDRAWN';

/** 重点人群 (key populations). */
export type Occupation =
  | 'ACCOUNTANT_AUDITOR'
  | 'APPRAISER'
  | 'CERTIFICATION_STAFF'
  | 'CIVIL_SERVANT'
  | 'ENTERPRISE_LEGAL_REPRESENTATIVE'
  | 'FINANCIAL_PRACTITIONER'
  | 'LAWYER'
  | 'LICENSED_PHARMACIST'
  | 'NOTARY'
  | 'PHYSICIAN'
  | 'REAL_ESTATE_AGENT'
  | 'REGISTERED_FIRE_ENGINEER'
  | 'TAX_AGENT'
  | 'TEACHER'
  | 'TOUR_GUIDE';

export type PublicDisclosureFilter = {
  /** Decided on or after this date. */
  decidedFrom?: string | null | undefined;
  /** Decided on or before this date; not before decidedFrom. */
  decidedTo?: string | null | undefined;
  domain?: Domain | null | undefined;
  /** A 6-digit region code (where the record was determined). */
  regionCode?: string | null | undefined;
};

export type PublicityRegime =
  /** 发改办财金〔2019〕527号 (from 2019-07-01, and decisions before it). */
  | 'NOTICE_2019_527'
  /** NDRC Order 36 / 国办发〔2025〕22号 (from 2026-04-01). */
  | 'ORDER_36'
  /** NDRC Order 58 (from 2023-05-01). */
  | 'ORDER_58'
  /** Positive records: this system's own rule, up to 3 years. */
  | 'OWN_POSITIVE_RULE';

/** Why a caller reads data (DESIGN §5); the same list as the x-purpose header. */
export type Purpose =
  | 'ADMINISTRATIVE_LICENSING'
  | 'AUDIT'
  | 'AUTHORIZED_QUERY'
  | 'CREDIT_REPAIR_REVIEW'
  | 'JOINT_INCENTIVE'
  | 'JOINT_PUNISHMENT'
  | 'OBJECTION_REVIEW'
  | 'PUBLIC_DISCLOSURE'
  | 'SELF_ACCESS'
  | 'STATISTICS';

export type RealNameSector =
  | 'BANKING'
  | 'INTERNET'
  | 'POSTAL'
  | 'SECURITIES'
  | 'TELECOM'
  | 'TRANSPORT';

/**
 * The fields of the record an upheld objection replaces; at least one. The corrected copy keeps
 * the rest of the record.
 */
export type RecordCorrectionInput = {
  legalBasis?: string | null | undefined;
  severity?: Severity | null | undefined;
  summary?: string | null | undefined;
};

export type RecordKind =
  /** 失信 */
  | 'NEGATIVE'
  /** 守信 */
  | 'POSITIVE';

export type RecordStatus =
  /** In publicity. */
  | 'ACTIVE'
  /** The publicity period has ended. */
  | 'EXPIRED'
  /** Publication ended early by an approved credit repair. */
  | 'REPAIRED'
  /** The decision was overturned. */
  | 'REVOKED';

export type RepairBasis =
  | 'CHARITABLE_DONATION'
  | 'OBLIGATION_FULFILLED'
  | 'PENALTY_PAID'
  | 'VOLUNTEER_SERVICE';

export type RepairOutcome =
  | 'APPROVED'
  | 'REJECTED';

export type RepairStatus =
  | 'APPROVED'
  | 'REJECTED'
  | 'SUBMITTED';

/** Who calls the gateway (DESIGN §5). */
export type Role =
  | 'AGENCY'
  | 'ANALYST'
  | 'AUDITOR'
  | 'CITIZEN'
  | 'CREDIT_OFFICE'
  | 'OFFICER'
  | 'PUBLIC';

export type Severity =
  /** 一般 */
  | 'GENERAL'
  /** 轻微 */
  | 'MINOR'
  /** 严重 */
  | 'SERIOUS';

export type StatisticsDimension =
  | 'DOMAIN'
  | 'KIND'
  /** Month of the decision date. */
  | 'MONTH'
  | 'REGION'
  | 'SEVERITY';

export type UnifiedPersonFragment = { id: string, name: string | null, citizenIdNumber: string | null, gender: Gender | null, birthDate: string | null, ageBand: string | null, regionCode: string | null, occupations: Array<Occupation> | null, onSeriousDishonestyList: boolean | null, onRedList: boolean | null, realNameRegistrations: Array<{ sector: RealNameSector | null, registeredAt: string | null }> | null, creditRecords: { edges: Array<{ node: { id: string, kind: RecordKind | null, severity: Severity | null, domain: Domain | null, category: CatalogCategory | null, regionCode: string | null, determiningAuthority: string | null, documentNumber: string | null, legalBasis: string | null, decidedOn: string | null, summary: string | null, publicityEndsOn: string | null, minimumPublicityEndsOn: string | null, publicityRegime: PublicityRegime | null, status: RecordStatus | null, underObjection: boolean | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null, objections: Array<{ id: string, status: ObjectionStatus | null, filedBy: ObjectionFiler | null, filedOn: string | null, reasons: string | null, evidence: Array<string> | null, dueOn: string | null, overdue: boolean | null, forwardedOn: string | null, decidedOn: string | null, outcomeReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, repairs: Array<{ id: string, status: RepairStatus | null, basis: RepairBasis | null, evidence: Array<string> | null, creditPledge: string | null, filedOn: string | null, decidedOn: string | null, decisionReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, integrityScore: { value: number | null, grade: Grade | null, contributions: Array<{ recordId: string | null, points: number | null, reason: string | null }> | null } | null, eligibility: { fastTrack: boolean | null, acceptWithMissingDocs: boolean | null, reasons: Array<string> | null } | null, redListEntries: Array<{ id: string, nominatingDepartment: string | null, reason: string | null, nominatedOn: string | null, endsOn: string | null, live: boolean | null }> | null, applicableMeasures: Array<{ trigger: MeasureTrigger | null, reason: string | null, measure: { code: string, name: string, kind: MeasureKind, description: string, implementingDepartment: string } | null, record: { id: string } | null }> | null };

export type MyCreditQueryVariables = Exact<{
  id: string | number;
}>;


export type MyCreditQuery = { person: { id: string, name: string | null, citizenIdNumber: string | null, gender: Gender | null, birthDate: string | null, ageBand: string | null, regionCode: string | null, occupations: Array<Occupation> | null, onSeriousDishonestyList: boolean | null, onRedList: boolean | null, authorizationGrants: Array<{ id: string, grantee: string | null, purpose: Purpose | null, scope: Array<GrantScope> | null, expiresAt: string | null, createdAt: string | null, revokedAt: string | null, status: GrantStatus | null }> | null, realNameRegistrations: Array<{ sector: RealNameSector | null, registeredAt: string | null }> | null, creditRecords: { edges: Array<{ node: { id: string, kind: RecordKind | null, severity: Severity | null, domain: Domain | null, category: CatalogCategory | null, regionCode: string | null, determiningAuthority: string | null, documentNumber: string | null, legalBasis: string | null, decidedOn: string | null, summary: string | null, publicityEndsOn: string | null, minimumPublicityEndsOn: string | null, publicityRegime: PublicityRegime | null, status: RecordStatus | null, underObjection: boolean | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null, objections: Array<{ id: string, status: ObjectionStatus | null, filedBy: ObjectionFiler | null, filedOn: string | null, reasons: string | null, evidence: Array<string> | null, dueOn: string | null, overdue: boolean | null, forwardedOn: string | null, decidedOn: string | null, outcomeReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, repairs: Array<{ id: string, status: RepairStatus | null, basis: RepairBasis | null, evidence: Array<string> | null, creditPledge: string | null, filedOn: string | null, decidedOn: string | null, decisionReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, integrityScore: { value: number | null, grade: Grade | null, contributions: Array<{ recordId: string | null, points: number | null, reason: string | null }> | null } | null, eligibility: { fastTrack: boolean | null, acceptWithMissingDocs: boolean | null, reasons: Array<string> | null } | null, redListEntries: Array<{ id: string, nominatingDepartment: string | null, reason: string | null, nominatedOn: string | null, endsOn: string | null, live: boolean | null }> | null, applicableMeasures: Array<{ trigger: MeasureTrigger | null, reason: string | null, measure: { code: string, name: string, kind: MeasureKind, description: string, implementingDepartment: string } | null, record: { id: string } | null }> | null } | null };

export type MyAccessLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyAccessLogQuery = { myAccessLog: { edges: Array<{ node: { at: string | null, role: Role | null, department: string | null, purpose: Purpose | null, operationName: string | null, mutation: string | null, outcome: AuditOutcome | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type FileObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileObjectionMutation = { fileObjection: { id: string, status: ObjectionStatus | null, filedOn: string | null, dueOn: string | null } | null };

export type WithdrawObjectionMutationVariables = Exact<{
  id: string | number;
}>;


export type WithdrawObjectionMutation = { withdrawObjection: { id: string, status: ObjectionStatus | null } | null };

export type FileRepairApplicationMutationVariables = Exact<{
  input: FileRepairApplicationInput;
}>;


export type FileRepairApplicationMutation = { fileRepairApplication: { id: string, status: RepairStatus | null, filedOn: string | null } | null };

export type GrantAuthorizationMutationVariables = Exact<{
  input: GrantAuthorizationInput;
}>;


export type GrantAuthorizationMutation = { grantAuthorization: { id: string, status: GrantStatus | null, expiresAt: string | null } | null };

export type RevokeAuthorizationMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeAuthorizationMutation = { revokeAuthorization: { id: string, status: GrantStatus | null, revokedAt: string | null } | null };

export type PublicDisclosuresQueryVariables = Exact<{
  filter?: PublicDisclosureFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PublicDisclosuresQuery = { publicDisclosures: { edges: Array<{ cursor: string, node: { recordId: string, domain: Domain, determiningAuthority: string, documentNumber: string, decidedOn: string, publicityEndsOn: string, regionCode: string, person: { maskedName: string | null, maskedCitizenIdNumber: string | null } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type UnifiedViewByCitizenIdQueryVariables = Exact<{
  citizenIdNumber: string;
}>;


export type UnifiedViewByCitizenIdQuery = { person: { id: string, name: string | null, citizenIdNumber: string | null, gender: Gender | null, birthDate: string | null, ageBand: string | null, regionCode: string | null, occupations: Array<Occupation> | null, onSeriousDishonestyList: boolean | null, onRedList: boolean | null, realNameRegistrations: Array<{ sector: RealNameSector | null, registeredAt: string | null }> | null, creditRecords: { edges: Array<{ node: { id: string, kind: RecordKind | null, severity: Severity | null, domain: Domain | null, category: CatalogCategory | null, regionCode: string | null, determiningAuthority: string | null, documentNumber: string | null, legalBasis: string | null, decidedOn: string | null, summary: string | null, publicityEndsOn: string | null, minimumPublicityEndsOn: string | null, publicityRegime: PublicityRegime | null, status: RecordStatus | null, underObjection: boolean | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null, objections: Array<{ id: string, status: ObjectionStatus | null, filedBy: ObjectionFiler | null, filedOn: string | null, reasons: string | null, evidence: Array<string> | null, dueOn: string | null, overdue: boolean | null, forwardedOn: string | null, decidedOn: string | null, outcomeReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, repairs: Array<{ id: string, status: RepairStatus | null, basis: RepairBasis | null, evidence: Array<string> | null, creditPledge: string | null, filedOn: string | null, decidedOn: string | null, decisionReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, integrityScore: { value: number | null, grade: Grade | null, contributions: Array<{ recordId: string | null, points: number | null, reason: string | null }> | null } | null, eligibility: { fastTrack: boolean | null, acceptWithMissingDocs: boolean | null, reasons: Array<string> | null } | null, redListEntries: Array<{ id: string, nominatingDepartment: string | null, reason: string | null, nominatedOn: string | null, endsOn: string | null, live: boolean | null }> | null, applicableMeasures: Array<{ trigger: MeasureTrigger | null, reason: string | null, measure: { code: string, name: string, kind: MeasureKind, description: string, implementingDepartment: string } | null, record: { id: string } | null }> | null } | null };

export type UnifiedViewByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type UnifiedViewByIdQuery = { person: { id: string, name: string | null, citizenIdNumber: string | null, gender: Gender | null, birthDate: string | null, ageBand: string | null, regionCode: string | null, occupations: Array<Occupation> | null, onSeriousDishonestyList: boolean | null, onRedList: boolean | null, realNameRegistrations: Array<{ sector: RealNameSector | null, registeredAt: string | null }> | null, creditRecords: { edges: Array<{ node: { id: string, kind: RecordKind | null, severity: Severity | null, domain: Domain | null, category: CatalogCategory | null, regionCode: string | null, determiningAuthority: string | null, documentNumber: string | null, legalBasis: string | null, decidedOn: string | null, summary: string | null, publicityEndsOn: string | null, minimumPublicityEndsOn: string | null, publicityRegime: PublicityRegime | null, status: RecordStatus | null, underObjection: boolean | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null, objections: Array<{ id: string, status: ObjectionStatus | null, filedBy: ObjectionFiler | null, filedOn: string | null, reasons: string | null, evidence: Array<string> | null, dueOn: string | null, overdue: boolean | null, forwardedOn: string | null, decidedOn: string | null, outcomeReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, repairs: Array<{ id: string, status: RepairStatus | null, basis: RepairBasis | null, evidence: Array<string> | null, creditPledge: string | null, filedOn: string | null, decidedOn: string | null, decisionReasons: string | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null }> | null, integrityScore: { value: number | null, grade: Grade | null, contributions: Array<{ recordId: string | null, points: number | null, reason: string | null }> | null } | null, eligibility: { fastTrack: boolean | null, acceptWithMissingDocs: boolean | null, reasons: Array<string> | null } | null, redListEntries: Array<{ id: string, nominatingDepartment: string | null, reason: string | null, nominatedOn: string | null, endsOn: string | null, live: boolean | null }> | null, applicableMeasures: Array<{ trigger: MeasureTrigger | null, reason: string | null, measure: { code: string, name: string, kind: MeasureKind, description: string, implementingDepartment: string } | null, record: { id: string } | null }> | null } | null };

export type OpenObjectionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OpenObjectionsQuery = { openObjections: { edges: Array<{ node: { id: string, status: ObjectionStatus | null, filedOn: string | null, dueOn: string | null, overdue: boolean | null, forwardedOn: string | null, subject: { id: string, name: string | null, citizenIdNumber: string | null } | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type SubmittedRepairsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SubmittedRepairsQuery = { submittedRepairs: { edges: Array<{ node: { id: string, status: RepairStatus | null, basis: RepairBasis | null, filedOn: string | null, subject: { id: string, name: string | null, citizenIdNumber: string | null } | null, record: { id: string, domain: Domain | null, documentNumber: string | null } | null } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type DecideObjectionMutationVariables = Exact<{
  id: string | number;
  outcome: ObjectionOutcome;
  reasons?: string | null | undefined;
  correction?: RecordCorrectionInput | null | undefined;
}>;


export type DecideObjectionMutation = { decideObjection: { id: string, status: ObjectionStatus | null, decidedOn: string | null, outcomeReasons: string | null } | null };

export type ForwardObjectionMutationVariables = Exact<{
  id: string | number;
}>;


export type ForwardObjectionMutation = { forwardObjection: { id: string, status: ObjectionStatus | null, forwardedOn: string | null, dueOn: string | null } | null };

export type DecideRepairMutationVariables = Exact<{
  id: string | number;
  outcome: RepairOutcome;
  reasons?: string | null | undefined;
}>;


export type DecideRepairMutation = { decideRepair: { id: string, status: RepairStatus | null, decidedOn: string | null, decisionReasons: string | null } | null };

export type TrendsQueryVariables = Exact<{
  filter?: CreditStatisticsFilter | null | undefined;
}>;


export type TrendsQuery = { byRegion: Array<{ region: string | null, count: number | null, persons: number | null, suppressed: boolean | null }> | null, byDomain: Array<{ domain: Domain | null, count: number | null, persons: number | null, suppressed: boolean | null }> | null, bySeverity: Array<{ kind: RecordKind | null, severity: Severity | null, count: number | null, persons: number | null, suppressed: boolean | null }> | null, byMonth: Array<{ month: string | null, count: number | null, persons: number | null, suppressed: boolean | null }> | null };

export type TableCellsQueryVariables = Exact<{
  groupBy: Array<StatisticsDimension> | StatisticsDimension;
  filter?: CreditStatisticsFilter | null | undefined;
}>;


export type TableCellsQuery = { creditStatistics: Array<{ region: string | null, domain: Domain | null, severity: Severity | null, kind: RecordKind | null, month: string | null, count: number | null, persons: number | null, suppressed: boolean | null }> | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const UnifiedPersonFragmentDoc = new TypedDocumentString(`
    fragment UnifiedPerson on Person {
  id
  name
  citizenIdNumber
  gender
  birthDate
  ageBand
  regionCode
  occupations
  realNameRegistrations {
    sector
    registeredAt
  }
  creditRecords(first: 50) {
    edges {
      node {
        id
        kind
        severity
        domain
        category
        regionCode
        determiningAuthority
        documentNumber
        legalBasis
        decidedOn
        summary
        publicityEndsOn
        minimumPublicityEndsOn
        publicityRegime
        status
        underObjection
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  objections {
    id
    status
    filedBy
    filedOn
    reasons
    evidence
    dueOn
    overdue
    forwardedOn
    decidedOn
    outcomeReasons
    record {
      id
      domain
      documentNumber
    }
  }
  repairs {
    id
    status
    basis
    evidence
    creditPledge
    filedOn
    decidedOn
    decisionReasons
    record {
      id
      domain
      documentNumber
    }
  }
  integrityScore {
    value
    grade
    contributions {
      recordId
      points
      reason
    }
  }
  eligibility {
    fastTrack
    acceptWithMissingDocs
    reasons
  }
  onSeriousDishonestyList
  onRedList
  redListEntries {
    id
    nominatingDepartment
    reason
    nominatedOn
    endsOn
    live
  }
  applicableMeasures {
    measure {
      code
      name
      kind
      description
      implementingDepartment
    }
    trigger
    reason
    record {
      id
    }
  }
}
    `, {"fragmentName":"UnifiedPerson"}) as unknown as TypedDocumentString<UnifiedPersonFragment, unknown>;
export const MyCreditDocument = new TypedDocumentString(`
    query MyCredit($id: ID!) {
  person(id: $id) {
    ...UnifiedPerson
    authorizationGrants {
      id
      grantee
      purpose
      scope
      expiresAt
      createdAt
      revokedAt
      status
    }
  }
}
    fragment UnifiedPerson on Person {
  id
  name
  citizenIdNumber
  gender
  birthDate
  ageBand
  regionCode
  occupations
  realNameRegistrations {
    sector
    registeredAt
  }
  creditRecords(first: 50) {
    edges {
      node {
        id
        kind
        severity
        domain
        category
        regionCode
        determiningAuthority
        documentNumber
        legalBasis
        decidedOn
        summary
        publicityEndsOn
        minimumPublicityEndsOn
        publicityRegime
        status
        underObjection
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  objections {
    id
    status
    filedBy
    filedOn
    reasons
    evidence
    dueOn
    overdue
    forwardedOn
    decidedOn
    outcomeReasons
    record {
      id
      domain
      documentNumber
    }
  }
  repairs {
    id
    status
    basis
    evidence
    creditPledge
    filedOn
    decidedOn
    decisionReasons
    record {
      id
      domain
      documentNumber
    }
  }
  integrityScore {
    value
    grade
    contributions {
      recordId
      points
      reason
    }
  }
  eligibility {
    fastTrack
    acceptWithMissingDocs
    reasons
  }
  onSeriousDishonestyList
  onRedList
  redListEntries {
    id
    nominatingDepartment
    reason
    nominatedOn
    endsOn
    live
  }
  applicableMeasures {
    measure {
      code
      name
      kind
      description
      implementingDepartment
    }
    trigger
    reason
    record {
      id
    }
  }
}`) as unknown as TypedDocumentString<MyCreditQuery, MyCreditQueryVariables>;
export const MyAccessLogDocument = new TypedDocumentString(`
    query MyAccessLog($first: Int, $after: String) {
  myAccessLog(first: $first, after: $after) {
    edges {
      node {
        at
        role
        department
        purpose
        operationName
        mutation
        outcome
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<MyAccessLogQuery, MyAccessLogQueryVariables>;
export const FileObjectionDocument = new TypedDocumentString(`
    mutation FileObjection($input: FileObjectionInput!) {
  fileObjection(input: $input) {
    id
    status
    filedOn
    dueOn
  }
}
    `) as unknown as TypedDocumentString<FileObjectionMutation, FileObjectionMutationVariables>;
export const WithdrawObjectionDocument = new TypedDocumentString(`
    mutation WithdrawObjection($id: ID!) {
  withdrawObjection(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WithdrawObjectionMutation, WithdrawObjectionMutationVariables>;
export const FileRepairApplicationDocument = new TypedDocumentString(`
    mutation FileRepairApplication($input: FileRepairApplicationInput!) {
  fileRepairApplication(input: $input) {
    id
    status
    filedOn
  }
}
    `) as unknown as TypedDocumentString<FileRepairApplicationMutation, FileRepairApplicationMutationVariables>;
export const GrantAuthorizationDocument = new TypedDocumentString(`
    mutation GrantAuthorization($input: GrantAuthorizationInput!) {
  grantAuthorization(input: $input) {
    id
    status
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<GrantAuthorizationMutation, GrantAuthorizationMutationVariables>;
export const RevokeAuthorizationDocument = new TypedDocumentString(`
    mutation RevokeAuthorization($id: ID!) {
  revokeAuthorization(id: $id) {
    id
    status
    revokedAt
  }
}
    `) as unknown as TypedDocumentString<RevokeAuthorizationMutation, RevokeAuthorizationMutationVariables>;
export const PublicDisclosuresDocument = new TypedDocumentString(`
    query PublicDisclosures($filter: PublicDisclosureFilter, $first: Int, $after: String) {
  publicDisclosures(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        recordId
        person {
          maskedName
          maskedCitizenIdNumber
        }
        domain
        determiningAuthority
        documentNumber
        decidedOn
        publicityEndsOn
        regionCode
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<PublicDisclosuresQuery, PublicDisclosuresQueryVariables>;
export const UnifiedViewByCitizenIdDocument = new TypedDocumentString(`
    query UnifiedViewByCitizenId($citizenIdNumber: String!) {
  person: personByCitizenIdNumber(citizenIdNumber: $citizenIdNumber) {
    ...UnifiedPerson
  }
}
    fragment UnifiedPerson on Person {
  id
  name
  citizenIdNumber
  gender
  birthDate
  ageBand
  regionCode
  occupations
  realNameRegistrations {
    sector
    registeredAt
  }
  creditRecords(first: 50) {
    edges {
      node {
        id
        kind
        severity
        domain
        category
        regionCode
        determiningAuthority
        documentNumber
        legalBasis
        decidedOn
        summary
        publicityEndsOn
        minimumPublicityEndsOn
        publicityRegime
        status
        underObjection
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  objections {
    id
    status
    filedBy
    filedOn
    reasons
    evidence
    dueOn
    overdue
    forwardedOn
    decidedOn
    outcomeReasons
    record {
      id
      domain
      documentNumber
    }
  }
  repairs {
    id
    status
    basis
    evidence
    creditPledge
    filedOn
    decidedOn
    decisionReasons
    record {
      id
      domain
      documentNumber
    }
  }
  integrityScore {
    value
    grade
    contributions {
      recordId
      points
      reason
    }
  }
  eligibility {
    fastTrack
    acceptWithMissingDocs
    reasons
  }
  onSeriousDishonestyList
  onRedList
  redListEntries {
    id
    nominatingDepartment
    reason
    nominatedOn
    endsOn
    live
  }
  applicableMeasures {
    measure {
      code
      name
      kind
      description
      implementingDepartment
    }
    trigger
    reason
    record {
      id
    }
  }
}`) as unknown as TypedDocumentString<UnifiedViewByCitizenIdQuery, UnifiedViewByCitizenIdQueryVariables>;
export const UnifiedViewByIdDocument = new TypedDocumentString(`
    query UnifiedViewById($id: ID!) {
  person(id: $id) {
    ...UnifiedPerson
  }
}
    fragment UnifiedPerson on Person {
  id
  name
  citizenIdNumber
  gender
  birthDate
  ageBand
  regionCode
  occupations
  realNameRegistrations {
    sector
    registeredAt
  }
  creditRecords(first: 50) {
    edges {
      node {
        id
        kind
        severity
        domain
        category
        regionCode
        determiningAuthority
        documentNumber
        legalBasis
        decidedOn
        summary
        publicityEndsOn
        minimumPublicityEndsOn
        publicityRegime
        status
        underObjection
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
  objections {
    id
    status
    filedBy
    filedOn
    reasons
    evidence
    dueOn
    overdue
    forwardedOn
    decidedOn
    outcomeReasons
    record {
      id
      domain
      documentNumber
    }
  }
  repairs {
    id
    status
    basis
    evidence
    creditPledge
    filedOn
    decidedOn
    decisionReasons
    record {
      id
      domain
      documentNumber
    }
  }
  integrityScore {
    value
    grade
    contributions {
      recordId
      points
      reason
    }
  }
  eligibility {
    fastTrack
    acceptWithMissingDocs
    reasons
  }
  onSeriousDishonestyList
  onRedList
  redListEntries {
    id
    nominatingDepartment
    reason
    nominatedOn
    endsOn
    live
  }
  applicableMeasures {
    measure {
      code
      name
      kind
      description
      implementingDepartment
    }
    trigger
    reason
    record {
      id
    }
  }
}`) as unknown as TypedDocumentString<UnifiedViewByIdQuery, UnifiedViewByIdQueryVariables>;
export const OpenObjectionsDocument = new TypedDocumentString(`
    query OpenObjections($first: Int, $after: String) {
  openObjections(first: $first, after: $after) {
    edges {
      node {
        id
        status
        filedOn
        dueOn
        overdue
        forwardedOn
        subject {
          id
          name
          citizenIdNumber
        }
        record {
          id
          domain
          documentNumber
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<OpenObjectionsQuery, OpenObjectionsQueryVariables>;
export const SubmittedRepairsDocument = new TypedDocumentString(`
    query SubmittedRepairs($first: Int, $after: String) {
  submittedRepairs(first: $first, after: $after) {
    edges {
      node {
        id
        status
        basis
        filedOn
        subject {
          id
          name
          citizenIdNumber
        }
        record {
          id
          domain
          documentNumber
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SubmittedRepairsQuery, SubmittedRepairsQueryVariables>;
export const DecideObjectionDocument = new TypedDocumentString(`
    mutation DecideObjection($id: ID!, $outcome: ObjectionOutcome!, $reasons: String, $correction: RecordCorrectionInput) {
  decideObjection(
    id: $id
    outcome: $outcome
    reasons: $reasons
    correction: $correction
  ) {
    id
    status
    decidedOn
    outcomeReasons
  }
}
    `) as unknown as TypedDocumentString<DecideObjectionMutation, DecideObjectionMutationVariables>;
export const ForwardObjectionDocument = new TypedDocumentString(`
    mutation ForwardObjection($id: ID!) {
  forwardObjection(id: $id) {
    id
    status
    forwardedOn
    dueOn
  }
}
    `) as unknown as TypedDocumentString<ForwardObjectionMutation, ForwardObjectionMutationVariables>;
export const DecideRepairDocument = new TypedDocumentString(`
    mutation DecideRepair($id: ID!, $outcome: RepairOutcome!, $reasons: String) {
  decideRepair(id: $id, outcome: $outcome, reasons: $reasons) {
    id
    status
    decidedOn
    decisionReasons
  }
}
    `) as unknown as TypedDocumentString<DecideRepairMutation, DecideRepairMutationVariables>;
export const TrendsDocument = new TypedDocumentString(`
    query Trends($filter: CreditStatisticsFilter) {
  byRegion: creditStatistics(groupBy: [REGION], filter: $filter) {
    region
    count
    persons
    suppressed
  }
  byDomain: creditStatistics(groupBy: [DOMAIN], filter: $filter) {
    domain
    count
    persons
    suppressed
  }
  bySeverity: creditStatistics(groupBy: [KIND, SEVERITY], filter: $filter) {
    kind
    severity
    count
    persons
    suppressed
  }
  byMonth: creditStatistics(groupBy: [MONTH], filter: $filter) {
    month
    count
    persons
    suppressed
  }
}
    `) as unknown as TypedDocumentString<TrendsQuery, TrendsQueryVariables>;
export const TableCellsDocument = new TypedDocumentString(`
    query TableCells($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) {
  creditStatistics(groupBy: $groupBy, filter: $filter) {
    region
    domain
    severity
    kind
    month
    count
    persons
    suppressed
  }
}
    `) as unknown as TypedDocumentString<TableCellsQuery, TableCellsQueryVariables>;