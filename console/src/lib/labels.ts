/**
 * The one label table: every enum of the contract by its Chinese (and English) name. Each table
 * is typed by the codegen enum, so a value added to the schema fails the typecheck until it has
 * a label here.
 */
import type {
  AuditOutcome,
  CatalogCategory,
  Domain,
  Gender,
  Grade,
  GrantScope,
  GrantStatus,
  MeasureKind,
  MeasureTrigger,
  ObjectionFiler,
  ObjectionOutcome,
  ObjectionStatus,
  Occupation,
  PublicityRegime,
  Purpose,
  RealNameSector,
  RecordKind,
  RecordStatus,
  RepairBasis,
  RepairOutcome,
  RepairStatus,
  Role,
  Severity,
  StatisticsDimension,
} from '../gql/graphql';
import type { PrivacyLevel } from '../generated/policy';
import type { Lang } from './i18n';

type Labels<T extends string> = Readonly<Record<T, readonly [zh: string, en: string]>>;

export const DOMAIN: Labels<Domain> = {
  FOOD_AND_DRUGS: ['食品药品', 'Food and drugs'],
  WORK_SAFETY: ['安全生产', 'Work safety'],
  FIRE_SAFETY: ['消防安全', 'Fire safety'],
  TRAFFIC_SAFETY: ['交通安全', 'Traffic safety'],
  ENVIRONMENT: ['生态环境', 'Environment'],
  BIOSAFETY: ['生物安全', 'Biosafety'],
  PRODUCT_QUALITY: ['产品质量', 'Product quality'],
  TAXATION: ['税务', 'Taxation'],
  HEALTHCARE: ['医疗卫生', 'Healthcare'],
  LABOUR_AND_SOCIAL_SECURITY: ['劳动保障', 'Labour and social security'],
  CONSTRUCTION: ['工程建设', 'Construction'],
  FINANCIAL_SERVICES: ['金融服务', 'Financial services'],
  INTELLECTUAL_PROPERTY: ['知识产权', 'Intellectual property'],
  JUDICIAL_PROCEEDINGS: ['司法诉讼', 'Judicial proceedings'],
  AUDIT_AND_ATTESTATION: ['审计鉴证', 'Audit and attestation'],
  E_COMMERCE: ['电子商务', 'E-commerce'],
  VOLUNTEER_SERVICE: ['志愿服务', 'Volunteer service'],
  STATISTICS: ['统计', 'Statistics'],
  SPECIAL_EQUIPMENT: ['特种设备', 'Special equipment'],
};

export const SEVERITY: Labels<Severity> = {
  MINOR: ['轻微', 'Minor'],
  GENERAL: ['一般', 'General'],
  SERIOUS: ['严重', 'Serious'],
};

export const RECORD_KIND: Labels<RecordKind> = {
  POSITIVE: ['守信', 'Positive'],
  NEGATIVE: ['失信', 'Negative'],
};

export const CATEGORY: Labels<CatalogCategory> = {
  REGISTRATION: ['登记注册基本信息', 'Registration'],
  JUDICIAL: ['司法裁判及执行信息', 'Judicial rulings and enforcement'],
  ADMINISTRATIVE_ACT: ['行政管理信息', 'Administrative acts'],
  PROFESSIONAL_QUALIFICATION: ['职业资格信息', 'Professional qualification'],
  ABNORMAL_OPERATION_LIST: ['经营（活动）异常名录', 'Abnormal operation list'],
  SERIOUS_DISHONESTY_LIST: ['严重失信主体名单', 'Serious dishonesty list'],
  CONTRACT_PERFORMANCE: ['合同履行信息', 'Contract performance'],
  CREDIT_PLEDGE: ['信用承诺及履约情况', 'Credit pledges and performance'],
  CREDIT_EVALUATION: ['信用评价结果', 'Credit evaluation results'],
  HONOUR: ['表彰奖励信息', 'Honours'],
  VOLUNTARY: ['自愿提供的信用信息', 'Voluntarily provided'],
};

export const RECORD_STATUS: Labels<RecordStatus> = {
  ACTIVE: ['公示中', 'In publicity'],
  EXPIRED: ['公示期满', 'Expired'],
  REPAIRED: ['已信用修复', 'Repaired'],
  REVOKED: ['已撤销', 'Revoked'],
};

export const PUBLICITY_REGIME: Labels<PublicityRegime> = {
  NOTICE_2019_527: ['发改办财金〔2019〕527号', 'NDRC notice 2019 No. 527'],
  ORDER_58: ['国家发展改革委令第58号', 'NDRC Order 58'],
  ORDER_36: ['国家发展改革委令第36号', 'NDRC Order 36'],
  OWN_POSITIVE_RULE: ['守信信息公示规则', 'Rule for positive records'],
};

