/** The disputes vocabulary; the GraphQL enums of schema.graphql use these names. */

export const OBJECTION_FILERS = ['SUBJECT', 'DETERMINING_AUTHORITY'] as const;
export type ObjectionFiler = (typeof OBJECTION_FILERS)[number];

export const OBJECTION_STATUSES = ['SUBMITTED', 'FORWARDED', 'UPHELD', 'REJECTED', 'WITHDRAWN'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** Awaiting a decision, and counting down its deadline. */
export const OPEN_OBJECTION_STATUSES: readonly ObjectionStatus[] = ['SUBMITTED', 'FORWARDED'];

export const REPAIR_STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
