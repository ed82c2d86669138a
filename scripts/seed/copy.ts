import { once } from "node:events";
import type { Writable } from "node:stream";
import type { PGlite } from "@electric-sql/pglite";
import { getTableColumns } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import type { DatabaseHandle } from "@/db";
import { approvals, callbackDeliveries, merchantStatusHistory, merchants } from "@/db/schema";

// The bulk seed's COPY writers: rows in COPY's text format, streamed to PostgreSQL or handed to
// PGlite as blobs.

// The four tables are written at once, and foreign keys link them: deliveries point at
// approvals and merchants, status changes at deliveries. A COPY checks its foreign keys when it
// ends, against committed rows only, so the copies end in this order.
export const tableOrder = ["merchants", "approvals", "callback_deliveries", "merchant_status_history"] as const;
export type SeededTable = (typeof tableOrder)[number];

const seededTables = {
  merchants,
  approvals,
  callback_deliveries: callbackDeliveries,
  merchant_status_history: merchantStatusHistory,
} satisfies Record<SeededTable, PgTable>;

// Columns the seed leaves to their defaults (what a callback sets later: a 확인, a reprocessing, a
// pruned body) or that PostgreSQL computes (search_text).
const leftToDefault: Partial<Record<SeededTable, readonly string[]>> = {
  merchants: ["extra", "acknowledgedAt", "acknowledgedById", "acknowledgedByName", "searchText"],
  callback_deliveries: ["reprocessOf", "bodyPrunedAt", "apiKeyVerified"],
};

const perTable = <Value>(value: (table: SeededTable) => Value) =>
  Object.fromEntries(tableOrder.map((table) => [table, value(table)])) as Record<SeededTable, Value>;

/** Each table's columns the seed writes, by their TypeScript keys, in the table's order. */
export const columnKeysOf = perTable((table) =>
  Object.keys(getTableColumns(seededTables[table])).filter((key) => !leftToDefault[table]?.includes(key)),
);

/** The same columns by their SQL names, for COPY's column list. */
export const columnsOf = perTable((table) => {
  const columns: Record<string, { name: string }> = getTableColumns(seededTables[table]);
  return columnKeysOf[table].map((key) => toSnakeCase(columns[key].name));
});

/** A row's values in the order of columnKeysOf[table], for one COPY line. */
export function copyValues(table: SeededTable, row: Record<string, unknown>): unknown[] {
  return columnKeysOf[table].map((key) => row[key] ?? null);
}

// COPY's text format: tab-separated, \N for NULL, and only backslash, tab and line breaks escaped.
// Cheaper than CSV here, whose quoting would rewrite every quote of every stored JSON body.
const needsEscape = /[\\\t\n\r]/;
const escapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One row of COPY ... FROM STDIN (text format). */
export function copyRow(values: readonly unknown[]): string {
  let line = "";
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (index > 0) line += "\t";
    if (value === null || value === undefined) {
      line += "\\N";
      continue;
    }
    if (typeof value === "number" || typeof value === "boolean") {
      line += value;
      continue;
    }
    const text = value instanceof Date ? value.toISOString() : String(value);
    line += needsEscape.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => escapes[character]) : text;
  }
  return `${line}\n`;
}

export interface BulkWriter {
  write(table: SeededTable, values: readonly unknown[]): Promise<void>;
  /** Rows already in COPY text form, UTF-8 encoded (by a worker, which transfers the bytes). */
  writeEncoded(table: SeededTable, rows: Uint8Array<ArrayBuffer>): Promise<void>;
  finish(): Promise<void>;
}

// An AFTER ROW trigger fires for a COPY's rows when the COPY ends, all in its transaction:
// merchant_status_counts' trigger (migration 0006) then upserted its few rows once per merchant,
// each upsert reading past every version the earlier ones left (300,000 merchants: minutes of one
// core, and a table of dead versions). Into an empty table the trigger is off for the COPY and the
// counts are rebuilt from the rows, in the COPY's own transaction: an interrupted seed leaves
// neither a disabled trigger nor wrong counts.
const rollupRebuilds: Partial<Record<SeededTable, { beforeCopy: string[]; beforeCommit: string[] }>> = {
  merchants: {
    beforeCopy: ["ALTER TABLE merchants DISABLE TRIGGER merchant_status_counts_trigger"],
    beforeCommit: [
      "ALTER TABLE merchants ENABLE TRIGGER merchant_status_counts_trigger",
      "TRUNCATE merchant_status_counts",
      // The trigger's own keys: status, deletion, and the merchant's id modulo 16 as the slot.
      `INSERT INTO merchant_status_counts (is_deleted, review_status, slot, merchants)
         SELECT is_deleted, review_status, id % 16, count(*) FROM merchants GROUP BY 1, 2, 3`,
    ],
  },
};

