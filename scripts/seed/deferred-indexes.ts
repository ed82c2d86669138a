import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf } from "@/db";

// Into empty tables, loading first and indexing after is several times faster than maintaining
// eleven indexes and three foreign keys row by row: a B-tree built from sorted input instead of
// millions of random inserts (the bill_id keys are random), and one anti-join per foreign key
// instead of a lookup (and a row lock on the referenced row) per delivery.
//
// The definitions are read from the database itself (pg_get_indexdef, pg_get_constraintdef), so
// what is rebuilt is exactly what the migrations made, and they are kept in a table until they
// are rebuilt: a seed that is killed half-way leaves them there, and the next seed (or
// `db:seed -- --restore-indexes`) restores them before anything else.

const deferredTable = "bulk_seed_deferred_ddl";

interface Deferred {
  position: number;
  drop: string;
  restore: string;
  label: string;
}

export async function restoreDeferredIndexes(
  handle: DatabaseHandle,
  onStep: (label: string) => void = () => {},
): Promise<number> {
  const { db } = handle;
  const [exists] = rowsOf<{ present: boolean }>(
    await db.execute(sql`SELECT to_regclass(${deferredTable}) IS NOT NULL AS present`),
  );
  if (!exists.present) return 0;
  const pending = rowsOf<Deferred>(
    await db.execute(sql.raw(`SELECT position, drop, restore, label FROM ${deferredTable} ORDER BY position`)),
  );
  // Indexes (and unique constraints) first: the foreign keys are validated through them. Each step
  // is a transaction: the rebuilt index and its removal from the list commit together, and the
  // sort memory setting applies to the connection that builds it.
  for (const step of pending) {
    onStep(step.label);
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL maintenance_work_mem = '512MB'`);
      await tx.execute(sql.raw(step.restore));
      await tx.execute(sql.raw(`DELETE FROM ${deferredTable} WHERE position = ${Number(step.position)}`));
    });
  }
  await db.execute(sql.raw(`DROP TABLE ${deferredTable}`));
  return pending.length;
}

/**
 * Drops the secondary indexes, unique constraints (primary keys stay) and foreign keys of
 * `tables`, and the foreign keys other tables hold on them (a seeded table is truncated before
 * its COPY, which PostgreSQL refuses while any table references it), recording how to restore them. One transaction: either all are dropped and recorded,
 * or none.
 */
export async function deferIndexes(handle: DatabaseHandle, tables: readonly string[]): Promise<number> {
  const { db } = handle;
  const names = sql.join(
    tables.map((table) => sql`${table}::regclass`),
    sql`, `,
  );
  const foreignKeys = rowsOf<{ table: string; name: string; definition: string }>(
    await db.execute(sql`
      SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE contype = 'f' AND (conrelid IN (${names}) OR confrelid IN (${names}))
      ORDER BY conrelid::regclass::text, conname`),
  );
  const uniques = rowsOf<{ table: string; name: string; definition: string }>(
    await db.execute(sql`
      SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE contype = 'u' AND conrelid IN (${names}) ORDER BY conrelid::regclass::text, conname`),
  );
  const indexes = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`
      SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
      FROM pg_index i WHERE indrelid IN (${names})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY indexrelid::regclass::text`),
  );
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const steps: Omit<Deferred, "position">[] = [
    ...uniques.map((unique) => ({
      drop: `ALTER TABLE ${unique.table} DROP CONSTRAINT ${quoted(unique.name)}`,
      restore: `ALTER TABLE ${unique.table} ADD CONSTRAINT ${quoted(unique.name)} ${unique.definition}`,
      label: `unique ${unique.name}`,
    })),
    ...indexes.map((index) => ({
      drop: `DROP INDEX ${index.name}`,
      restore: index.definition,
      label: `index ${index.name}`,
    })),
    ...foreignKeys.map((key) => ({
      drop: `ALTER TABLE ${key.table} DROP CONSTRAINT ${quoted(key.name)}`,
      restore: `ALTER TABLE ${key.table} ADD CONSTRAINT ${quoted(key.name)} ${key.definition}`,
      label: `foreign key ${key.name}`,
    })),
  ];
  // Foreign keys are dropped first (they may depend on the unique indexes) and restored last.
  const dropOrder = [...steps].reverse();
  await db.transaction(async (tx) => {
    await tx.execute(
      sql.raw(
        `CREATE TABLE ${deferredTable} (position integer PRIMARY KEY, drop text NOT NULL, restore text NOT NULL, label text NOT NULL)`,
      ),
    );
    for (const [position, step] of steps.entries()) {
      await tx.execute(
        sql`INSERT INTO ${sql.raw(deferredTable)} (position, drop, restore, label) VALUES (${position}, ${step.drop}, ${step.restore}, ${step.label})`,
      );
    }
    for (const step of dropOrder) await tx.execute(sql.raw(step.drop));
  });
  return steps.length;
}
