/**
 * `npx tsx scripts/demo-statistics.ts [GATEWAY_URL]`: how much of the trends dashboard a started
 * system shows. Asks creditStatistics through the gateway as ANALYST × STATISTICS (a dev token from
 * the same dev secret as `npm run token`) for each grouping the console draws, and prints the
 * cells left unsuppressed (a cell of fewer than 5 persons is withheld, and the cells it would
 * otherwise give away beside it).
 */
import { authConfigFromEnv } from '@credit/gateway/auth';
import { signDevToken } from '@credit/gateway/dev-token';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const token = await signDevToken(authConfigFromEnv(), { role: 'ANALYST', sub: 'demo-statistics', ttl: '10m' });
const year = new Date().toISOString().slice(0, 4);
const questions: [string[], Record<string, string>][] = [
  [['REGION', 'MONTH'], {}],
  [['REGION', 'DOMAIN'], { decidedFrom: `${year}-01-01`, decidedTo: `${year}-12-31` }],
  [['DOMAIN'], {}],
  [['SEVERITY'], {}],
  [['REGION'], {}],
  [['MONTH'], {}],
];
for (const [groupBy, filter] of questions) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'STATISTICS' },
    body: JSON.stringify({
      query: 'query($groupBy: [StatisticsDimension!]!, $filter: CreditStatisticsFilter) { creditStatistics(groupBy: $groupBy, filter: $filter) { suppressed } }',
      variables: { groupBy, filter },
    }),
  });
  const body = (await response.json()) as { data?: { creditStatistics: { suppressed: boolean }[] }; errors?: unknown[] };
  if (!body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  const cells = body.data.creditStatistics;
  const open = cells.filter((c) => !c.suppressed).length;
  console.log(`${groupBy.join(' × ')}${filter.decidedFrom ? ` (decided in ${year})` : ''}: ${open} of ${cells.length} cells unsuppressed`);
}
