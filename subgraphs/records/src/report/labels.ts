/** Chinese names for the shared vocabulary, as a credit report prints them. */
import type { Category, Domain, PenaltyType, Severity } from '@credit/kit';

export const DOMAIN_LABELS: Readonly<Record<Domain, string>> = {
  FOOD_AND_DRUGS: '食品药品',
  WORK_SAFETY: '安全生产',
  FIRE_SAFETY: '消防安全',
  TRAFFIC_SAFETY: '交通运输安全',
  ENVIRONMENT: '生态环境',
  BIOSAFETY: '生物安全',
  PRODUCT_QUALITY: '产品质量',
  TAXATION: '税务',
  HEALTHCARE: '医疗卫生',
  LABOUR_AND_SOCIAL_SECURITY: '劳动保障',
  CONSTRUCTION: '工程建设',
  FINANCIAL_SERVICES: '金融服务',
  INTELLECTUAL_PROPERTY: '知识产权',
  JUDICIAL_PROCEEDINGS: '司法诉讼',
  AUDIT_AND_ATTESTATION: '审计鉴证',
  E_COMMERCE: '电子商务',
  VOLUNTEER_SERVICE: '志愿服务',
  STATISTICS: '统计',
  SPECIAL_EQUIPMENT: '特种设备',
};

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  REGISTRATION: '登记注册',
  JUDICIAL: '司法裁判及执行',
  ADMINISTRATIVE_ACT: '行政管理',
  PROFESSIONAL_QUALIFICATION: '职业资格',
  ABNORMAL_OPERATION_LIST: '经营异常名录',
  SERIOUS_DISHONESTY_LIST: '严重失信主体名单',
  CONTRACT_PERFORMANCE: '合同履约',
  CREDIT_PLEDGE: '信用承诺及履约',
  CREDIT_EVALUATION: '信用评价结果',
  HONOUR: '表彰奖励',
  VOLUNTARY: '自愿提供',
};

/** 行政处罚的种类 as 行政处罚法 Art. 9 names them. */
export const PENALTY_TYPE_LABELS: Readonly<Record<PenaltyType, string>> = {
  WARNING: '警告',
  CIRCULATED_CRITICISM: '通报批评',
  FINE: '罚款',
  CONFISCATION_OF_ILLEGAL_GAINS: '没收违法所得',
  CONFISCATION_OF_ILLEGAL_PROPERTY: '没收非法财物',
  LICENCE_SUSPENSION: '暂扣许可证件',
  QUALIFICATION_DOWNGRADE: '降低资质等级',
  LICENCE_REVOCATION: '吊销许可证件',
  RESTRICTION_OF_OPERATIONS: '限制开展生产经营活动',
  SUSPENSION_OF_BUSINESS: '责令停产停业',
  ORDERED_CLOSURE: '责令关闭',
  PRACTICE_RESTRICTION: '限制从业',
  ADMINISTRATIVE_DETENTION: '行政拘留',
  OTHER: '其他行政处罚',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };

export const GRANT_SCOPE_LABELS: Readonly<Record<string, string>> = {
  IDENTITY: '身份信息',
  CREDIT_RECORDS: '信用记录',
  DISPUTES: '异议与信用修复',
  INCENTIVES: '激励惩戒与诚信积分',
};