export const OBJECTION_STATUS: Labels<ObjectionStatus> = {
  SUBMITTED: ['待处理', 'Submitted'],
  FORWARDED: ['已转认定单位', 'Forwarded'],
  UPHELD: ['异议成立', 'Upheld'],
  REJECTED: ['异议不成立', 'Rejected'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
};

export const OBJECTION_OUTCOME: Labels<ObjectionOutcome> = {
  UPHELD: ['异议成立（更正或撤销记录）', 'Upheld (correct or revoke the record)'],
  REJECTED: ['异议不成立（维持记录）', 'Rejected (keep the record)'],
};

export const OBJECTION_FILER: Labels<ObjectionFiler> = {
  SUBJECT: ['信息主体本人', 'The subject'],
  DETERMINING_AUTHORITY: ['认定单位', 'The determining authority'],
};

export const REPAIR_STATUS: Labels<RepairStatus> = {
  SUBMITTED: ['待审核', 'Submitted'],
  APPROVED: ['已准予修复', 'Approved'],
  REJECTED: ['不予修复', 'Rejected'],
};

export const REPAIR_OUTCOME: Labels<RepairOutcome> = {
  APPROVED: ['准予修复', 'Approve'],
  REJECTED: ['不予修复', 'Reject'],
};

export const REPAIR_BASIS: Labels<RepairBasis> = {
  OBLIGATION_FULFILLED: ['已履行法定义务', 'Obligation fulfilled'],
  PENALTY_PAID: ['已缴纳罚款', 'Penalty paid'],
  VOLUNTEER_SERVICE: ['参加志愿服务', 'Volunteer service'],
  CHARITABLE_DONATION: ['慈善捐助', 'Charitable donation'],
};

export const GENDER: Labels<Gender> = { MALE: ['男', 'Male'], FEMALE: ['女', 'Female'] };

export const GRADE: Labels<Grade> = {
  AAA: ['AAA（优秀）', 'AAA (excellent)'],
  AA: ['AA（良好）', 'AA (good)'],
  A: ['A（较好）', 'A (fair)'],
  B: ['B（一般）', 'B (average)'],
  C: ['C（较差）', 'C (poor)'],
  D: ['D（差）', 'D (bad)'],
};

export const OCCUPATION: Labels<Occupation> = {
  CIVIL_SERVANT: ['公务员', 'Civil servant'],
  ENTERPRISE_LEGAL_REPRESENTATIVE: ['企业法定代表人', 'Enterprise legal representative'],
  LAWYER: ['律师', 'Lawyer'],
  TEACHER: ['教师', 'Teacher'],
  PHYSICIAN: ['医师', 'Physician'],
  LICENSED_PHARMACIST: ['执业药师', 'Licensed pharmacist'],
  TAX_AGENT: ['税务师', 'Tax agent'],
  REGISTERED_FIRE_ENGINEER: ['注册消防工程师', 'Registered fire engineer'],
  ACCOUNTANT_AUDITOR: ['会计审计人员', 'Accountant / auditor'],
  REAL_ESTATE_AGENT: ['房地产中介从业人员', 'Real estate agent'],
  CERTIFICATION_STAFF: ['认证从业人员', 'Certification staff'],
  FINANCIAL_PRACTITIONER: ['金融从业人员', 'Financial practitioner'],
  TOUR_GUIDE: ['导游', 'Tour guide'],
  NOTARY: ['公证员', 'Notary'],
  APPRAISER: ['评估师', 'Appraiser'],
};

export const REAL_NAME_SECTOR: Labels<RealNameSector> = {
  TELECOM: ['电信', 'Telecom'],
  BANKING: ['银行', 'Banking'],
  TRANSPORT: ['交通', 'Transport'],
  INTERNET: ['互联网', 'Internet'],
  POSTAL: ['邮政寄递', 'Postal'],
  SECURITIES: ['证券', 'Securities'],
};

export const GRANT_SCOPE: Labels<GrantScope> = {
  IDENTITY: ['身份信息', 'Identity'],
  CREDIT_RECORDS: ['信用记录', 'Credit records'],
  DISPUTES: ['异议与修复', 'Objections and repairs'],
  INCENTIVES: ['奖惩与评分', 'Incentives and score'],
};

export const GRANT_STATUS: Labels<GrantStatus> = {
  ACTIVE: ['有效', 'Active'],
  EXPIRED: ['已过期', 'Expired'],
  REVOKED: ['已撤销', 'Revoked'],
};

export const MEASURE_KIND: Labels<MeasureKind> = {
  INCENTIVE: ['守信激励', 'Incentive'],
  PUNISHMENT: ['失信惩戒', 'Punishment'],
};

export const MEASURE_TRIGGER: Labels<MeasureTrigger> = {
  SERIOUS_DISHONESTY_LIST: ['列入严重失信主体名单', 'On the serious dishonesty list'],
  RED_LIST: ['列入守信红名单', 'On the red list'],
  NO_NEGATIVE_RECORD_3_YEARS: ['连续三年无失信记录', 'No negative record for 3 years'],
};

export const ROLE: Labels<Role> = {
  PUBLIC: ['社会公众', 'The public'],
  CITIZEN: ['公民本人', 'Citizen'],
  OFFICER: ['行政机关工作人员', 'Officer'],
  CREDIT_OFFICE: ['信用办工作人员', 'Credit office'],
  ANALYST: ['数据分析人员', 'Analyst'],
  AUDITOR: ['审计人员', 'Auditor'],
  AGENCY: ['信用服务机构', 'Credit agency'],
};

export const PURPOSE: Labels<Purpose> = {
  PUBLIC_DISCLOSURE: ['信用公示', 'Public disclosure'],
  SELF_ACCESS: ['本人查询', 'Self access'],
  ADMINISTRATIVE_LICENSING: ['行政许可', 'Administrative licensing'],
  JOINT_INCENTIVE: ['联合激励', 'Joint incentive'],
  JOINT_PUNISHMENT: ['联合惩戒', 'Joint punishment'],
  OBJECTION_REVIEW: ['异议审核', 'Objection review'],
  CREDIT_REPAIR_REVIEW: ['信用修复审核', 'Credit repair review'],
  STATISTICS: ['统计分析', 'Statistics'],
  AUDIT: ['审计', 'Audit'],
  AUTHORIZED_QUERY: ['授权查询', 'Authorized query'],
};

export const AUDIT_OUTCOME: Labels<AuditOutcome> = {
  ANSWERED: ['已查询', 'Read'],
  APPLIED: ['已变更', 'Changed'],
  REFUSED: ['已拒绝', 'Refused'],
};

export const DIMENSION: Labels<StatisticsDimension> = {
  REGION: ['地区', 'Region'],
  DOMAIN: ['领域', 'Domain'],
  SEVERITY: ['严重程度', 'Severity'],
  KIND: ['信息类型', 'Kind'],
  MONTH: ['月份', 'Month'],
};

export const PRIVACY_LEVEL: Labels<PrivacyLevel> = {
  PUBLIC: ['公开', 'Public'],
  INTERNAL: ['内部', 'Internal'],
  PERSONAL: ['个人信息', 'Personal'],
  SENSITIVE: ['敏感个人信息', 'Sensitive'],
};

/** Why a field was withheld (FORBIDDEN_FIELD extensions.reason). */
export const WITHHELD_REASON: Labels<'POLICY' | 'ROW' | 'UNMASKABLE'> = {
  POLICY: ['按当前查询用途的隐私策略不予提供', 'withheld by the privacy policy for this purpose'],
  ROW: ['非本人或未获授权，不予提供', 'not your own record and no grant covers it'],
  UNMASKABLE: ['该字段无法脱敏，故不予提供', 'cannot be masked, so it is withheld'],
};

/** Field names as a reader knows them, for saying which were masked or withheld. */
export const FIELD: Readonly<Record<string, readonly [string, string]>> = {
  name: ['姓名', 'name'],
  citizenIdNumber: ['公民身份号码', 'citizen ID number'],
  gender: ['性别', 'gender'],
  birthDate: ['出生日期', 'birth date'],
  ageBand: ['年龄段', 'age band'],
  regionCode: ['户籍地区', 'region'],
  occupations: ['重点人群职业', 'occupations'],
  realNameRegistrations: ['实名登记', 'real-name registrations'],
  creditRecords: ['信用记录', 'credit records'],
  objections: ['异议', 'objections'],
  repairs: ['信用修复', 'repairs'],
  integrityScore: ['诚信分', 'integrity score'],
  eligibility: ['激励资格', 'eligibility'],
  onSeriousDishonestyList: ['严重失信主体名单', 'serious dishonesty list'],
  onRedList: ['守信红名单', 'red list'],
  redListEntries: ['红名单推荐', 'red list entries'],
  applicableMeasures: ['适用措施', 'applicable measures'],
  authorizationGrants: ['查询授权', 'authorization grants'],
};

/** The mutations as the query log names them. */
export const MUTATION: Readonly<Record<string, readonly [string, string]>> = {
  registerPerson: ['登记人员', 'registered a person'],
  submitCreditRecord: ['归集信用记录', 'submitted a credit record'],
  fileObjection: ['提出异议', 'filed an objection'],
  decideObjection: ['作出异议决定', 'decided an objection'],
  forwardObjection: ['转认定单位处理异议', 'forwarded an objection'],
  withdrawObjection: ['撤回异议', 'withdrew an objection'],
  fileRepairApplication: ['申请信用修复', 'applied for credit repair'],
  decideRepair: ['作出信用修复决定', 'decided a credit repair'],
  nominateRedList: ['推荐列入红名单', 'nominated for the red list'],
  grantAuthorization: ['授权查询', 'granted an authorization'],
  revokeAuthorization: ['撤销授权', 'revoked an authorization'],
  requestCreditReport: ['出具专项信用报告', 'issued a credit report'],
};

/** The label of a value in the current language; an unknown value shows as itself. */
export function label<T extends string>(table: Labels<T>, value: T | null | undefined, lang: Lang): string {
  if (value == null) return '';
  const entry = table[value];
  return entry ? entry[lang === 'zh' ? 0 : 1] : value;
}

/** Select options from a table, in its order. */
export function options<T extends string>(table: Labels<T>, lang: Lang): { value: T; label: string }[] {
  return (Object.keys(table) as T[]).map((value) => ({ value, label: table[value][lang === 'zh' ? 0 : 1] }));
}
