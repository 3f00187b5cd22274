import type { GraphQLResolverMap } from '@credit/kit';
import type { Context } from '../context.js';
import { Person } from './person.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<Context> = { Query, Person };
