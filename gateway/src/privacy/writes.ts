/**
 * Write permits at the gateway (DESIGN §5, Writes): the mutation fields of an operation, each
 * judged against `MUTATION_PERMITS` on the caller and the arguments before planning. Whether the
 * caller may read a mutation's answer is a separate question, decided afterwards by the read policy.
 */
import { entryVerdict, MUTATION_PERMITS, PERMIT_REFUSAL_TEXT, isMutationName, type CallerContext, type LiveGrant, type PermitRefusal, type PermitVerdict } from '@credit/schema';
import { OWNER_KEY, ownerFrom, TYPE_KEY, type OperationPlan } from './plan.js';
import type { RootCall } from './roots.js';

export interface WriteAttempt {
  /** The response key (alias or field name): the path of its error. */
  key: string;
  mutation: string;
  /** The subject the arguments name, when they name one: the query log's person for a refused write. */
  subjectIds: string[];
  verdict: PermitVerdict;
}

/**
 * The writes a mutation's root calls would make, each with its verdict. `grant` is the live grant
 * the gateway looked up for an agency (grants.ts): a GRANTOR permit holds only under it.
 */
export function writeAttempts(calls: readonly RootCall[], caller: CallerContext, grant: LiveGrant | null = null): WriteAttempt[] {
  const writer = { ...caller, grant };
  return calls.map(({ key, name, args }) => {
    const entry = isMutationName(name) ? MUTATION_PERMITS[name] : undefined;
    const subject = entry && 'fromArguments' in entry ? entry.fromArguments(args, caller.principal).subjectId : undefined;
    return { key, mutation: name, subjectIds: typeof subject === 'string' ? [subject] : [], verdict: entryVerdict(name, writer, args) };
  });
}

/** FORBIDDEN_OPERATION at the refused field's path; nothing of the operation runs. */
export function refusalError(attempt: WriteAttempt, reason: PermitRefusal) {
  return {
    message: `${attempt.mutation} ${PERMIT_REFUSAL_TEXT[reason]}`,
    path: [attempt.key],
    extensions: { code: 'FORBIDDEN_OPERATION', operation: attempt.mutation, reason },
  };
}

/** The person a write's answer is about (its injected owner), read before enforcement strips it. */
export function answerOwner(data: Record<string, unknown> | null, attempt: WriteAttempt, plan: OperationPlan): string | undefined {
  const value = data?.[attempt.key];
  if (!value || typeof value !== 'object') return undefined;
  const object = value as Record<string, unknown>;
  const [only] = plan.root.get(plan.rootType)?.get(attempt.key)?.child?.keys() ?? [];
  const typeName = typeof object[TYPE_KEY] === 'string' ? (object[TYPE_KEY] as string) : only;
  return typeName ? ownerFrom(typeName, object[OWNER_KEY]) : undefined;
}
