import "server-only";
import { randomUUID } from "node:crypto";
import { getTableColumns, is, SQL, sql, type Column } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "@/db";
import { writeGuards } from "@/db/schema";

/**
 * The one way a versioned write reaches the database.
 *
 * A write is decided on what someone saw ("this claim at version 7, status
 * proposed"); by the time it arrives, a colleague may have changed that. Each
 * target of a write names its guard, the SQL condition that must still hold,
 * and its statements. `guardedWrite` runs everything as one `db.batch` (one
 * transaction):
 *
 *   1. for each target, a row in `write_guards` if and only if its guard
 *      holds. This is the batch's first write, so the write lock is held from
 *      here on and nothing can change between the check and the writes;
 *   2. the targets' statements, each conditioned on `applied`, the
 *      `write_guards` row of its target (not on the guard itself: the guard
 *      is evaluated once, so statement order cannot matter, and a statement
 *      that changes what the guard reads, such as the version bump, cannot
 *      switch off the ones after it);
 *   3. the `write_guards` rows are removed again.
 *
 * A target whose guard failed writes nothing at all, not even its audit row;
 * the others of the batch still apply (bulk moves). The result says which
 * targets applied. A statement that does not use its target's `applied`
 * condition is a programming error and is refused before anything runs.
 */

export type GuardedTarget = {
  /** Names the target in the result, e.g. the claim id. Unique within one write. */
  key: string;
  /** What must still be true for this target, as one SQL condition. */
  guard: SQL;
  /** The target's statements; every one must be conditioned on `applied`. */
  statements: (applied: SQL) => BatchItem<"sqlite">[];
};

export type GuardedWriteResult = {
  /** Keys of the targets whose guard held: all their statements ran. */
  applied: Set<string>;
  /** Per target key, the results of its statements in order (empty for a target that did not apply). */
  results: Map<string, unknown[]>;
};

const QUERY_OF = (statement: BatchItem<"sqlite">): { sql: string; params: unknown[] } => {
  const s = statement as unknown as { toSQL?: () => { sql: string; params: unknown[] }; getQuery?: () => { sql: string; params: unknown[] } };
  const query = s.toSQL?.() ?? s.getQuery?.();
  if (!query) throw new Error("guardedWrite: a statement that cannot be inspected");
  return query;
};

export async function guardedWrite(db: Db, targets: readonly GuardedTarget[]): Promise<GuardedWriteResult> {
  if (targets.length === 0) return { applied: new Set(), results: new Map() };
  const token = randomUUID();
  const keys = new Set<string>();
  const planned = targets.map((target) => {
    if (keys.has(target.key)) throw new Error(`guardedWrite: target ${target.key} appears twice`);
    keys.add(target.key);
    const applied = sql`EXISTS (SELECT 1 FROM ${writeGuards} WHERE ${writeGuards.token} = ${token} AND ${writeGuards.target} = ${target.key})`;
    const statements = target.statements(applied);
    for (const statement of statements) {
      const { sql: text, params } = QUERY_OF(statement);
      if (!params.includes(token) || !params.includes(target.key)) {
        throw new Error(`guardedWrite: a statement of target ${target.key} is not conditioned on its guard: ${text}`);
      }
    }
    return { target, statements };
  });

  const batch: BatchItem<"sqlite">[] = [
    ...planned.map(({ target }) =>
      db.run(sql`INSERT INTO ${writeGuards} (token, target) SELECT ${token}, ${target.key} WHERE ${target.guard}`),
    ),
    ...planned.flatMap((p) => p.statements),
    db.run(sql`DELETE FROM ${writeGuards} WHERE ${writeGuards.token} = ${token}`),
  ];
  const out = (await db.batch(batch as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as unknown[];

  const applied = new Set<string>();
  const results = new Map<string, unknown[]>();
  let i = planned.length;
  planned.forEach(({ target, statements }, n) => {
    const recorded = (out[n] as { rowsAffected: number }).rowsAffected > 0;
    if (recorded) applied.add(target.key);
    results.set(target.key, recorded ? out.slice(i, i + statements.length) : []);
    i += statements.length;
  });
  return { applied, results };
}

// ---------------------------------------------------------------- guards and statements

/**
 * "The claim is still as the write was decided on": this version, live (or,
 * for a restore, deleted), and when given, this status.
 */
export function claimAt({ id, version, status, deleted = false }: { id: string; version: number; status?: string; deleted?: boolean }): SQL {
  return sql`EXISTS (SELECT 1 FROM claims WHERE id = ${id} AND version = ${version}${status === undefined ? sql`` : sql` AND status = ${status}`} AND deleted_at IS ${deleted ? sql`NOT NULL` : sql`NULL`})`;
}

type InsertValues<T extends SQLiteTable> = { [K in keyof T["$inferInsert"]]?: T["$inferInsert"][K] | SQL };

/**
 * `INSERT INTO table (…) SELECT … WHERE when`: a row that is written only if
 * `when` holds (an audit row, a comment, a source). Values are encoded by
 * their columns (JSON columns are serialised), or given as SQL.
 */
export function insertWhen<T extends SQLiteTable>(db: Db, table: T, values: InsertValues<T>, when: SQL) {
  const columns = getTableColumns(table) as Record<string, Column>;
  const names: SQL[] = [];
  const exprs: SQL[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const column = columns[key];
    if (!column) throw new Error(`insertWhen: no column ${key}`);
    names.push(sql`${sql.identifier(column.name)}`);
    exprs.push(is(value, SQL) ? value : sql`${sql.param(value, column)}`);
  }
  return db.run(sql`INSERT INTO ${table} (${sql.join(names, sql`, `)}) SELECT ${sql.join(exprs, sql`, `)} WHERE ${when}`);
}
