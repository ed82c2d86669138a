import { sql } from "drizzle-orm";
import { type DatabaseHandle, openDatabase, rowsOf } from "@/db";

// The benchmark's PostgreSQL databases: a fresh bench_<timestamp> next to BENCH_DATABASE_URL per
// run (so runs never see each other's rows), or an existing seeded one with --reuse.

export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** bench_<UTC timestamp>, or BENCH_DATABASE_PREFIX_<…> where several people share one server. */
export function benchDatabaseName(now = new Date()): string {
  return `${process.env.BENCH_DATABASE_PREFIX ?? "bench"}_${now.toISOString().replace(/\D/g, "").slice(0, 14)}`;
}

async function withServer<Result>(baseUrl: string, work: (handle: DatabaseHandle) => Promise<Result>) {
  const handle = await openDatabase({ url: baseUrl, migrate: false, poolMax: 1 });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const safeName = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a safe database name: ${name}`);
  return name;
};

export function createDatabase(baseUrl: string, name: string) {
  return withServer(baseUrl, (handle) => handle.db.execute(sql.raw(`CREATE DATABASE ${safeName(name)}`)));
}

export function dropDatabase(baseUrl: string, name: string) {
  return withServer(baseUrl, (handle) =>
    handle.db.execute(sql.raw(`DROP DATABASE IF EXISTS ${safeName(name)} WITH (FORCE)`)),
  );
}

export async function databaseExists(baseUrl: string, name: string): Promise<boolean> {
  return withServer(baseUrl, async (handle) => {
    const rows = rowsOf(await handle.db.execute(sql`SELECT 1 FROM pg_database WHERE datname = ${name}`));
    return rows.length > 0;
  });
}

export interface TableSizes {
  approvals: number;
  merchants: number;
  callbackDeliveries: number;
}

export async function tableSizes(handle: DatabaseHandle): Promise<TableSizes> {
  const [row] = rowsOf<Record<string, string>>(
    await handle.db.execute(sql`
      SELECT (SELECT count(*) FROM approvals)::text AS approvals,
        (SELECT count(*) FROM merchants)::text AS merchants,
        (SELECT count(*) FROM callback_deliveries)::text AS callback_deliveries`),
  );
  return {
    approvals: Number(row.approvals),
    merchants: Number(row.merchants),
    callbackDeliveries: Number(row.callback_deliveries),
  };
}

export async function postgresVersion(handle: DatabaseHandle): Promise<string> {
  const [row] = rowsOf<{ version: string }>(
    await handle.db.execute(sql`SELECT current_setting('server_version') AS version`),
  );
  return `PostgreSQL ${row.version.split(" ")[0]}`;
}
