import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, DOMAINS, OCCUPATIONS, REPAIR_BASES } from './vocabulary.js';

/*
 * The lists below are copied by hand from DESIGN §4, each entry with DESIGN's own words next to it
 * (DESIGN names each list in Chinese and its entries in English). A change to a constant in
 * vocabulary.ts must then be matched here on purpose: the constants feed every subgraph's enums,
 * so a silent edit would change what the system accepts.
 */

/** DESIGN §4, Identity: 重点人群 (key populations), 15 occupations. */
const DESIGN_OCCUPATIONS = [
  'CIVIL_SERVANT', // civil servant
  'ENTERPRISE_LEGAL_REPRESENTATIVE', // enterprise legal representative
  'LAWYER', // lawyer
  'TEACHER', // teacher
  'PHYSICIAN', // physician
  'LICENSED_PHARMACIST', // licensed pharmacist
  'TAX_AGENT', // tax agent
  'REGISTERED_FIRE_ENGINEER', // registered fire engineer
  'ACCOUNTANT_AUDITOR', // accountant/auditor (one entry in DESIGN)
  'REAL_ESTATE_AGENT', // real estate agent
  'CERTIFICATION_STAFF', // certification staff
  'FINANCIAL_PRACTITIONER', // financial practitioner
  'TOUR_GUIDE', // tour guide
  'NOTARY', // notary
  'APPRAISER', // appraiser
];

/** DESIGN §4, Records: 重点领域 (key domains), 18 of them. */
const DESIGN_DOMAINS = [
  'FOOD_AND_DRUGS', // food & drugs
  'WORK_SAFETY', // work safety
  'FIRE_SAFETY', // fire safety
  'TRAFFIC_SAFETY', // traffic safety
  'ENVIRONMENT', // environment
  'BIOSAFETY', // biosafety
  'PRODUCT_QUALITY', // product quality
  'TAXATION', // taxation
  'HEALTHCARE', // healthcare
  'LABOUR_AND_SOCIAL_SECURITY', // labour & social security
  'CONSTRUCTION', // construction
  'FINANCIAL_SERVICES', // financial services
  'INTELLECTUAL_PROPERTY', // intellectual property
  'JUDICIAL_PROCEEDINGS', // judicial proceedings
  'AUDIT_AND_ATTESTATION', // audit & attestation
  'E_COMMERCE', // e-commerce
  'VOLUNTEER_SERVICE', // volunteer service
  'STATISTICS', // statistics
];
/**
 * Not in DESIGN's list of key domains, but DESIGN's publicity table (Order 58) gives penalties in
 * special equipment (特种设备) a one-year minimum, so a record must be able to name that domain.
 */
const ORDER_58_EXTRA_DOMAINS = ['SPECIAL_EQUIPMENT'];

/** DESIGN §4, Records: 全国公共信用信息基础目录 (2021), 11 categories. */
const DESIGN_CATEGORIES = [
  'REGISTRATION', // registration
  'JUDICIAL', // judicial rulings and enforcement
  'ADMINISTRATIVE_ACT', // administrative acts (licensing, penalty, enforcement, ...)
  'PROFESSIONAL_QUALIFICATION', // professional qualification
  'ABNORMAL_OPERATION_LIST', // abnormal operation list
  'SERIOUS_DISHONESTY_LIST', // serious dishonesty list
  'CONTRACT_PERFORMANCE', // contract performance
  'CREDIT_PLEDGE', // credit pledges and their performance
  'CREDIT_EVALUATION', // credit evaluation results
  'HONOUR', // honours
  'VOLUNTARY', // voluntarily provided
];

/** DESIGN §4, Disputes: the bases of a credit repair (信用修复), 4 of them. */
const DESIGN_REPAIR_BASES = [
  'OBLIGATION_FULFILLED', // obligation fulfilled
  'PENALTY_PAID', // penalty paid
  'VOLUNTEER_SERVICE', // volunteer service
  'CHARITABLE_DONATION', // charitable donation
];

describe('the shared vocabulary is DESIGN §4’s', () => {
  // The constants follow DESIGN's order, so the comparison is exact rather than as sets.
  it.each([
    ['OCCUPATIONS (key populations)', OCCUPATIONS, DESIGN_OCCUPATIONS, 15],
    ['DOMAINS (key domains, plus the Order 58 sector)', DOMAINS, [...DESIGN_DOMAINS, ...ORDER_58_EXTRA_DOMAINS], 19],
    ['CATEGORIES (2021 catalog)', CATEGORIES, DESIGN_CATEGORIES, 11],
    ['REPAIR_BASES (credit repair)', REPAIR_BASES, DESIGN_REPAIR_BASES, 4],
  ] as const)('%s has exactly DESIGN’s entries', (_name, constant, design, size) => {
    // The size is stated separately: a list copied here with an entry missing would still match.
    expect(design).toHaveLength(size);
    expect(new Set(design).size).toBe(size);
    expect([...constant]).toEqual(design);
  });

  it('keeps the 18 key domains of DESIGN and adds only SPECIAL_EQUIPMENT', () => {
    expect(DESIGN_DOMAINS).toHaveLength(18);
    expect(DOMAINS.filter((d) => !DESIGN_DOMAINS.includes(d))).toEqual(['SPECIAL_EQUIPMENT']);
  });

  // The composed supergraph is what callers see: its enums must spell the same lists, so an enum
  // edited in one subgraph's SDL without the constant (or the reverse) is caught here as well.
  it.each([
    ['Occupation', OCCUPATIONS],
    ['Domain', DOMAINS],
    ['CatalogCategory', CATEGORIES],
    ['RepairBasis', REPAIR_BASES],
  ] as const)('the supergraph enum %s lists exactly the constant', (name, constant) => {
    const sdl = readFileSync(new URL('../../../../schema/supergraph.graphql', import.meta.url), 'utf8');
    const definition = parse(sdl).definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name);
    expect(definition?.kind).toBe(Kind.ENUM_TYPE_DEFINITION);
    const values = definition?.kind === Kind.ENUM_TYPE_DEFINITION ? definition.values?.map((v) => v.name.value) : undefined;
    expect(values).toEqual([...constant]);
  });
});
