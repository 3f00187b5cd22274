/** Saved example queries for the IDE, each for the purposes it runs under. */
import type { Purpose } from '../gql/graphql';

export interface Example {
  name: string;
  zh: string;
  en: string;
  purposes: Purpose[];
  query: string;
}

export const EXAMPLES: Example[] = [
  {
    name: 'trends-region-month',
    zh: '按地区和月份统计公示中的记录',
    en: 'Records in publicity by region and month',
    purposes: ['STATISTICS', 'AUDIT'],
    query: `# 按地区、月份统计公示中的信用记录；不足 5 人的单元格被抑制（count 为 null，suppressed 为 true）
query TrendsByRegionAndMonth {
  creditStatistics(groupBy: [REGION, MONTH], filter: { kind: NEGATIVE }) {
    region
    month
    count
    persons
    suppressed
  }
}
`,
  },
  {
    name: 'trends-domain-severity',
    zh: '按领域和严重程度统计失信记录',
    en: 'Negative records by domain and severity',
    purposes: ['STATISTICS', 'AUDIT'],
    query: `query NegativeByDomainAndSeverity {
  creditStatistics(groupBy: [DOMAIN, SEVERITY], filter: { kind: NEGATIVE }) {
    domain
    severity
    count
    suppressed
  }
}
`,
  },
  {
    name: 'disclosures',
    zh: '信用公示（严重失信主体名单）',
    en: 'Public disclosure list',
    purposes: ['PUBLIC_DISCLOSURE', 'STATISTICS', 'OBJECTION_REVIEW', 'CREDIT_REPAIR_REVIEW', 'ADMINISTRATIVE_LICENSING', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT', 'AUDIT', 'AUTHORIZED_QUERY'],
    query: `query Disclosures {
  publicDisclosures(first: 10, filter: { domain: TAXATION }) {
    edges { node { person { maskedName maskedCitizenIdNumber } domain determiningAuthority documentNumber decidedOn publicityEndsOn } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    name: 'measures',
    zh: '联合奖惩措施目录',
    en: 'Measures catalog',
    purposes: ['PUBLIC_DISCLOSURE', 'STATISTICS', 'OBJECTION_REVIEW', 'CREDIT_REPAIR_REVIEW', 'ADMINISTRATIVE_LICENSING', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT', 'AUDIT', 'AUTHORIZED_QUERY'],
    query: `query MeasuresCatalog {
  measures { code name kind description legalBasis implementingDepartment }
}
`,
  },
  {
    name: 'review-queue',
    zh: '异议审核队列',
    en: 'Objection review queue',
    purposes: ['OBJECTION_REVIEW'],
    query: `query ReviewQueue {
  openObjections(first: 20) {
    edges { node { id status filedOn dueOn overdue subject { name citizenIdNumber } record { documentNumber domain } } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
  },
  {
    name: 'lookup',
    zh: '按公民身份号码查询（单一对象）',
    en: 'Look up one person by citizen ID number',
    purposes: ['ADMINISTRATIVE_LICENSING', 'JOINT_INCENTIVE', 'JOINT_PUNISHMENT', 'OBJECTION_REVIEW', 'CREDIT_REPAIR_REVIEW', 'AUDIT'],
    query: `# 行政许可等用途下，身份号码、出生日期、户籍地区为敏感个人信息：脱敏或不予提供
query LookUp($citizenIdNumber: String!) {
  personByCitizenIdNumber(citizenIdNumber: $citizenIdNumber) {
    name citizenIdNumber birthDate ageBand regionCode
    integrityScore { value grade }
    onSeriousDishonestyList
    eligibility { fastTrack acceptWithMissingDocs reasons }
  }
}
`,
  },
  {
    name: 'audit-log',
    zh: '查询日志（审计）',
    en: 'Query log (audit)',
    purposes: ['AUDIT'],
    query: `query RecentRefusals {
  accessLog(first: 20, filter: { outcome: REFUSED }) {
    edges { node { seq at principal role purpose operationName mutation outcome } }
  }
}
`,
  },
];
