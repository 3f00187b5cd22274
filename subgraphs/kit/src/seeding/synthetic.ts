/**
 * Deterministic synthetic data: the same (seed, index) always gives the same person with the same
 * records, objections and repairs, so each subgraph can write its own share of one data set
 * without reading another department's tables.
 */
import { createHash } from 'node:crypto';
import { addDays, addMonths } from '../contracts/dates.js';
import { makeCitizenId } from '../contracts/citizen-id.js';
import type { RecordFacts } from '../contracts/events.js';
import {
  DOMAINS, OCCUPATIONS, REAL_NAME_SECTORS, REPAIR_BASES,
  type Category, type Domain, type Occupation, type RepairBasis, type Severity,
} from '../contracts/vocabulary.js';

export interface SyntheticPerson {
  id: string;
  name: string;
  citizenIdNumber: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: string;
  regionCode: string;
  occupations: Occupation[];
  registrations: { sector: string; registeredAt: string }[];
}

/** A record as records stores it: the facts it publishes (events.ts), and what only records holds. */
export interface SyntheticRecord extends Pick<RecordFacts, 'id' | 'subjectId' | 'kind' | 'severity' | 'domain' | 'category' | 'regionCode' | 'decidedOn'> {
  determiningAuthority: string;
  documentNumber: string;
  legalBasis: string;
  summary: string;
}

export interface SyntheticObjection {
  id: string;
  recordId: string;
  subjectId: string;
  reasons: string;
  filedOn: string;
}

export interface SyntheticRepair {
  id: string;
  recordId: string;
  subjectId: string;
  basis: RepairBasis;
  evidence: string;
  filedOn: string;
}

export interface SyntheticSlice {
  person: SyntheticPerson;
  records: SyntheticRecord[];
  objections: SyntheticObjection[];
  repairs: SyntheticRepair[];
}

/** Up to 10 million persons fit the 1000 sequence numbers per birth date. */
export interface DatasetOptions {
  persons: number;
  seed: number;
  /** Mean credit records per person (default 3). */
  recordsPerPerson?: number;
  /**
   * Without it, decision dates spread evenly over 2018-01-01 to 2026-10-31. With it, a `share` of
   * the records is decided in the `months` whole calendar months before `until`'s month, so they
   * are still published on that date, and the rest more than 37 months before it (expired under
   * every regime): dashboards then count enough persons per region and month. Persons are the
   * same either way; only their records differ.
   */
  recent?: RecentDecisions;
}

export interface RecentDecisions {
  /** The date the data set is made for (ISO). */
  until: string;
  months: number;
  share: number;
}

/**
 * The data set `npm start` writes into an empty database (with `until` moved to the day it
 * starts: `demoDataset`). 1,000 persons in the 10 counties, 90 % of their records decided in the
 * 11 whole months before the current one: all of those not MINOR are still published under every
 * regime (12 months at least), about 19 persons per REGION × MONTH cell, so the trends dashboard
 * is not all suppressed (fewer than 5 persons, and the cells withheld beside them); BENCHMARKS.md
 * has the shares. Its first 200 persons are those of the former 200-person demo set (same seed).
 */
export const DEMO_DATASET: DatasetOptions = {
  persons: 1000,
  seed: 20261121,
  recent: { until: '2026-11-21', months: 11, share: 0.9 },
};

/** The demo set as seeded on `today`: its recent decisions end shortly before that date. */
export function demoDataset(today: string): DatasetOptions {
  return { ...DEMO_DATASET, recent: { ...DEMO_DATASET.recent!, until: today } };
}

export const COUNTIES = [
  { code: '110105', name: '北京市朝阳区', abbr: '京朝' },
  { code: '110108', name: '北京市海淀区', abbr: '京海' },
  { code: '310104', name: '上海市徐汇区', abbr: '沪徐' },
  { code: '330106', name: '杭州市西湖区', abbr: '杭西' },
  { code: '320102', name: '南京市玄武区', abbr: '宁玄' },
  { code: '440106', name: '广州市天河区', abbr: '穗天' },
  { code: '440305', name: '深圳市南山区', abbr: '深南' },
  { code: '510104', name: '成都市锦江区', abbr: '蓉锦' },
  { code: '420102', name: '武汉市江岸区', abbr: '汉江' },
  { code: '610113', name: '西安市雁塔区', abbr: '西雁' },
] as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '司马', '诸葛', '上官'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华', '建', '国', '文', '辉', '玲', '婷'];

