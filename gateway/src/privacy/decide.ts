/**
 * The decide step: how the caller's (role, purpose) and row rule turn into a decision per level,
 * and whose persons the caller's own row covers. The policy itself is data in `@credit/schema`.
 */
import { decisionFor, GRANT_SCOPE_GRAPHS, ROW_RULES, type CallerContext, type Principal, type Purpose } from '@credit/schema';
import type { Grant } from '../grants.js';
import type { CallerPolicy } from './engine.js';

/** How the caller's role and purpose decide each level, for its own rows and for everyone else. */
export function callerPolicy(principal: Principal, purpose: Purpose): CallerPolicy {
  const rule = ROW_RULES[principal.role];
  return {
    key: `${principal.role}:${purpose}`,
    rowRules: rule !== undefined,
    decide: (level, row) =>
      row === 'fallback' && rule ? decisionFor(rule.othersAs.role, rule.othersAs.purpose, level) : decisionFor(principal.role, purpose, level),
  };
}

/** Whether data about `owner` in field `coordinate` is inside the caller's rows; undefined without row rules. */
export function rowCoverage(caller: CallerContext, grant: Grant | null, fieldGraphs: Map<string, Set<string>>) {
  const rule = ROW_RULES[caller.principal.role];
  if (!rule) return undefined;
  if (rule.rowAppliesTo === 'SELF') {
    const self = caller.principal.personId;
    return (owner: string) => self !== undefined && owner === self;
  }
  if (!grant) return () => false;
  const scope = new Set<string>(grant.scope.flatMap((s) => GRANT_SCOPE_GRAPHS.get(s) ?? []));
  return (owner: string, coordinate: string) =>
    owner === grant.personId && [...(fieldGraphs.get(coordinate) ?? [])].some((graph) => scope.has(graph));
}
