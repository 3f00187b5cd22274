import type { measures, measureTriggers } from './db/schema.js';
import { MEASURE_KINDS, type MeasureTrigger } from './vocabulary.js';

export type MeasureRow = typeof measures.$inferSelect;

/** A row of `measure_triggers` without its measure: the measure applies when the condition holds. */
export interface TriggerRule {
  trigger: MeasureTrigger;
  /** SERIOUS_DISHONESTY_LIST only: count only records of this catalog category. */
  category: string | null;
}

/** A catalog measure with the rules that apply it. */
export interface CatalogMeasure extends MeasureRow {
  triggers: TriggerRule[];
}

/**
 * The catalog from the rows of `measures` and `measure_triggers`, in its published order
 * (incentives, then punishments, each by code). A trigger naming no published measure is dropped:
 * such a measure may not be applied.
 */
export function toCatalog(
  measureRows: readonly MeasureRow[],
  triggerRows: readonly Pick<typeof measureTriggers.$inferSelect, 'measureCode' | 'trigger' | 'category'>[],
): CatalogMeasure[] {
  const catalog = new Map<string, CatalogMeasure>(measureRows.map((m) => [m.code, { ...m, triggers: [] }]));
  for (const { measureCode, trigger, category } of triggerRows) catalog.get(measureCode)?.triggers.push({ trigger, category });
  return [...catalog.values()].sort((a, b) =>
    a.kind === b.kind ? (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) : MEASURE_KINDS.indexOf(a.kind) - MEASURE_KINDS.indexOf(b.kind),
  );
}
