/**
 * Secondary (complementary) suppression for the statistics (issue 15, point 5). A cell of fewer
 * than 5 persons is withheld; but a published margin (the total of a row, a column, a month across
 * regions: what a coarser grouping of the same filter answers) minus the other cells of its line
 * would give it back. So more cells are withheld until no withheld count can be computed from the
 * published margins and the released cells by any linear combination. Counts add up across cells
 * (records); distinct persons do not, so they are withheld with their cell and not modelled here.
 */

/** One cell of the finest grouping: its values per grouped dimension and its record count. */
export interface CountedCell {
  /** The same for the same cell whatever order the dimensions were asked in: it breaks ties. */
  id: string;
  key: readonly (string | null)[];
  count: number;
}

/** A coarser total: the dimensions it fixes (by index; the others summed over) and whether it is published. */
export interface Margin {
  fixed: ReadonlyMap<number, string | null>;
  published: boolean;
}

const EPSILON = 1e-9;

/** The withheld cells each of whose count the published margins and the released cells determine. */
export function determinedCells(cells: readonly CountedCell[], margins: readonly Margin[], withheld: ReadonlySet<number>): number[] {
  const unknowns = [...withheld].sort((a, b) => (cells[a]!.id < cells[b]!.id ? -1 : 1));
  const column = new Map(unknowns.map((cell, i) => [cell, i]));
  const rows: number[][] = [];
  for (const margin of margins) {
    if (!margin.published) continue;
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    cells.forEach((cell, index) => {
      const j = column.get(index);
      if (j === undefined) return;
      for (const [dimension, value] of margin.fixed) if (cell.key[dimension] !== value) return;
      row[j] = 1;
      any = true;
    });
    if (any) rows.push(row);
  }
  // Reduced row echelon form: a unit vector lies in the row space exactly when it is a reduced row.
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    const pivot = rows.findIndex((row, r) => r >= rank && Math.abs(row[col]!) > EPSILON);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const lead = rows[rank]!;
    const scale = lead[col]!;
    for (let c = 0; c < lead.length; c++) lead[c]! /= scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue;
      const factor = rows[r]![col]!;
      if (Math.abs(factor) <= EPSILON) continue;
      for (let c = 0; c < lead.length; c++) rows[r]![c]! -= factor * lead[c]!;
    }
    rank++;
  }
  return rows
    .slice(0, rank)
    .filter((row) => row.filter((v) => Math.abs(v) > EPSILON).length === 1)
    .map((row) => unknowns[row.findIndex((v) => Math.abs(v) > EPSILON)]!)
    .sort((a, b) => (cells[a]!.id < cells[b]!.id ? -1 : 1));
}

/**
 * The cells to withhold: the small ones, then, while any withheld count can be computed, the
 * smallest released cell of a published margin line through it (fewest withheld lines first), so
 * the least information is given up. Deterministic whatever the order of the dimensions: ties go
 * by the cells' ids.
 */
export function cellsToWithhold(cells: readonly CountedCell[], margins: readonly Margin[], small: ReadonlySet<number>): Set<number> {
  const withheld = new Set(small);
  const inLine = (margin: Margin, i: number) => [...margin.fixed].every(([d, v]) => cells[i]!.key[d] === v);
  // A cell alone in a published line (a region with one severity: combinations that cannot occur
  // leave lines of one cell) is published by that margin whatever this answer does: withholding
  // it protects nothing, so it is never the complement.
  const pinned = new Set(
    margins.filter((m) => m.published).flatMap((m) => {
      const members = cells.flatMap((_, i) => (inLine(m, i) ? [i] : []));
      return members.length === 1 ? members : [];
    }),
  );
  const linesThrough = (cell: number) =>
    margins
      .filter((m) => m.published && inLine(m, cell))
      .map((m) => cells.map((_, i) => i).filter((i) => inLine(m, i)))
      .map((members) => ({ members, open: members.filter((i) => !withheld.has(i) && !pinned.has(i)), id: members.map((i) => cells[i]!.id).join('|') }))
      .filter((line) => line.open.length > 0)
      .sort((a, b) => a.members.length - a.open.length - (b.members.length - b.open.length) || (a.id < b.id ? -1 : 1));
  for (;;) {
    const determined = determinedCells(cells, margins, withheld);
    if (determined.length === 0) return withheld;
    // Through a determined cell if possible, else through any withheld one the same equations tie to it.
    const line = [...determined, ...withheld].map(linesThrough).find((lines) => lines.length > 0)?.[0];
    if (!line) return withheld;
    const next = [...line.open].sort((a, b) => cells[a]!.count - cells[b]!.count || (cells[a]!.id < cells[b]!.id ? -1 : 1))[0]!;
    withheld.add(next);
  }
}
