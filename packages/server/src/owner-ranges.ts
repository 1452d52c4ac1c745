/**
 * The PostgreSQL adapter's read of many owners' ranges over one two-column index (a team's or the branch's
 * month of events or call logs) in one statement: one text per owner, the records' narrow copies when the
 * reader does without what they leave out (records.ts `NarrowCopy`). See docs/scaling.md.
 *
 * @module
 */
import type { Tx } from './db/db.js';
import { columnType, type ColumnContext, type TableSpec } from './records.js';
import type { Query, RecordKind } from './store.js';

type Json = Record<string, unknown>;

/** Two records' order by (index value, key), bytewise as IndexedDB compares text keys. */
function order(x: string, y: string, p: string, q: string): number {
  if (x !== y) return x < y ? -1 : 1;
  return p < q ? -1 : p > q ? 1 : 0;
}

/** `items` sorted by `compare`: as they are when already in order (rows are nearly always written in time order). */
function inOrder<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1], items[i]) > 0) return items.sort(compare);
  return items;
}

/**
 * Ranges `[owner, from]..[owner, to]` of several owners over one two-column index (a team's or
 * the branch's month of events or call logs): one statement, one JSON array per owner (a million
 * records are a few hundred rows to transfer and parse, not a million).
 */
export async function byOwnerRanges(
  tx: Tx,
  branch: string,
  narrow: boolean,
  spec: TableSpec,
  queries: Query<RecordKind>[],
): Promise<unknown[] | undefined> {
  const index = queries[0].index as string | undefined;
  const cols = index ? spec.indexes[index] : undefined;
  if (!cols || cols.length !== 2 || columnType(spec, cols[1]) !== 'text') return undefined;
  const [lo, hi] = [queries[0].lower, queries[0].upper];
  if (!Array.isArray(lo) || !Array.isArray(hi) || lo.length !== 2 || hi.length !== 2) return undefined;
  const same = queries.every(
    (q) =>
      q.index === index &&
      q.only === undefined &&
      Array.isArray(q.lower) &&
      Array.isArray(q.upper) &&
      q.lower.length === 2 &&
      q.upper.length === 2 &&
      typeof q.lower[0] === 'string' &&
      q.lower[0] === q.upper[0] &&
      q.lower[1] === lo[1] &&
      q.upper[1] === hi[1] &&
      JSON.stringify(q.omit ?? []) === JSON.stringify(queries[0].omit ?? []),
  );
  if (!same) return undefined;
  const owners = queries.map((q) => (q.lower as string[])[0]);
  const omit = queries[0].omit ?? [];
  // The records' narrow copies when the reader does without everything they leave out (scoring's events).
  const copy = narrow && spec.narrow && spec.narrow.omits.every((f) => omit.includes(f)) ? spec.narrow : undefined;
  // One text per owner: the narrow copies joined (a JSON array once bracketed), or the records' `json_agg`.
  // No ORDER BY in the aggregate: PostgreSQL's sort of a million rows costs more than sorting each owner's
  // records here (nearly always already in order: rows are written in time order).
  const rows = await tx.query<{ k: string; rows: string }>(
    `SELECT ${cols[0]} AS k, ${copy ? `string_agg(coalesce(${copy.column}, ${copy.fromData}), ',')` : 'json_agg(data)::text'} AS rows
       FROM ${spec.table}
      WHERE branch_id = $1 AND ${cols[0]} = ANY($2::text[]) AND ${cols[1]} >= $3::text AND ${cols[1]} <= $4::text
      GROUP BY ${cols[0]}`,
    [branch, [...new Set(owners)], lo[1], hi[1]],
  );
  const [second, noContext] = [spec.columns.find((c) => c.column.name === cols[1])!, { ownerOfLog: () => null } as ColumnContext];
  // Each owner's records by the index key, then the primary key (as IndexedDB orders an index).
  const [i, k] = copy?.order ?? [0, 0];
  const copyOrder = (a: unknown[], b: unknown[]): number => order(a[i] as string, b[i] as string, a[k] as string, b[k] as string);
  const recordOrder = (a: Json, b: Json): number =>
    order(String(second.of(a, noContext)), String(second.of(b, noContext)), String(spec.keyOf(a)[0]), String(spec.keyOf(b)[0]));
  const byOwner = new Map(rows.map((r) => [r.k, r.rows]));
  const out: unknown[] = [];
  for (const o of owners) {
    const text = byOwner.get(o);
    if (!text) continue;
    if (copy) {
      const copies = inOrder(JSON.parse(`[${text}]`) as unknown[][], copyOrder);
      for (const a of copies) out.push(copy.parse(a, o));
    } else for (const r of inOrder(JSON.parse(text) as Json[], recordOrder)) out.push(r);
  }
  return out;
}
