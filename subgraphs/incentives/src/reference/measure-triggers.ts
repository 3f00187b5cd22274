/**
 * Which condition applies each measure of the catalog (measures.ts). A measure applies when any of
 * its triggers holds; no incentive applies while the person is on the serious dishonesty list,
 * whatever its triggers (DESIGN §4). Sources, per group of rows:
 * - Incentives: 国办发〔2016〕98号 and the local rules implementing it in seeds/ (兴政办发〔2018〕5号,
 *   "六、完善个人守信联合激励和失信联合惩戒机制"; 云南省人民政府办公厅 2017-10-14): "在教育、就业
 *   创业、社会保障等领域给予重点支持和优先便利" for persons with good records (the red list), and
 *   "对具有优良信用记录的个人和连续三年以上无不良信用记录的行政相对人，可视情依法采取优先办理、
 *   重点支持、‘绿色通道’和‘容缺受理’等便利服务措施". 国发〔2016〕33号 offers 诚信典型 and those
 *   with three years without a bad record the same services, and fewer routine inspections
 *   ("在日常检查、专项检查中优化检查频次"), which the catalog extends to persons on the same terms.
 *   Hence PRIORITY_HANDLING on the red list only, the other three on the red list or after 3
 *   clean years.
 * - RESTRICT_HIGH_CONSUMPTION: 法释〔2015〕17号 restricts the consumption of 被执行人 who fail to
 *   perform a judgment (失信被执行人, 中办发〔2016〕64号), so only serious records in the catalog
 *   category of judicial rulings and enforcement (JUDICIAL) trigger it.
 * - The other punishments: 国发〔2016〕33号 and 国办发〔2016〕98号 direct them at serious dishonesty
 *   in general ("对重点领域严重失信个人实施联合惩戒"), so any ACTIVE SERIOUS record triggers them.
 */
import type { Category } from '@credit/kit';
import type { MeasureTrigger } from '../vocabulary.js';

export interface MeasureTriggerData {
  measureCode: string;
  trigger: MeasureTrigger;
  /** Only for SERIOUS_DISHONESTY_LIST: counts only records of this catalog category. */
  category: Category | null;
}

const goodRecord = (measureCode: string): MeasureTriggerData[] => [
  { measureCode, trigger: 'RED_LIST', category: null },
  { measureCode, trigger: 'NO_NEGATIVE_RECORD_3_YEARS', category: null },
];
const seriousDishonesty = (measureCode: string, category: Category | null = null): MeasureTriggerData => ({
  measureCode,
  trigger: 'SERIOUS_DISHONESTY_LIST',
  category,
});

export const MEASURE_TRIGGERS_DATA: readonly MeasureTriggerData[] = [
  ...goodRecord('FAST_TRACK'),
  ...goodRecord('ACCEPT_WITH_MISSING_DOCS'),
  { measureCode: 'PRIORITY_HANDLING', trigger: 'RED_LIST', category: null },
  ...goodRecord('REDUCED_INSPECTION'),
  seriousDishonesty('RESTRICT_HIGH_CONSUMPTION', 'JUDICIAL'),
  seriousDishonesty('RESTRICT_CIVIL_SERVICE_ENTRY'),
  seriousDishonesty('RESTRICT_GOVERNMENT_PROCUREMENT'),
  seriousDishonesty('RESTRICT_FINANCING'),
  seriousDishonesty('RESTRICT_HONOURS'),
];