const AUTHORITY_BY_DOMAIN: Record<Domain, string> = {
  FOOD_AND_DRUGS: '市场监督管理局', WORK_SAFETY: '应急管理局', FIRE_SAFETY: '消防救援大队',
  TRAFFIC_SAFETY: '公安局交通警察大队', ENVIRONMENT: '生态环境局', BIOSAFETY: '农业农村局',
  PRODUCT_QUALITY: '市场监督管理局', TAXATION: '税务局', HEALTHCARE: '卫生健康委员会',
  LABOUR_AND_SOCIAL_SECURITY: '人力资源和社会保障局', CONSTRUCTION: '住房和城乡建设局',
  FINANCIAL_SERVICES: '地方金融管理局', INTELLECTUAL_PROPERTY: '知识产权局', JUDICIAL_PROCEEDINGS: '人民法院',
  AUDIT_AND_ATTESTATION: '财政局', E_COMMERCE: '市场监督管理局', VOLUNTEER_SERVICE: '民政局',
  STATISTICS: '统计局', SPECIAL_EQUIPMENT: '市场监督管理局',
};

const NEGATIVE_SUMMARIES: Partial<Record<Domain, string>> = {
  FOOD_AND_DRUGS: '经营不符合食品安全标准的食品', WORK_SAFETY: '未按规定落实安全生产责任制',
  FIRE_SAFETY: '占用、堵塞消防通道', TRAFFIC_SAFETY: '醉酒驾驶机动车', ENVIRONMENT: '违法排放污染物',
  TAXATION: '逃避缴纳税款', JUDICIAL_PROCEEDINGS: '有履行能力而拒不履行生效法律文书确定义务',
  LABOUR_AND_SOCIAL_SECURITY: '拖欠劳动者工资', FINANCIAL_SERVICES: '恶意逃废金融债务',
  CONSTRUCTION: '违法转包建设工程', STATISTICS: '提供不真实统计资料',
};

/** mulberry32: small, fast, and the same on every platform. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Ids come from a hash of (seed, index, kind, position), not from the random stream: streams of
 * different persons can overlap, and 100,000 persons would then repeat ids.
 */
export function syntheticId(seed: number, index: number, kind: string, position = 0): string {
  const hex = createHash('sha256').update(`${seed}:${index}:${kind}:${position}`).digest('hex').split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16]!, 16) % 4]!;
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const dayIn = (next: () => number, from: string, days: number) => addDays(from, Math.floor(next() * days));

/** Decision dates span all three publicity regimes (2019, 2023 and 2026 rules). */
const DECIDED_FROM = '2018-01-01';
const DECIDED_DAYS = 3225; // to 2026-10-31
const BIRTH_DAYS = 20011;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** The decision date of one record: its draws come from `next`, one (spread) or two (recent). */
function decisionDate(next: () => number, recent: RecentDecisions | undefined): string {
  if (!recent) return dayIn(next, DECIDED_FROM, DECIDED_DAYS);
  if (next() < recent.share) {
    // Whole calendar months, ending with the last one before `until`'s: a part-month would give
    // small cells, and each small cell withholds others beside it (complementary suppression).
    const monthStart = `${recent.until.slice(0, 7)}-01`;
    const from = addMonths(monthStart, -recent.months);
    return dayIn(next, from, daysBetween(from, monthStart));
  }
  return dayIn(next, DECIDED_FROM, Math.max(1, daysBetween(DECIDED_FROM, addMonths(recent.until, -37))));
}

/**
 * A repair application is made only once every regime's minimum period has passed: spread data
 * files 40 months after records decided before mid-2022; recent data 13 months after the
 * decision, up to a week before `until`, so some records still published have one.
 */
function repairFiledOn(decidedOn: string, recent: RecentDecisions | undefined): string | undefined {
  if (!recent) return decidedOn < '2022-06-01' ? addMonths(decidedOn, 40) : undefined;
  const filedOn = addMonths(decidedOn, 13);
  return filedOn <= addDays(recent.until, -7) ? filedOn : undefined;
}

