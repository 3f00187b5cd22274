/** Incentives' own vocabulary; the GraphQL enums in schema.graphql use these names. */

export const MEASURE_KINDS = ['INCENTIVE', 'PUNISHMENT'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Best first. */
export const GRADES = ['AAA', 'AA', 'A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
