import { DateScalar, DateTimeScalar } from '@credit/kit';
import type { Resolvers } from '../generated/resolvers.js';
import { AuthorizationGrant } from './authorization-grant.js';
import { DisclosedPerson } from './disclosed-person.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Person, AuthorizationGrant, DisclosedPerson };
