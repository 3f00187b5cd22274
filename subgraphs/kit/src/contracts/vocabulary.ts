/** The shared vocabulary of DESIGN §4: the GraphQL enums of every subgraph use these names. */

/** 重点人群 (key populations). */
export const OCCUPATIONS = [
  'CIVIL_SERVANT', 'ENTERPRISE_LEGAL_REPRESENTATIVE', 'LAWYER', 'TEACHER', 'PHYSICIAN',
  'LICENSED_PHARMACIST', 'TAX_AGENT', 'REGISTERED_FIRE_ENGINEER', 'ACCOUNTANT_AUDITOR',
  'REAL_ESTATE_AGENT', 'CERTIFICATION_STAFF', 'FINANCIAL_PRACTITIONER', 'TOUR_GUIDE', 'NOTARY', 'APPRAISER',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export const REAL_NAME_SECTORS = ['TELECOM', 'BANKING', 'TRANSPORT', 'INTERNET', 'POSTAL', 'SECURITIES'] as const;

export const RECORD_KINDS = ['POSITIVE', 'NEGATIVE'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const SEVERITIES = ['MINOR', 'GENERAL', 'SERIOUS'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * 重点领域 (key domains), plus SPECIAL_EQUIPMENT (特种设备), which NDRC Order 58 names for its
 * one-year minimum publicity period.
 */
export const DOMAINS = [
  'FOOD_AND_DRUGS', 'WORK_SAFETY', 'FIRE_SAFETY', 'TRAFFIC_SAFETY', 'ENVIRONMENT', 'BIOSAFETY',
  'PRODUCT_QUALITY', 'TAXATION', 'HEALTHCARE', 'LABOUR_AND_SOCIAL_SECURITY', 'CONSTRUCTION',
  'FINANCIAL_SERVICES', 'INTELLECTUAL_PROPERTY', 'JUDICIAL_PROCEEDINGS', 'AUDIT_AND_ATTESTATION',
  'E_COMMERCE', 'VOLUNTEER_SERVICE', 'STATISTICS', 'SPECIAL_EQUIPMENT',
] as const;
export type Domain = (typeof DOMAINS)[number];

/** 全国公共信用信息基础目录 (2021), its 11 categories. */
export const CATEGORIES = [
  'REGISTRATION', 'JUDICIAL', 'ADMINISTRATIVE_ACT', 'PROFESSIONAL_QUALIFICATION',
  'ABNORMAL_OPERATION_LIST', 'SERIOUS_DISHONESTY_LIST', 'CONTRACT_PERFORMANCE', 'CREDIT_PLEDGE',
  'CREDIT_EVALUATION', 'HONOUR', 'VOLUNTARY',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * 行政处罚的种类 (行政处罚法 2021, Art. 9): 警告, 通报批评; 罚款, 没收违法所得, 没收非法财物; 暂扣许可证件,
 * 降低资质等级, 吊销许可证件; 限制开展生产经营活动, 责令停产停业, 责令关闭, 限制从业; 行政拘留; and
 * the other penalties laws and administrative regulations provide for. One decision may impose several.
 */
export const PENALTY_TYPES = [
  'WARNING', 'CIRCULATED_CRITICISM', 'FINE', 'CONFISCATION_OF_ILLEGAL_GAINS', 'CONFISCATION_OF_ILLEGAL_PROPERTY',
  'LICENCE_SUSPENSION', 'QUALIFICATION_DOWNGRADE', 'LICENCE_REVOCATION', 'RESTRICTION_OF_OPERATIONS',
  'SUSPENSION_OF_BUSINESS', 'ORDERED_CLOSURE', 'PRACTICE_RESTRICTION', 'ADMINISTRATIVE_DETENTION', 'OTHER',
] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];

export const REPAIR_BASES = ['OBLIGATION_FULFILLED', 'PENALTY_PAID', 'VOLUNTEER_SERVICE', 'CHARITABLE_DONATION'] as const;
export type RepairBasis = (typeof REPAIR_BASES)[number];

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
