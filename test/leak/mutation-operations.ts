/**
 * Random writes for the mutation test: one plan per mutation of the permit table, mostly valid so
 * that a write the permit allows (or wrongly lets through) really changes a database, some
 * invalid. A plan holds choices, not ids: `materialize` turns it into a GraphQL document and
 * variables against what the test knows at the moment it runs (rows created and used up by
 * earlier writes), so later writes still find rows they can change.
 */
import { addDays, addMonths, makeCitizenId, OCCUPATIONS, REPAIR_BASES } from '@credit/kit';
import { GRANT_SCOPES, type MutationName, type Principal, type Purpose, type Role } from '@credit/schema';
import fc from 'fast-check';
import { astFromValue, getNamedType, isObjectType, print, type GraphQLSchema } from 'graphql';
import { recordInput } from '../queries.js';
import type { AnyRow, RowKind, WriteWorld } from './mutation-world.js';

/** Who calls: the token's claims (or forged caller headers) and the declared purpose. */
export interface WriteCaller {
  role: Role;
  purpose: Purpose;
  sub: string;
  personId?: string;
  department?: string;
  /** `x-authorization-grant` (agencies). */
  grantId?: string;
}

export const principalOf = (caller: WriteCaller): Principal =>
  caller.role === 'PUBLIC'
    ? { sub: 'anonymous', role: 'PUBLIC' }
    : { sub: caller.sub, role: caller.role, ...(caller.department ? { department: caller.department } : {}), ...(caller.personId ? { personId: caller.personId } : {}) };

export type Route = 'gateway' | 'direct';
export const ROUTES: readonly Route[] = ['gateway', 'direct'];

/**
 * Which row an id names: one of the case's focus (the caller's own person, their department's
 * records, ...), any the test knows, one that does not exist, or a string that is no id at all.
 * `live` prefers rows a write can still change.
 */
export interface IdChoice {
  target: 'focus' | 'any' | 'missing' | 'malformed';
  live: boolean;
  index: number;
}

type Authority = 'own' | 'other' | 'omitted';

export type WritePlan = { route: Route; literal: boolean; alias: boolean } & (
  | { mutation: 'registerPerson'; citizenId: 'fresh' | 'taken' | 'bad checksum'; occupations: number[]; registration: boolean }
  | { mutation: 'grantAuthorization'; grantee: number; scope: number[]; expiry: 'valid' | 'past' | 'beyond a year' }
  | { mutation: 'revokeAuthorization'; grant: IdChoice }
  | { mutation: 'submitCreditRecord'; subject: IdChoice; authority: Authority; shape: 'GENERAL' | 'MINOR' | 'SERIOUS' | 'POSITIVE' | 'future date' | 'unknown region' }
  | { mutation: 'fileObjection'; record: IdChoice; filedBy: 'as role' | 'SUBJECT' | 'DETERMINING_AUTHORITY' | 'omitted'; reasons: boolean; evidence: boolean }
  | { mutation: 'fileRepairApplication'; record: IdChoice; basis: number; pledgeAccepted: boolean }
  | { mutation: 'decideObjection'; objection: IdChoice; outcome: 'UPHELD' | 'REJECTED'; reasons: boolean; correction: boolean }
  | { mutation: 'forwardObjection'; objection: IdChoice }
  | { mutation: 'withdrawObjection'; objection: IdChoice }
  | { mutation: 'decideRepair'; repair: IdChoice; outcome: 'APPROVED' | 'REJECTED'; reasons: boolean }
  | { mutation: 'nominateRedList'; person: IdChoice; department: Authority | 'coordinator'; endsOn: 'default' | 'valid' | 'too late' }
  | { mutation: 'revokeRedListNomination'; nomination: IdChoice; reason: boolean }
  | { mutation: 'requestCreditReport'; person: IdChoice; period: 'valid' | 'ends tomorrow' | 'backwards'; domains: boolean }
);

