import path from "node:path";
import { fillPlaceholders, is, Placeholder, type SQL, sql } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

// The only module that opens a database. DATABASE_URL set: PostgreSQL through postgres.js.
// Unset: an embedded PGlite database in PGLITE_DIR (./.data/pglite), migrated on open, except on
// Vercel, where there is none (see databaseConfigurationProblem).

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
}

export interface DatabaseTarget {
  url?: string;
  // A directory, or "memory://" for a throwaway in-memory database.
  pgliteDir?: string;
  migrate?: boolean;
  poolMax?: number;
}

// Read by the migrator only (scripts, the embedded database): not traced into the functions, which
// never migrate (Vercel applies migrations in its build command).
export const migrationsFolder = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");

/** The deployment lacks a setting the database needs: nothing can be stored until it is set. */
export class DatabaseConfigurationError extends Error {
  constructor(readonly variable: string) {
    super(
      `${variable} is not set. On Vercel every function needs a PostgreSQL database: add one (Storage → Neon) ` +
        `or set ${variable} in the project's environment variables, then redeploy.`,
    );
    this.name = "DatabaseConfigurationError";
  }
}

/**
 * Why this deployment cannot have a database, or null. A serverless function must never fall back
 * to the embedded database: on a read-only file system that is an outage, and on a writable /tmp
 * every callback would be answered 0000 and then lost with the instance. PGlite is not even in
 * Vercel's build output (next.config.mjs).
 */
export function databaseConfigurationProblem(): DatabaseConfigurationError | null {
  const { VERCEL, DATABASE_URL } = env();
  return VERCEL && !DATABASE_URL ? new DatabaseConfigurationError("DATABASE_URL") : null;
}

function prepareFor(url: string): boolean {
  const setting = env().DATABASE_PREPARE;
  if (setting) return setting === "true";
  // Transaction poolers cannot hold prepared statements across transactions.
  const { hostname, port } = new URL(url);
  return !(hostname.includes("-pooler") || port === "6543");
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(target.url, {
      max: target.poolMax ?? env().DATABASE_POOL_MAX ?? 10,
      prepare: prepareFor(target.url),
      connect_timeout: 5,
      idle_timeout: 20,
      onnotice: () => {},
    });
    const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Database;
    if (prepareFor(target.url)) Object.defineProperty(db, preparedClientKey, { value: client });
    if (target.migrate) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(db as never, { migrationsFolder });
    }
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }

  if (env().VERCEL) throw new DatabaseConfigurationError("DATABASE_URL");
  const directory = target.pgliteDir ?? env().PGLITE_DIR;
  const inMemory = directory.startsWith("memory://");
  const releaseLock = inMemory ? () => {} : acquirePgliteLock(path.resolve(directory));
  try {
    // Loaded from node_modules at run time, never bundled or traced (turbopackIgnore): PGlite is
    // 20 MB of wasm that no Vercel function may carry, and the file trace of every function
    // includes what this module can import.
    const { PGlite } = await import(/* turbopackIgnore: true */ "@electric-sql/pglite");
    const { pg_trgm } = await import(/* turbopackIgnore: true */ "@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import(/* turbopackIgnore: true */ "drizzle-orm/pglite");
    // pg_trgm backs the merchant search index (migration 0001 creates the extension).
    const extensions = { pg_trgm };
    const client = inMemory ? new PGlite({ extensions }) : new PGlite(path.resolve(directory), { extensions });
    const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Database;
    if (target.migrate ?? true) {
      const { migrate } = await import(/* turbopackIgnore: true */ "drizzle-orm/pglite/migrator");
      await migrate(db as never, { migrationsFolder });
    }
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

// Cached on globalThis: Next.js evaluates this module once per bundle (and again on every
// dev reload), and a second PGlite instance or pool per evaluation must not happen.
const globalForDb = globalThis as unknown as { payssamDatabase?: Promise<DatabaseHandle> };

export function getDatabase(): Promise<DatabaseHandle> {
  const problem = databaseConfigurationProblem();
  if (problem) return Promise.reject(problem);
  if (!globalForDb.payssamDatabase) {
    const { DATABASE_URL } = env();
    const opening = openDatabase(DATABASE_URL ? { url: DATABASE_URL, migrate: false } : {});
    globalForDb.payssamDatabase = opening;
    // A failed open (locked directory, unreachable server) is retried on the next request.
    opening.then(
      // postgres.js connects on its first query. Connecting now (instrumentation.ts opens the
      // database at start) keeps the TCP and TLS handshake out of the first callback's answer.
      (handle) => {
        if (handle.driver === "postgres") handle.db.execute(sql`select 1`).catch(() => {});
      },
      () => {
        if (globalForDb.payssamDatabase === opening) globalForDb.payssamDatabase = undefined;
      },
    );
  }
  return globalForDb.payssamDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabase()).db;
}

// Tests and scripts that opened their own handle make it the one the app uses.
export function useDatabase(handle: DatabaseHandle | undefined) {
  globalForDb.payssamDatabase = handle ? Promise.resolve(handle) : undefined;
}

// Drizzle sends db.execute(sql) unprepared, so PostgreSQL parses and plans the receiver's
// multi-CTE statements on every callback (measured: 1.66 ms a callback, 0.95 ms prepared). Their
// text is fixed, so on a direct connection they are prepared once per connection instead.
// Behind a transaction pooler (prepare off) and on PGlite this is plain db.execute(). The client
// rides on the db object under a global symbol: Next.js evaluates this module once per bundle,
// and a module-local map would not know a handle another evaluation opened.
const preparedClientKey = Symbol.for("payssam.preparedClient");
const dialect = new PgDialect();

const preparedClient = (db: Database) =>
  (db as unknown as { [preparedClientKey]?: import("postgres").Sql })[preparedClientKey];

export async function executePrepared(db: Database, query: SQL): Promise<unknown> {
  const client = preparedClient(db);
  if (!client) return db.execute(query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  return client.unsafe(text, params as never[], { prepare: true });
}

/**
 * A statement whose text is built once, at start-up: `sql.placeholder(name)` marks where each of
 * its values goes. For the receiver's hottest statement, drizzle building the same text from its
 * template on every callback cost about as much as everything else in the store step.
 */
export interface FixedStatement<Values extends Record<string, unknown>> {
  text: string;
  /** The values' names in parameter order (a name may recur), as drizzle's placeholders. */
  params: unknown[];
  /** Never set: carries the type of the values the statement takes. */
  values?: Values;
}

export function fixedStatement<Values extends Record<string, unknown>>(query: SQL): FixedStatement<Values> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, params };
}

