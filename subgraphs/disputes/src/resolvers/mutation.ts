import type { MutationResolvers } from '../generated/resolvers.js';
import { filingMutations } from './filings.js';
import { objectionMutations } from './objection-workflow.js';
import { repairMutations } from './repair-workflow.js';

export const Mutation: MutationResolvers = { ...filingMutations, ...objectionMutations, ...repairMutations };