/** Mostly valid: 5 in 6 plans take valid values where a choice is about validity. */
const mostly = (valid = true) => fc.integer({ min: 0, max: 5 }).map((n) => (n > 0 ? valid : !valid));

const idChoice: fc.Arbitrary<IdChoice> = fc.record({
  target: fc.constantFrom<IdChoice['target'][]>('focus', 'focus', 'focus', 'focus', 'any', 'any', 'any', 'missing', 'malformed'),
  live: mostly(),
  index: fc.nat(1_000_000),
});

const PLANS: { [M in MutationName]: fc.Arbitrary<Extract<WritePlan, { mutation: M }> extends infer P ? Omit<P, 'route' | 'literal' | 'alias'> : never> } = {
  registerPerson: fc.record({
    mutation: fc.constant('registerPerson' as const),
    citizenId: fc.constantFrom('fresh', 'fresh', 'fresh', 'fresh', 'taken', 'bad checksum'),
    occupations: fc.uniqueArray(fc.nat(OCCUPATIONS.length - 1), { maxLength: 2 }),
    registration: fc.boolean(),
  }),
  grantAuthorization: fc.record({
    mutation: fc.constant('grantAuthorization' as const),
    grantee: fc.nat(2),
    scope: fc.oneof({ weight: 9, arbitrary: fc.uniqueArray(fc.nat(GRANT_SCOPES.length - 1), { minLength: 1, maxLength: GRANT_SCOPES.length }) }, { weight: 1, arbitrary: fc.constant<number[]>([]) }),
    expiry: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'past', 'beyond a year'),
  }),
  revokeAuthorization: fc.record({ mutation: fc.constant('revokeAuthorization' as const), grant: idChoice }),
  submitCreditRecord: fc.record({
    mutation: fc.constant('submitCreditRecord' as const),
    subject: idChoice,
    authority: fc.constantFrom<Authority[]>('own', 'own', 'other', 'omitted'),
    shape: fc.constantFrom('GENERAL', 'GENERAL', 'GENERAL', 'MINOR', 'SERIOUS', 'POSITIVE', 'POSITIVE', 'future date', 'unknown region'),
  }),
  fileObjection: fc.record({
    mutation: fc.constant('fileObjection' as const),
    record: idChoice,
    filedBy: fc.constantFrom('as role', 'as role', 'as role', 'as role', 'SUBJECT', 'DETERMINING_AUTHORITY', 'omitted'),
    reasons: mostly(),
    evidence: fc.boolean(),
  }),
  fileRepairApplication: fc.record({
    mutation: fc.constant('fileRepairApplication' as const),
    record: idChoice,
    basis: fc.nat(REPAIR_BASES.length - 1),
    pledgeAccepted: mostly(),
  }),
  decideObjection: fc.record({
    mutation: fc.constant('decideObjection' as const),
    objection: idChoice,
    outcome: fc.constantFrom('UPHELD', 'REJECTED'),
    reasons: mostly(),
    correction: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  }),
  forwardObjection: fc.record({ mutation: fc.constant('forwardObjection' as const), objection: idChoice }),
  withdrawObjection: fc.record({ mutation: fc.constant('withdrawObjection' as const), objection: idChoice }),
  decideRepair: fc.record({
    mutation: fc.constant('decideRepair' as const),
    repair: idChoice,
    outcome: fc.constantFrom('APPROVED', 'REJECTED'),
    reasons: mostly(),
  }),
  nominateRedList: fc.record({
    mutation: fc.constant('nominateRedList' as const),
    person: idChoice,
    department: fc.constantFrom<(Authority | 'coordinator')[]>('own', 'own', 'other', 'coordinator'),
    endsOn: fc.constantFrom('default', 'valid', 'valid', 'too late'),
  }),
  revokeRedListNomination: fc.record({ mutation: fc.constant('revokeRedListNomination' as const), nomination: idChoice, reason: mostly() }),
  requestCreditReport: fc.record({
    mutation: fc.constant('requestCreditReport' as const),
    person: idChoice,
    period: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'ends tomorrow', 'backwards'),
    domains: fc.boolean(),
  }),
};

