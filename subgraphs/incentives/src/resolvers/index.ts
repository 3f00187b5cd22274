import { DateScalar } from '@credit/kit';
import type { Resolvers } from '../generated/resolvers.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';
import { RedListEntry } from './red-list-entry.js';

export const resolvers: Resolvers = { Date: DateScalar, Query, Mutation, Person, RedListEntry };
