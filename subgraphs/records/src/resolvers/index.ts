import { DateScalar, DateTimeScalar } from '@credit/kit';
import type { Resolvers } from '../generated/resolvers.js';
import { CreditRecord } from './credit-record.js';
import { CreditReport } from './credit-report.js';
import { CreditRecordChange } from './feed.js';
import { Mutation } from './mutation.js';
import { Person } from './person.js';
import { Query } from './query.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation,
  CreditRecord,
  CreditReport,
  CreditRecordChange,
  Person,
};
