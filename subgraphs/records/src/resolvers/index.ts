import { DateScalar, DateTimeScalar, type GraphQLResolverMap } from '@credit/kit';
import type { Context } from '../context.js';
import { CreditRecord } from './credit-record.js';
import { CreditReport } from './credit-report.js';
import { CreditRecordChange } from './feed.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';

export const resolvers: GraphQLResolverMap<Context> = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  CreditRecord,
  CreditReport,
  CreditRecordChange,
  Person,
};