export function syntheticSlice(options: DatasetOptions, index: number): SyntheticSlice {
  const next = rng(mix(options.seed, index, 1));
  const county = pick(next, COUNTIES);
  const gender = next() < 0.5 ? 'MALE' : 'FEMALE';
  // index -> (birth day, sequence) is one-to-one, so numbers never repeat within a data set;
  // 7919 is coprime to the prime 20011, which spreads neighbours over 55 years of birth dates.
  const birthDate = addDays('1950-01-01', (index * 7919) % BIRTH_DAYS);
  const sequence = Math.floor(index / BIRTH_DAYS) * 2 + (gender === 'MALE' ? 1 : 0);
  const surname = pick(next, SURNAMES);
  const givenLength = next() < 0.6 ? 2 : 1;
  const name = surname + Array.from({ length: givenLength }, () => pick(next, GIVEN)).join('');
  const occupations = [...new Set(Array.from({ length: next() < 0.3 ? 1 + Math.floor(next() * 2) : 0 }, () => pick(next, OCCUPATIONS)))];
  const registrations = [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, REAL_NAME_SECTORS)))].map(
    (sector) => ({ sector, registeredAt: `${dayIn(next, '2012-01-01', 5000)}T09:00:00+08:00` }),
  );
  const person: SyntheticPerson = {
    id: syntheticId(options.seed, index, 'person'),
    name,
    citizenIdNumber: makeCitizenId(county.code, birthDate, sequence),
    gender,
    birthDate,
    regionCode: county.code,
    occupations,
    registrations,
  };

  const mean = options.recordsPerPerson ?? 3;
  const count = Math.floor(next() * (2 * mean + 1));
  const records: SyntheticRecord[] = [];
  const objections: SyntheticObjection[] = [];
  const repairs: SyntheticRepair[] = [];
  for (let r = 0; r < count; r++) {
    const positive = next() < 0.25;
    const domain: Domain = positive ? (next() < 0.6 ? 'VOLUNTEER_SERVICE' : pick(next, DOMAINS)) : pick(next, DOMAINS.filter((d) => d !== 'VOLUNTEER_SERVICE'));
    const roll = next();
    const severity: Severity | null = positive ? null : roll < 0.3 ? 'MINOR' : roll < 0.8 ? 'GENERAL' : 'SERIOUS';
    const category: Category = positive
      ? 'HONOUR'
      : domain === 'JUDICIAL_PROCEEDINGS'
        ? 'JUDICIAL'
        : severity === 'SERIOUS' && next() < 0.5
          ? 'SERIOUS_DISHONESTY_LIST'
          : 'ADMINISTRATIVE_ACT';
    const decidedOn = decisionDate(next, options.recent);
    const year = decidedOn.slice(0, 4);
    const authority = `${county.name}${AUTHORITY_BY_DOMAIN[domain]}`;
    const record: SyntheticRecord = {
      id: syntheticId(options.seed, index, 'record', r),
      subjectId: person.id,
      kind: positive ? 'POSITIVE' : 'NEGATIVE',
      severity,
      domain,
      category,
      regionCode: county.code,
      determiningAuthority: authority,
      // r * 1000 keeps one person's document numbers distinct, so no record is a duplicate.
      documentNumber: `${county.abbr}${positive ? '表' : '罚'}〔${year}〕${r * 1000 + 1 + Math.floor(next() * 999)}号`,
      legalBasis: positive ? '《志愿服务条例》第三十四条' : '《中华人民共和国行政处罚法》第二十八条',
      decidedOn,
      summary: positive ? (domain === 'VOLUNTEER_SERVICE' ? '优秀志愿者' : '先进个人表彰') : (NEGATIVE_SUMMARIES[domain] ?? '违反行业管理规定'),
    };
    records.push(record);
    // Recent data files no objection after `until` (the draw is made either way).
    if (!positive && next() < 0.06 && (!options.recent || addDays(decidedOn, 10) <= options.recent.until)) {
      objections.push({ id: syntheticId(options.seed, index, 'objection', r), recordId: record.id, subjectId: person.id, reasons: '认定事实有误，申请核查', filedOn: addDays(decidedOn, 10) });
    }
    const repairOn = positive || severity === 'MINOR' ? undefined : repairFiledOn(decidedOn, options.recent);
    if (repairOn && next() < 0.1) {
      repairs.push({
        id: syntheticId(options.seed, index, 'repair', r), recordId: record.id, subjectId: person.id, basis: pick(next, REPAIR_BASES),
        evidence: '已履行行政处罚决定并缴纳罚款', filedOn: repairOn,
      });
    }
  }
  return { person, records, objections, repairs };
}

export function* syntheticDataset(options: DatasetOptions): Generator<SyntheticSlice> {
  for (let i = 0; i < options.persons; i++) yield syntheticSlice(options, i);
}
