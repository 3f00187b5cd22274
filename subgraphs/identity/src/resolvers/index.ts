import { DateScalar, DateTimeScalar, type GraphQLResolverMap } from '@credit/kit';
import type { Context } from '../context.js';
import { AuthorizationGrant } from './authorization-grant.js';
import { DisclosedPerson } from './disclosed-person.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<Context> = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Person, AuthorizationGrant, DisclosedPerson };