// Each fixed statement's placeholder names, read once: drizzle's fillPlaceholders asks every
// parameter what kind of object it is on every call (35 of them per approval callback).
const placeholderNames = new WeakMap<unknown[], string[] | null>();

function namesOf(params: unknown[]): string[] | null {
  let names = placeholderNames.get(params);
  if (names === undefined) {
    const found = params.map((param) => (is(param, Placeholder) ? param.name : null));
    names = found.every((name) => name !== null) ? (found as string[]) : null;
    placeholderNames.set(params, names);
  }
  return names;
}

/** The statement's parameters for these values, in order: what is sent with its text. */
export function statementParams<Values extends Record<string, unknown>>(
  statement: FixedStatement<Values>,
  values: Values,
): unknown[] {
  const names = namesOf(statement.params);
  if (!names) return fillPlaceholders(statement.params, values);
  return names.map((name) => {
    if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
    return values[name];
  });
}

/** Runs a fixed statement, prepared on a direct PostgreSQL connection like executePrepared. */
export async function executeFixed<Values extends Record<string, unknown>>(
  db: Database,
  statement: FixedStatement<Values>,
  values: Values,
): Promise<unknown> {
  const client = preparedClient(db);
  if (client) return client.unsafe(statement.text, statementParams(statement, values) as never[], { prepare: true });
  // What db.execute() does once it has the text (PGlite, a transaction pooler, a transaction).
  const { session } = db as unknown as {
    session: {
      prepareQuery(
        query: { sql: string; params: unknown[] },
        fields: undefined,
        name: undefined,
        arrayMode: false,
      ): {
        execute(values: Values): Promise<unknown>;
      };
    };
  };
  return session
    .prepareQuery({ sql: statement.text, params: statement.params }, undefined, undefined, false)
    .execute(values);
}

// db.execute() answers { rows } on PGlite and an array on postgres.js.
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result)) return result as Row[];
  return ((result as { rows?: Row[] }).rows ?? []) as Row[];
}
