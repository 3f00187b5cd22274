// Resolver types from schema.graphql (npm run codegen); the shape every department's codegen.ts has.
import { resolverCodegen } from '@credit/schema/resolver-codegen';

export default resolverCodegen(import.meta.url, {
  CreditRecord: 'db/schema.js#RecordRow',
  CreditRecordChange: 'db/schema.js#FeedRow',
  CreditReport: 'report/issue.js#IssuedReport',
  CreditStatisticsCell: 'statistics.js#StatisticsCell',
});
