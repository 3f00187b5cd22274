/** The disputes vocabulary; the GraphQL enums of schema.graphql use these names. */

export const OBJECTION_FILERS = ['SUBJECT', 'DETERMINING_AUTHORITY'] as const;
export type ObjectionFiler = (typeof OBJECTION_FILERS)[number];

export const OBJECTION_STATUSES = ['SUBMITTED', 'FORWARDED', 'UPHELD', 'REJECTED', 'WITHDRAWN'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export const REPAIR_STATUSES = ['SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