/** The mutations the generator covers: every one of the permit table (the type checks it). */
export const PLANNED_MUTATIONS = Object.keys(PLANS) as MutationName[];

const anyPlan = (names: readonly MutationName[]) => fc.oneof(...names.map((name) => PLANS[name] as fc.Arbitrary<Omit<WritePlan, 'route' | 'literal' | 'alias'>>));

/**
 * One write by either route; arguments literal or in variables, sometimes aliased. Half the writes
 * are of any mutation, half of the `preferred` ones (those the caller's role and purpose hold a
 * permit for), so every permitted mutation is tried often enough to really write.
 */
export function writePlanArbitrary(preferred: readonly MutationName[] = []): fc.Arbitrary<WritePlan> {
  const plans = preferred.length ? fc.oneof(anyPlan(PLANNED_MUTATIONS), anyPlan(preferred)) : anyPlan(PLANNED_MUTATIONS);
  return fc
    .tuple(plans, fc.constantFrom(...ROUTES), fc.integer({ min: 0, max: 3 }).map((n) => n === 0), fc.integer({ min: 0, max: 5 }).map((n) => n === 0))
    .map(([plan, route, literal, alias]) => ({ ...plan, route, literal, alias }) as WritePlan);
}

/** Whose rows a case is about: the ids its writes draw first. */
export interface Focus {
  persons: readonly string[];
  row(row: AnyRow): boolean;
}

export interface DrawContext {
  world: WriteWorld;
  caller: WriteCaller;
  focus: Focus;
  /** The determining authority a caller without a department writes for when asked for "own". */
  focusAuthority: string;
  /** A real determining authority that is not the caller's. */
  otherAuthority(caller: WriteCaller): string;
  today: string;
  now: Date;
  schema: GraphQLSchema;
  /** A number never drawn before in this process (fresh citizen ID numbers, document numbers). */
  fresh(): number;
}

/** A plan made concrete: the document, and how the world changes when it wrote. */
export interface MaterializedWrite {
  plan: WritePlan;
  mutation: MutationName;
  /** The key of the mutation's field in `data` and in an error's `path`. */
  responseKey: string;
  query: string;
  variables: Record<string, unknown>;
  /** The arguments as the field receives them (for the oracle). */
  args: Record<string, unknown>;
  /** The stored row the write names, if any. */
  target?: { kind: RowKind; id: string };
  /** Called when the databases changed; `id` is the returned row's id, if the answer carried one. */
  changed(id: string | undefined): void;
  /** Called when a permitted write was refused for the row's state: stop preferring the row. */
  stale(): void;
}

const SUBJECT_PLEDGE = '本人承诺已纠正失信行为，所提交材料真实有效；今后严格遵守法律法规，诚实守信。';
const GRANTEES = ['agency-mutation-test', 'agency-elsewhere', 'agency-third'];

const missingId = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;

function chooseRow(kind: RowKind, choice: IdChoice, ctx: DrawContext, live: (row: AnyRow) => boolean = (row) => row.live): { id: string; row?: AnyRow } {
  if (choice.target === 'missing') return { id: missingId(choice.index) };
  if (choice.target === 'malformed') return { id: `not-a-${kind}-${choice.index}` };
  const all = ctx.world.rows(kind);
  const focused = choice.target === 'focus' ? all.filter((row) => ctx.focus.row(row)) : all;
  const among = focused.length ? focused : all;
  const preferred = choice.live ? among.filter(live) : [];
  const rows = preferred.length ? preferred : among;
  const row = rows[choice.index % Math.max(rows.length, 1)];
  return row ? { id: row.id, row } : { id: missingId(choice.index) };
}

function choosePerson(choice: IdChoice, ctx: DrawContext): string {
  if (choice.target === 'missing') return missingId(choice.index);
  if (choice.target === 'malformed') return `not-a-person-${choice.index}`;
  const persons = choice.target === 'focus' && ctx.focus.persons.length ? ctx.focus.persons : ctx.world.persons;
  return persons[choice.index % persons.length]!;
}

