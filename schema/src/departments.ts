/**
 * The departments (DESIGN §2): one entry per department subgraph, and the only place their names
 * are written. Start, seed, compose, the test harness, the bench, the gateway (grant scopes, owned
 * types, entry points), identity's GrantScope enum (checked by a test) and the leak oracle read it.
 * A new department is its folder, `subgraphs/<name>/` (`npm run subgraph:new -- <name>`), plus one
 * entry here; the entries' order is the composition order.
 */
import type { EntryPoint } from './entry-points.js';
import type { Ownership } from './ownership.js';

export interface Department {
  /** Default port: `<NAME>_PORT` moves it under `npm start`, `<NAME>_URL` is where others reach it. */
  readonly port: number;
  /**
   * Its workspace package, in `subgraphs/<name>/`: `<package>/server` exports the subgraph's `spec`
   * (kit `SubgraphSpec`, loaded by kit `loadDepartmentSpec`), `src/index.ts` is its process.
   */
  readonly package: string;
  /**
   * The authorization-grant scope (授权查询) that opens its data to a credit agency; without one, no
   * grant does. Identity's `GrantScope` enum lists exactly these (identity grants.test.ts).
   */
  readonly grantScope?: string;
  /** Its types whose objects are about one person, and where that person's id is (ownership.ts). */
  readonly owns: Readonly<Record<string, Ownership>>;
  /** Its root Query fields and how purposes may use them (entry-points.ts): a root not listed is refused. */
  readonly entryPoints: Readonly<Record<string, EntryPoint>>;
}

export const DEPARTMENTS = {
  identity: {
    port: 4001,
    package: '@credit/identity',
    grantScope: 'IDENTITY',
    owns: {
      /** Its own owner: identity's rows and every other subgraph's representation `{ id }` carry it. */
      Person: { path: ['id'], source: ['id'] },
      AuthorizationGrant: { path: ['person', 'id'], source: ['personId'] },
    },
    entryPoints: {
      person: { kind: 'LOOKUP', identifier: 'id' },
      personByCitizenIdNumber: { kind: 'LOOKUP', identifier: 'citizenIdNumber' },
      authorizationGrant: { kind: 'LOOKUP', identifier: 'id' },
      persons: { kind: 'LISTING' },
    },
  },
  records: {
    port: 4002,
    package: '@credit/records',
    grantScope: 'CREDIT_RECORDS',
    owns: {
      CreditRecord: { path: ['subject', 'id'], source: ['subjectId'] },
      /** A credit report as issued (records' requestCreditReport). */
      CreditReport: { path: ['subject', 'id'], source: ['subjectId'] },
    },
    entryPoints: {
      creditRecord: { kind: 'LOOKUP', identifier: 'id' },
      creditStatistics: { kind: 'AGGREGATE' },
      publicDisclosures: { kind: 'DISCLOSURE' },
      creditRecordChanges: { kind: 'FEED' },
      verifyCreditReport: { kind: 'VERIFICATION' },
    },
  },
  disputes: {
    port: 4003,
    package: '@credit/disputes',
    grantScope: 'DISPUTES',
    owns: {
      Objection: { path: ['subject', 'id'], source: ['subjectId'] },
      RepairApplication: { path: ['subject', 'id'], source: ['subjectId'] },
    },
    entryPoints: {
      objection: { kind: 'LOOKUP', identifier: 'id' },
      repairApplication: { kind: 'LOOKUP', identifier: 'id' },
      overdueObjections: { kind: 'QUEUE', queueOf: 'OBJECTION_REVIEW' },
      openObjections: { kind: 'QUEUE', queueOf: 'OBJECTION_REVIEW' },
      submittedRepairs: { kind: 'QUEUE', queueOf: 'CREDIT_REPAIR_REVIEW' },
    },
  },
  incentives: {
    port: 4004,
    package: '@credit/incentives',
    grantScope: 'INCENTIVES',
    owns: {
      RedListEntry: { path: ['subject', 'id'], source: ['subjectId'] },
      /** Incentives' answers about one person: the schema does not name the person, the objects do. */
      AppliedMeasure: { path: null, source: ['subjectId'] },
      MeasureCheck: { path: null, source: ['subjectId'] },
    },
    entryPoints: {
      measureCheck: { kind: 'LOOKUP', identifier: 'personId' },
      measures: { kind: 'CATALOG' },
    },
  },
} as const satisfies Record<string, Department>;

export type SubgraphName = keyof typeof DEPARTMENTS;

/** The department subgraphs, in composition order. */
export const SUBGRAPH_NAMES = Object.keys(DEPARTMENTS) as SubgraphName[];

export const isSubgraphName = (name: string): name is SubgraphName => Object.hasOwn(DEPARTMENTS, name);

export const department = (name: SubgraphName): Department => DEPARTMENTS[name];

/** The grant scopes the departments declare (identity's `GrantScope` enum). */
export type GrantScope = { [N in SubgraphName]: (typeof DEPARTMENTS)[N] extends { grantScope: infer S extends string } ? S : never }[SubgraphName];

/** Which department's data each grant scope opens. */
export const GRANT_SCOPE_GRAPHS: ReadonlyMap<string, SubgraphName> = new Map(
  SUBGRAPH_NAMES.flatMap((name) => {
    const scope = department(name).grantScope;
    return scope ? [[scope, name] as const] : [];
  }),
);

/** Every grant scope, in department order. */
export const GRANT_SCOPES = [...GRANT_SCOPE_GRAPHS.keys()] as GrantScope[];
