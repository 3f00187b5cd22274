import type { CreditReportResolvers, MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import { requestCreditReport, verifyCreditReport } from '../report/issue.js';

export const creditReportMutations: MutationResolvers = {
  requestCreditReport: (_, args, ctx) => requestCreditReport(args, ctx),
};

export const creditReportQueries: QueryResolvers = {
  verifyCreditReport: (_, args, ctx) => verifyCreditReport(args, ctx),
};

export const CreditReport: CreditReportResolvers = {
  subject: (report) => ({ id: report.subjectId }),
};
