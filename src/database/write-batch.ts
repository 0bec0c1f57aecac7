import type { EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { insertSql } from './entity-sql';
import { hydrate } from './hydrate';
import { queryPrepared } from './prepared-statement';

type Row = Record<string, unknown>;

interface Pending {
  /** One data-modifying statement with its own $1… placeholders. */
  sql: string;
  params: unknown[];
  /** What it returned (RETURNING), once the batch has run. */
  onRows?: (rows: Row[]) => void;
  /** Its one row comes back as plain columns, typed by the driver (see flush). */
  primary: boolean;
}

/**
 * Writes that need nothing from one another, sent as one statement: each is a data-modifying
 * WITH query of it. Every round trip costs the server a socket write and a wake-up, and a session
 * change writes three to five rows.
 *
 * As with any data-modifying WITH, the parts run on one snapshot and cannot see one another's
 * rows; what they return is handed back as JSON, hydrated as TypeORM hydrates (the `primary`
 * statement's row comes back as plain columns, for types JSON would change, such as numeric).
 * The statement is prepared: a submit's batch has the same text every time, and planning it
 * costs PostgreSQL more than running it.
 */
export class WriteBatch {
  private pending: Pending[] = [];

  /** A statement; `onRows` gets its RETURNING rows once the batch has run. */
  add(
    sql: string,
    params: unknown[],
    onRows?: (rows: Row[]) => void,
    options: { primary?: boolean } = {},
  ): void {
    const primary = options.primary ?? false;
    if (primary && this.pending.some((p) => p.primary))
      throw new Error('A write batch has one primary statement');
    this.pending.push({ sql, params, onRows, primary });
  }

  /** INSERT … RETURNING * of entity rows (column names and values as TypeORM writes them). */
  addInsert<T extends ObjectLiteral>(
    manager: EntityManager,
    target: EntityTarget<T>,
    rows: QueryDeepPartialEntity<T>[],
    onInserted?: (entities: T[]) => void,
  ): void {
    if (!rows.length) return;
    const [sql, params] = insertSql(manager, target, rows);
    this.add(sql, params, (written) =>
      onInserted?.(written.map((row) => hydrate(manager, target, row))),
    );
  }

  /** Runs what was added, as one statement, then hands each its rows (in the order added). */
  async flush(manager: EntityManager): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return;
    if (pending.length === 1) {
      const [write] = pending;
      write.onRows?.(await queryPrepared<Row>(runnerOf(manager), write.sql, write.params));
      return;
    }
    const params: unknown[] = [];
    const parts: string[] = [];
    const columns: string[] = [];
    let primary: string | undefined;
    pending.forEach((write, i) => {
      const name = `write_${i}`;
      parts.push(`${name} AS (${renumbered(write.sql, params.length)})`);
      params.push(...write.params);
      if (write.primary) primary = name;
      else if (write.onRows)
        columns.push(`(SELECT COALESCE(json_agg(${name}), '[]') FROM ${name}) AS ${name}`);
    });
    // One row always: LEFT JOIN, so the other parts' rows come back even if the primary wrote none.
    const select = primary
      ? `SELECT ${[`${primary}.*`, ...columns].join(', ')} FROM (SELECT 1) AS one ` +
        `LEFT JOIN ${primary} ON true`
      : `SELECT ${columns.length ? columns.join(', ') : '1'}`;
    const text = `WITH ${parts.join(', ')} ${select}`;
    const [row] = await queryPrepared<Row>(runnerOf(manager), text, params);
    const partColumns = new Set(pending.map((_, i) => `write_${i}`));
    pending.forEach((write, i) => {
      if (!write.onRows) return;
      if (write.primary) write.onRows(primaryRow(row, partColumns));
      else write.onRows(row[`write_${i}`] as Row[]);
    });
  }
}

function runnerOf(manager: EntityManager): QueryRunner {
  if (!manager.queryRunner) throw new Error('A write batch runs in a transaction');
  return manager.queryRunner;
}

/** A quoted literal or identifier (left alone: a user's text may hold `$1`), or a placeholder. */
const PLACEHOLDER_OR_QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g;

/**
 * Texts renumbered before, by offset: a submit's parts have the same few texts every time, and
 * the regular expression over them cost about 1% of the server's CPU. Bounded like the prepared
 * statement names (texts vary with row counts).
 */
const renumberedTexts = new Map<number, Map<string, string>>();
const MAX_RENUMBERED_TEXTS = 500;
let renumberedCount = 0;

/** `$1`, `$2`… of one part, moved past the parameters of the parts before it. */
export function renumbered(sql: string, offset: number): string {
  if (!offset) return sql;
  let byText = renumberedTexts.get(offset);
  const known = byText?.get(sql);
  if (known !== undefined) return known;
  const moved = sql.replace(PLACEHOLDER_OR_QUOTED, (match, n?: string) =>
    n === undefined ? match : `$${Number(n) + offset}`,
  );
  if (renumberedCount >= MAX_RENUMBERED_TEXTS) {
    renumberedTexts.clear();
    renumberedCount = 0;
    byText = undefined;
  }
  if (!byText) renumberedTexts.set(offset, (byText = new Map<string, string>()));
  byText.set(sql, moved);
  renumberedCount += 1;
  return moved;
}

/** The primary part's row, without the other parts' columns; none if it wrote no row. */
function primaryRow(row: Row, parts: Set<string>): Row[] {
  const own: Row = {};
  let wrote = false;
  for (const [column, value] of Object.entries(row)) {
    if (parts.has(column)) continue;
    own[column] = value;
    if (value !== null) wrote = true;
  }
  return wrote ? [own] : [];
}