// COPY through postgres.js's writable streams, one connection per table, flushed in ~1 MB
// chunks with back-pressure: memory stays bounded whatever the row count. Into empty tables
// (`freeze`), each table's COPY runs in a transaction that truncates it first, which lets COPY
// FREEZE write its rows frozen and all-visible: no VACUUM pass over the new rows afterwards for
// the index-only scans, and no hint-bit rewrite of every page on first read.
async function postgresWriter(client: Sql, freeze: boolean): Promise<BulkWriter> {
  const streams = new Map<SeededTable, { stream: Writable; buffer: string; commit: () => Promise<void> }>();
  for (const table of tableOrder) {
    const connection = await client.reserve();
    if (freeze) {
      await connection.unsafe("BEGIN");
      // Locked before the check, so no row can arrive between the check and the TRUNCATE.
      await connection.unsafe(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      const [row] = await connection.unsafe(`SELECT EXISTS (SELECT 1 FROM ${table}) AS present`);
      if (row.present) {
        await connection.unsafe("ROLLBACK");
        connection.release();
        throw new Error(`${table} is no longer empty: another process is writing to it. Nothing was seeded.`);
      }
      await connection.unsafe(`TRUNCATE ${table}`);
      for (const statement of rollupRebuilds[table]?.beforeCopy ?? []) await connection.unsafe(statement);
    }
    const stream: Writable = await connection
      .unsafe(`COPY ${table} (${columnsOf[table].join(", ")}) FROM STDIN${freeze ? " (FREEZE)" : ""}`)
      .writable();
    const commit = async () => {
      if (freeze) {
        for (const statement of rollupRebuilds[table]?.beforeCommit ?? []) await connection.unsafe(statement);
        await connection.unsafe("COMMIT");
      }
      connection.release();
    };
    streams.set(table, { stream, buffer: "", commit });
  }
  const flush = async (table: SeededTable) => {
    const target = streams.get(table)!;
    if (target.buffer === "") return;
    const chunk = target.buffer;
    target.buffer = "";
    if (!target.stream.write(chunk)) await once(target.stream, "drain");
  };
  const writeText = async (table: SeededTable, text: string) => {
    const target = streams.get(table)!;
    target.buffer += text;
    if (target.buffer.length > 1 << 20) await flush(table);
  };
  return {
    write: (table, values) => writeText(table, copyRow(values)),
    async writeEncoded(table, rows) {
      await flush(table);
      const { stream } = streams.get(table)!;
      if (!stream.write(rows)) await once(stream, "drain");
    },
    async finish() {
      for (const table of tableOrder) {
        await flush(table);
        const { stream, commit } = streams.get(table)!;
        const finished = once(stream, "finish");
        stream.end();
        await finished;
        await commit();
      }
    },
  };
}

// PGlite has no socket to stream to: its COPY reads a Blob. Every ~16 MB all four tables are
// copied, in foreign-key order, each COPY its own transaction.
function pgliteWriter(client: PGlite): BulkWriter {
  const parts = new Map<SeededTable, BlobPart[]>(tableOrder.map((table) => [table, []]));
  let size = 0;
  const flushAll = async () => {
    for (const table of tableOrder) {
      const rows = parts.get(table)!;
      if (rows.length === 0) continue;
      parts.set(table, []);
      await client.query(`COPY ${table} (${columnsOf[table].join(", ")}) FROM '/dev/blob'`, [], {
        blob: new Blob(rows),
      });
    }
    size = 0;
  };
  const writePart = async (table: SeededTable, part: string | Uint8Array<ArrayBuffer>) => {
    parts.get(table)!.push(part);
    size += part.length;
    if (size > 16 << 20) await flushAll();
  };
  return {
    write: (table, values) => writePart(table, copyRow(values)),
    writeEncoded: writePart,
    finish: flushAll,
  };
}

/** `freeze`: the tables are empty and have no foreign keys (see deferred-indexes.ts). */
export function openWriter(handle: DatabaseHandle, options: { freeze: boolean }): Promise<BulkWriter> {
  const client = (handle.db as unknown as { $client: Sql | PGlite }).$client;
  return handle.driver === "postgres"
    ? postgresWriter(client as Sql, options.freeze)
    : Promise.resolve(pgliteWriter(client as PGlite));
}
