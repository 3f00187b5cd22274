/**
 * The departments of the registry (schema/src/departments.ts) as running code: each one's spec,
 * imported from its package's `./server` export, and how to start it. The seed, the test harness
 * and the bench list departments through here, so a new registry entry is all they need.
 *
 * Development only (tsx, Vitest): the import is by a computed package name, which the production
 * build's link-dist cannot rewrite; production starts each department's own `src/index.ts`.
 */
import type { BaseContext } from '@apollo/server';
import { DEPARTMENTS, SUBGRAPH_NAMES, type SubgraphName } from '@credit/schema';
import { startSubgraph, type RunningSubgraph, type SubgraphOptions, type SubgraphSpec } from './subgraph.js';

/** What seeding and migrating need of a spec: the parts that do not depend on its context type. */
export type DepartmentSpec = Pick<SubgraphSpec<BaseContext>, 'name' | 'migrationsFolder' | 'ensureReferenceData' | 'seed' | 'seedProbeTable'>;

export interface LoadedDepartment {
  name: SubgraphName;
  spec: DepartmentSpec;
  start(options?: SubgraphOptions): Promise<RunningSubgraph>;
}

export async function loadDepartment(name: SubgraphName): Promise<LoadedDepartment> {
  const entry = `${DEPARTMENTS[name].package}/server`;
  // Each server module's `spec` is typed by its own context; from here on only its name matters.
  const module: { spec?: SubgraphSpec<BaseContext> } = await import(entry);
  const spec = module.spec;
  if (spec?.name !== name) throw new Error(`${entry} must export the ${name} subgraph's spec as \`spec\``);
  return { name, spec, start: (options) => startSubgraph(spec, options) };
}

/** Every department of the registry, in its order. */
export const loadDepartments = (): Promise<LoadedDepartment[]> => Promise.all(SUBGRAPH_NAMES.map(loadDepartment));