function authorityFor(choice: Authority | 'coordinator', ctx: DrawContext): string | undefined {
  if (choice === 'omitted') return undefined;
  if (choice === 'coordinator') return '县文明办';
  return choice === 'own' ? (ctx.caller.department ?? ctx.focusAuthority) : ctx.otherAuthority(ctx.caller);
}

/** Whether the schema lets an input field be left out (DESIGN §5: the authority may come from the token). */
function optionalInputField(schema: GraphQLSchema, inputType: string, field: string): boolean {
  const type = schema.getType(inputType);
  if (!type || !('getFields' in type)) return false;
  const f = (type.getFields() as Record<string, { type: { toString(): string } }>)[field];
  return f !== undefined && !f.type.toString().endsWith('!');
}

/**
 * The document for one mutation field, selecting only `id` (`number` for a type without one, a
 * credit report), with arguments inline or as variables.
 */
function document(ctx: DrawContext, plan: WritePlan, args: Record<string, unknown>): { query: string; variables: Record<string, unknown>; responseKey: string } {
  const field = ctx.schema.getMutationType()?.getFields()[plan.mutation];
  if (!field) throw new Error(`the supergraph has no Mutation.${plan.mutation}`);
  const responseKey = plan.alias ? 'written' : plan.mutation;
  const given = field.args.filter((a) => args[a.name] !== undefined);
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const passed = given.map((a) => {
    if (plan.literal) {
      const ast = astFromValue(args[a.name], a.type);
      if (!ast) throw new Error(`cannot write ${plan.mutation}(${a.name}:) inline`);
      return `${a.name}: ${print(ast)}`;
    }
    variables[a.name] = args[a.name];
    definitions.push(`$${a.name}: ${a.type.toString()}`);
    return `${a.name}: $${a.name}`;
  });
  const head = definitions.length ? `mutation Write(${definitions.join(', ')})` : 'mutation Write';
  const call = `${plan.alias ? `${responseKey}: ` : ''}${plan.mutation}${passed.length ? `(${passed.join(', ')})` : ''}`;
  const named = getNamedType(field.type);
  const key = isObjectType(named) && !named.getFields().id && named.getFields().number ? 'number' : 'id';
  return { query: `${head} { ${call} { ${key} } }`, variables, responseKey };
}

