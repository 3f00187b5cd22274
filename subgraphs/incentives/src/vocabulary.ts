/** Incentives' own vocabulary; the GraphQL enums in schema.graphql use these names. */

export const MEASURE_KINDS = ['INCENTIVE', 'PUNISHMENT'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Best first. */
export const GRADES = ['AAA', 'AA', 'A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * The conditions that apply a measure (DESIGN §4, Incentives): the serious dishonesty list (black
 * list), the red list, and 3 consecutive years without a NEGATIVE record decided.
 */
export const MEASURE_TRIGGERS = ['SERIOUS_DISHONESTY_LIST', 'RED_LIST', 'NO_NEGATIVE_RECORD_3_YEARS'] as const;
export type MeasureTrigger = (typeof MEASURE_TRIGGERS)[number];
