import { randomBytes } from "node:crypto";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type DatabaseHandle, openDatabase, rowsOf, useDatabase } from "@/db";
import * as authSchema from "@/db/auth-schema";
import * as schema from "@/db/schema";
import { testDatabasePrefix } from "./test-run";

// Each test file gets its own database: an in-memory PGlite, or (TEST_DRIVER=postgres) a fresh
// PostgreSQL database created next to TEST_DATABASE_URL and dropped afterwards. Tables are
// emptied before every test, so tests can run in any order.

// Every table of db/schema.ts, so a new one is emptied too. The sign-in tables are left: a file
// that signs in creates its staff once, for all of its tests.
const authTables = new Set<unknown>(Object.values(authSchema));
const emptiedTables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable) && !authTables.has(value))
  .map((table) => `"${getTableName(table)}"`)
  .join(", ");

export interface TestDatabase {
  handle: DatabaseHandle;
  query<Row = Record<string, unknown>>(text: ReturnType<typeof sql>): Promise<Row[]>;
}

export function setUpTestDatabase(): TestDatabase {
  const state = {} as { handle: DatabaseHandle; drop?: () => Promise<void> };

  beforeAll(async () => {
    if (process.env.TEST_DRIVER === "postgres") {
      const adminUrl = process.env.TEST_DATABASE_URL;
      if (!adminUrl) throw new Error("TEST_DRIVER=postgres needs TEST_DATABASE_URL");
      const name = `${testDatabasePrefix()}${randomBytes(6).toString("hex")}`;
      const admin = await openDatabase({ url: adminUrl, migrate: false, poolMax: 1 });
      await admin.db.execute(sql.raw(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      state.handle = await openDatabase({ url: url.toString(), migrate: true, poolMax: 20 });
      // DROP DATABASE waits for a checkpoint, which a busy server can take minutes to finish. The
      // file's tests are done by then: wait a little, and leave what is left to the run's teardown
      // (test/support/drop-test-databases.ts), which drops every database of this run.
      state.drop = async () => {
        const dropped = admin.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
          () => admin.close(),
          () => admin.close(),
        );
        await Promise.race([dropped, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      };
    } else {
      state.handle = await openDatabase({ pgliteDir: "memory://" });
    }
    useDatabase(state.handle);
  });

  beforeEach(async () => {
    useDatabase(state.handle);
    await state.handle.db.execute(sql.raw(`TRUNCATE ${emptiedTables} RESTART IDENTITY CASCADE`));
  });

  afterAll(async () => {
    useDatabase(undefined);
    await state.handle?.close();
    await state.drop?.();
  });

  return {
    get handle() {
      return state.handle;
    },
    async query<Row>(text: ReturnType<typeof sql>) {
      return rowsOf<Row>(await state.handle.db.execute(text));
    },
  };
}