export function materialize(plan: WritePlan, ctx: DrawContext): MaterializedWrite {
  const { world } = ctx;
  let args: Record<string, unknown>;
  let target: MaterializedWrite['target'];
  let changed: MaterializedWrite['changed'] = () => {};
  let stale: MaterializedWrite['stale'] = () => {};
  const markRecord = (recordId: string | undefined, live: boolean) => {
    const record = recordId ? world.records.get(recordId) : undefined;
    if (record) record.live = live && record.kind === 'NEGATIVE';
  };

  switch (plan.mutation) {
    case 'registerPerson': {
      const n = ctx.fresh();
      const fresh = makeCitizenId('110105', addDays('1960-01-01', n % 15_000), 901 + 2 * Math.floor(n / 15_000));
      const taken = world.citizenIds.get(world.persons[n % world.persons.length]!) || fresh;
      const wrongCheck = fresh.slice(0, 17) + (fresh[17] === '0' ? '1' : '0');
      const citizenIdNumber = plan.citizenId === 'fresh' ? fresh : plan.citizenId === 'taken' ? taken : wrongCheck;
      args = {
        input: {
          name: `测试${n}`,
          citizenIdNumber,
          ...(plan.occupations.length ? { occupations: plan.occupations.map((i) => OCCUPATIONS[i]) } : {}),
          ...(plan.registration ? { realNameRegistrations: [{ sector: 'TELECOM', registeredAt: '2020-03-01T09:00:00+08:00' }] } : {}),
        },
      };
      changed = (id) => id && world.addPerson(id, citizenIdNumber);
      break;
    }
    case 'grantAuthorization': {
      const expiresAt = plan.expiry === 'valid' ? addDays(ctx.today, 30) : plan.expiry === 'past' ? addDays(ctx.today, -1) : addDays(ctx.today, 400);
      args = {
        input: { grantee: GRANTEES[plan.grantee], purpose: 'AUTHORIZED_QUERY', scope: plan.scope.map((i) => GRANT_SCOPES[i]), expiresAt: `${expiresAt}T12:00:00+08:00` },
      };
      const subjectId = ctx.caller.personId;
      const { grantee, scope } = args.input as { grantee: string; scope: string[] };
      changed = (id) => id && subjectId && world.grants.set(id, { id, subjectId, live: true, grantee, scope });
      break;
    }
    case 'revokeAuthorization': {
      const { id, row } = chooseRow('grants', plan.grant, ctx);
      args = { id };
      target = { kind: 'grants', id };
      changed = stale = () => row && (row.live = false);
      break;
    }
    case 'submitCreditRecord': {
      const subjectId = choosePerson(plan.subject, ctx);
      const omit = plan.authority === 'omitted' && optionalInputField(ctx.schema, 'SubmitCreditRecordInput', 'determiningAuthority');
      const authority = authorityFor(omit ? 'omitted' : plan.authority === 'omitted' ? 'own' : plan.authority, ctx);
      const shapes: Record<typeof plan.shape, Record<string, unknown>> = {
        GENERAL: {},
        MINOR: { severity: 'MINOR' },
        SERIOUS: { severity: 'SERIOUS', decidedOn: '2026-09-01' },
        POSITIVE: { kind: 'POSITIVE', severity: undefined, domain: 'VOLUNTEER_SERVICE', category: 'HONOUR', summary: '优秀志愿者', legalBasis: '《志愿服务条例》第三十四条' },
        'future date': { decidedOn: addDays(ctx.today, 10) },
        'unknown region': { regionCode: '000000' },
      };
      const input: Record<string, unknown> = recordInput(subjectId, { documentNumber: `测试决〔2026〕${ctx.fresh()}号`, ...shapes[plan.shape] });
      delete input.determiningAuthority;
      if (authority !== undefined) input.determiningAuthority = authority;
      if (input.severity === undefined) delete input.severity;
      args = { input };
      const recorded = authority ?? ctx.caller.department;
      changed = (id) =>
        id &&
        recorded &&
        world.records.set(id, { id, subjectId, authority: recorded, kind: input.kind === 'POSITIVE' ? 'POSITIVE' : 'NEGATIVE', live: input.kind !== 'POSITIVE' });
      break;
    }
    case 'fileObjection': {
      const { id: recordId, row } = chooseRow('records', plan.record, ctx);
      const asRole = ctx.caller.role === 'OFFICER' ? 'DETERMINING_AUTHORITY' : 'SUBJECT';
      const filedBy = plan.filedBy === 'as role' ? asRole : plan.filedBy === 'omitted' ? undefined : plan.filedBy;
      args = {
        input: {
          recordId,
          ...(filedBy ? { filedBy } : {}),
          reasons: plan.reasons ? '认定事实有误，申请核查' : '   ',
          ...(plan.evidence ? { evidence: ['缴款凭证编号 2026-118'] } : {}),
        },
      };
      target = { kind: 'records', id: recordId };
      changed = (id) => {
        markRecord(recordId, false);
        if (id && row) world.objections.set(id, { id, recordId, subjectId: row.subjectId, authority: world.authorityOf(recordId), live: true, filedToday: true });
      };
      stale = () => markRecord(recordId, false);
      break;
    }
    case 'fileRepairApplication': {
      const { id: recordId, row } = chooseRow('records', plan.record, ctx);
      args = {
        input: { recordId, basis: REPAIR_BASES[plan.basis], evidence: ['罚款缴纳凭证'], creditPledge: SUBJECT_PLEDGE, pledgeAccepted: plan.pledgeAccepted },
      };
      target = { kind: 'records', id: recordId };
      changed = (id) => {
        markRecord(recordId, false);
        if (id && row) world.repairs.set(id, { id, recordId, subjectId: row.subjectId, authority: world.authorityOf(recordId), live: true });
      };
      stale = () => markRecord(recordId, false);
      break;
    }
    case 'decideObjection': {
      const { id, row } = chooseRow('objections', plan.objection, ctx);
      const correction = plan.correction && plan.outcome === 'UPHELD' ? { severity: 'MINOR', summary: '更正后的失信行为摘要' } : undefined;
      args = { id, outcome: plan.outcome, ...(plan.reasons ? { reasons: '经核查，原认定依据充分' } : {}), ...(correction ? { correction } : {}) };
      target = { kind: 'objections', id };
      changed = () => {
        if (!row) return;
        row.live = false;
        // REJECTED clears the flag: the record can be disputed again. UPHELD revokes or replaces it.
        markRecord((row as { recordId?: string }).recordId, plan.outcome === 'REJECTED');
      };
      stale = () => row && (row.live = false);
      break;
    }
    case 'forwardObjection': {
      const forwardable = (row: AnyRow) => row.live && 'filedToday' in row && row.filedToday;
      const { id, row } = chooseRow('objections', plan.objection, ctx, forwardable);
      args = { id };
      target = { kind: 'objections', id };
      changed = stale = () => row && 'filedToday' in row && (row.filedToday = false);
      break;
    }
    case 'withdrawObjection': {
      const { id, row } = chooseRow('objections', plan.objection, ctx);
      args = { id };
      target = { kind: 'objections', id };
      changed = () => {
        if (!row) return;
        row.live = false;
        markRecord((row as { recordId?: string }).recordId, true);
      };
      stale = () => row && (row.live = false);
      break;
    }
    case 'decideRepair': {
      const { id, row } = chooseRow('repairs', plan.repair, ctx);
      args = { id, outcome: plan.outcome, ...(plan.reasons ? { reasons: '材料齐全，同意修复' } : {}) };
      target = { kind: 'repairs', id };
      changed = () => {
        if (!row) return;
        row.live = false;
        markRecord((row as { recordId?: string }).recordId, plan.outcome === 'REJECTED');
      };
      stale = () => row && (row.live = false);
      break;
    }
    case 'nominateRedList': {
      const endsOn = plan.endsOn === 'default' ? undefined : plan.endsOn === 'valid' ? addMonths(ctx.today, 6) : addMonths(ctx.today, 48);
      const personId = choosePerson(plan.person, ctx);
      const nominatingDepartment = authorityFor(plan.department, ctx);
      args = { input: { personId, nominatingDepartment, reason: '见义勇为，受到表彰', ...(endsOn ? { endsOn } : {}) } };
      changed = (id) => id && nominatingDepartment && world.nominations.set(id, { id, subjectId: personId, authority: nominatingDepartment, live: true });
      break;
    }
    case 'revokeRedListNomination': {
      const { id, row } = chooseRow('nominations', plan.nomination, ctx);
      args = { id, reason: plan.reason ? '表彰事迹经核查不实' : '  ' };
      target = { kind: 'nominations', id };
      changed = stale = () => row && (row.live = false);
      break;
    }
    case 'requestCreditReport': {
      const [from, to] = plan.period === 'valid' ? ['2024-01-01', ctx.today] : plan.period === 'ends tomorrow' ? ['2024-01-01', addDays(ctx.today, 1)] : [ctx.today, '2024-01-01'];
      args = { personId: choosePerson(plan.person, ctx), from, to, ...(plan.domains ? { domains: ['TAXATION', 'FOOD_AND_DRUGS'] } : {}) };
      break;
    }
  }
  return { plan, mutation: plan.mutation, args, target, changed, stale, ...document(ctx, plan, args) };
}
