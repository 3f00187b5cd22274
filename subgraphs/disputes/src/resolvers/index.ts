import { DateScalar, DateTimeScalar } from '@credit/kit';
import type { Resolvers } from '../generated/resolvers.js';
import { CreditRecord } from './credit-record.js';
import { Mutation } from './mutation.js';
import { Objection } from './objection.js';
import { Person } from './person.js';
import { Query } from './query.js';
import { RepairApplication } from './repair-application.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  Objection,
  RepairApplication,
  Person,
  CreditRecord,
};
