import { DateScalar, type GraphQLResolverMap } from '@credit/kit';
import type { Context } from '../context.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';
import { RedListEntry } from './red-list-entry.js';

export const resolvers: GraphQLResolverMap<Context> = { Date: DateScalar, Query, Mutation, Person, RedListEntry };
