import { buildSubgraphSchema } from '@apollo/subgraph';
import { badInput, DateTimeScalar, decodeCursor, loadTypeDefs, pageSize, systemClock, toConnection, type Clock, type Db } from '@credit/kit';
import { AUDIT_SCHEMA_FILE, type CallerContext } from '@credit/schema';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { readAuditEntries, readUsageReview, type AuditLogFilter } from './read.js';
import type { AuditContext } from './served.js';
import type { AuditRow, FieldDecisions } from './tables.js';

/** The gateway's request context, as far as the audit subgraph reads it. */
export type AuditSubgraphContext = AuditContext & { caller: CallerContext };

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });

function beforeSeq(after: string | null | undefined): number | null {
  const key = decodeCursor(after, 1);
  if (!key) return null;
  if (!Number.isSafeInteger(key[0])) throw badInput('after is not a cursor from this list', { argument: 'after' });
  return key[0] as number;
}

/** A citizen's view of an entry: the reader's role and purpose, never its identity or other persons. */
function citizenView(row: AuditRow, personId: string) {
  return {
    seq: row.seq,
    subject: { id: personId },
    at: row.at,
    role: row.role,
    department: row.department,
    purpose: row.purpose,
    operationName: row.operationName,
    mutation: row.mutation,
    outcome: row.outcome,
  };
}

const decisions = (d: FieldDecisions | undefined) => d && { allow: d.ALLOW ?? [], mask: d.MASK ?? [], deny: d.DENY ?? [] };

function auditorView(row: AuditRow) {
  return {
    ...row,
    principal: row.principalSub,
    fields: { personal: decisions(row.fields.PERSONAL), sensitive: decisions(row.fields.SENSITIVE) },
  };
}

/**
 * The audit subgraph, for the gateway to serve with a LocalGraphQLDataSource: its resolvers get
 * the gateway's request context. What they return is personal data too, so its persons are added
 * to the request's audit state like any subgraph's report.
 */
export function createAuditSubgraphSchema(db: Db, clock: Clock = systemClock): GraphQLSchema {
  const resolvers = {
    DateTime: DateTimeScalar,
    Query: {
      myAccessLog: async (_: unknown, { first, after }: PageArgs, ctx: AuditSubgraphContext) => {
        const { principal } = ctx.caller;
        if (principal.role !== 'CITIZEN' || !principal.personId) {
          throw forbidden('myAccessLog lists the reads of a citizen’s own data: it needs a CITIZEN token with a personId');
        }
        const personId = principal.personId;
        const size = pageSize(first);
        const rows = await readAuditEntries(db, { personId }, size + 1, beforeSeq(after));
        const connection = toConnection(
          rows.map((row) => citizenView(row, personId)),
          size,
          (entry) => [entry.seq],
        );
        if (connection.edges.length) ctx.audit.servedPersons.add(personId);
        return connection;
      },
      usageReview: async (_: unknown, { from, to }: { from?: Date | null; to?: Date | null }, ctx: AuditSubgraphContext) => {
        if (ctx.caller.principal.role !== 'AUDITOR' || ctx.caller.purpose !== 'AUDIT') {
          throw forbidden('usageReview is for an AUDITOR declaring the purpose AUDIT');
        }
        // Up to and including now: a refusal logged this instant is in the review.
        const until = to ?? new Date(clock.now().getTime() + 1);
        return readUsageReview(db, from ?? new Date(until.getTime() - 7 * 86_400_000), until);
      },
      accessLog: async (_: unknown, { filter, first, after }: PageArgs & { filter?: AuditLogFilter | null }, ctx: AuditSubgraphContext) => {
        if (ctx.caller.principal.role !== 'AUDITOR' || ctx.caller.purpose !== 'AUDIT') {
          throw forbidden('accessLog is for an AUDITOR declaring the purpose AUDIT');
        }
        const size = pageSize(first);
        const rows = await readAuditEntries(db, filter ?? {}, size + 1, beforeSeq(after));
        const connection = toConnection(rows.map(auditorView), size, (entry) => [entry.seq]);
        for (const { node } of connection.edges) for (const id of node.personIds) ctx.audit.servedPersons.add(id);
        return connection;
      },
    },
  };
  return buildSubgraphSchema({ typeDefs: loadTypeDefs(AUDIT_SCHEMA_FILE), resolvers: resolvers as never });
}
