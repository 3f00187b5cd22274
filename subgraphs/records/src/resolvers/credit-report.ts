import type { Context } from '../context.js';
import { requestCreditReport, verifyCreditReport, type RequestCreditReportArgs } from '../report/issue.js';

export const creditReportMutations = {
  requestCreditReport: (_: unknown, args: RequestCreditReportArgs, ctx: Context) => requestCreditReport(args, ctx),
};

export const creditReportQueries = {
  verifyCreditReport: (_: unknown, args: { number: string; code: string; sha256?: string | null }, ctx: Context) => verifyCreditReport(args, ctx),
};

export const CreditReport = {
  subject: (report: { subjectId: string }) => ({ id: report.subjectId }),
};
