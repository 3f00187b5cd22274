/**
 * The published measures catalog (DESIGN §4): a measure not listed here may not be applied
 * (国办发〔2020〕49号 asks that punishment measures rest on law and be published as a list).
 * Sources, as named in each row:
 * - 国发〔2016〕33号: 《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》
 * - 国办发〔2016〕98号: 《国务院办公厅关于加强个人诚信体系建设的指导意见》, and the local rules
 *   implementing it in seeds/ (兴政办发〔2018〕5号, 云南省人民政府办公厅 2017-10-14), which name
 *   优先办理、重点支持、“绿色通道”和“容缺受理” for persons with good records or three years without
 *   a bad one.
 * - 中办发〔2016〕64号: 《关于加快推进失信被执行人信用监督、警示和惩戒机制建设的意见》
 * - 法释〔2015〕17号, 《中华人民共和国公务员法》, 《中华人民共和国政府采购法》, 财库〔2016〕125号,
 *   发改财金〔2016〕141号 as cited per measure.
 */
import type { MeasureKind } from '../vocabulary.js';

export interface MeasureData {
  code: string;
  kind: MeasureKind;
  name: string;
  description: string;
  legalBasis: string;
  implementingDepartment: string;
}

const GUIDELINES_2016_33 = '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）';
const PERSONAL_INTEGRITY_2016_98 = '《国务院办公厅关于加强个人诚信体系建设的指导意见》（国办发〔2016〕98号）';
const JUDGMENT_DEFAULTERS_2016_64 = '《关于加快推进失信被执行人信用监督、警示和惩戒机制建设的意见》（中办发〔2016〕64号）';

export const MEASURES: readonly MeasureData[] = [
  {
    code: 'FAST_TRACK',
    kind: 'INCENTIVE',
    name: '绿色通道',
    description: '办理行政许可时，对具有优良信用记录的个人和连续三年以上无不良信用记录的行政相对人开辟绿色通道，简化流程、加快办理。',
    legalBasis: `${GUIDELINES_2016_33}；${PERSONAL_INTEGRITY_2016_98}`,
    implementingDepartment: '具有行政许可职能的部门（政务服务中心）',
  },
  {
    code: 'ACCEPT_WITH_MISSING_DOCS',
    kind: 'INCENTIVE',
    name: '容缺受理',
    description: '基本条件具备、主要申请材料齐全时，次要材料暂缺的先予受理，由申请人承诺限期补齐。',
    legalBasis: `${GUIDELINES_2016_33}；${PERSONAL_INTEGRITY_2016_98}`,
    implementingDepartment: '具有行政许可职能的部门（政务服务中心）',
  },
  {
    code: 'PRIORITY_HANDLING',
    kind: 'INCENTIVE',
    name: '优先办理',
    description: '在教育、就业创业、社会保障等公共服务事项中，对具有优良信用记录的个人优先办理、重点支持。',
    legalBasis: `${PERSONAL_INTEGRITY_2016_98}；《兴山县人民政府办公室关于加强个人诚信体系建设的实施意见》（兴政办发〔2018〕5号）`,
    implementingDepartment: '教育、人力资源社会保障、民政等公共服务部门',
  },
  {
    code: 'REDUCED_INSPECTION',
    kind: 'INCENTIVE',
    name: '优化检查频次',
    description: '在日常检查、专项检查中，对信用状况良好的行政相对人适当减少检查频次。',
    legalBasis: GUIDELINES_2016_33,
    implementingDepartment: '市场监管等行政执法部门',
  },
  {
    code: 'RESTRICT_HIGH_CONSUMPTION',
    kind: 'PUNISHMENT',
    name: '限制高消费',
    description: '对失信被执行人限制乘坐飞机、列车软卧及高铁一等座以上座位、在星级以上宾馆消费、购买不动产等高消费及非生活和工作必需的消费行为。',
    legalBasis: `《最高人民法院关于限制被执行人高消费及有关消费的若干规定》（法释〔2015〕17号）；${JUDGMENT_DEFAULTERS_2016_64}`,
    implementingDepartment: '人民法院（交通运输、文化和旅游等部门协助执行）',
  },
  {
    code: 'RESTRICT_CIVIL_SERVICE_ENTRY',
    kind: 'PUNISHMENT',
    name: '限制录用为公务员',
    description: '被依法列为失信联合惩戒对象的，不得录用为公务员；事业单位招聘参照执行。',
    legalBasis: `《中华人民共和国公务员法》第二十六条；${GUIDELINES_2016_33}`,
    implementingDepartment: '公务员主管部门（组织、人力资源社会保障部门）',
  },
  {
    code: 'RESTRICT_GOVERNMENT_PROCUREMENT',
    kind: 'PUNISHMENT',
    name: '限制参与政府采购',
    description: '在政府采购活动中查询信用记录，对列入严重失信主体名单的供应商及其相关责任人拒绝其参与。',
    legalBasis: '《中华人民共和国政府采购法》第二十二条；《财政部关于在政府采购活动中查询及使用信用记录有关问题的通知》（财库〔2016〕125号）',
    implementingDepartment: '财政部门、政府采购代理机构',
  },
  {
    code: 'RESTRICT_FINANCING',
    kind: 'PUNISHMENT',
    name: '限制融资授信',
    description: '将严重失信信息作为融资授信的重要参考，从严审核贷款、信用卡等授信申请。',
    legalBasis: `${GUIDELINES_2016_33}；《关于对失信被执行人实施联合惩戒的合作备忘录》（发改财金〔2016〕141号）`,
    implementingDepartment: '中国人民银行、金融监督管理部门及各金融机构',
  },
  {
    code: 'RESTRICT_HONOURS',
    kind: 'PUNISHMENT',
    name: '限制参评表彰奖励',
    description: '限制严重失信个人参评文明单位、道德模范等荣誉称号和各类表彰奖励；已获荣誉的依规撤销。',
    legalBasis: `${JUDGMENT_DEFAULTERS_2016_64}；${GUIDELINES_2016_33}`,
    implementingDepartment: '精神文明建设委员会办公室及各评比表彰主管部门',
  },
];
