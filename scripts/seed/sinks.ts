import { count } from "drizzle-orm";
import { type Database, type DatabaseHandle, openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { approvals, merchants } from "@/db/schema";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { env } from "@/lib/env";
import type { CallbackEndpoint, SendDelivery } from "@/lib/simulator";
import { createHttpSender } from "@/lib/simulator/http";
import { inProcessSender } from "@/lib/simulator/in-process";
import { localCallbackToken } from "@/lib/simulator/local-token";

// Where seeded callbacks go. Both take the path of a real callback: in-process straight into
// receiveCallback() with our own database handle, or over HTTP into a running app.

export interface SeedSink {
  description: string;
  send: SendDelivery;
  concurrency: number;
  /** Whether a wrong-token delivery can be told from a right one (a token is configured). */
  checksToken: boolean;
  /** Approvals and merchants already stored, or null when this sink cannot see the database. */
  existingRows: () => Promise<{ approvals: number; merchants: number } | null>;
  /** The database itself, when this sink writes to it directly (the demo's bills go there too). */
  db?: Database;
  close: () => Promise<void>;
}

export class SeedSinkError extends Error {}

export async function openDatabaseSink(): Promise<SeedSink> {
  const { DATABASE_URL, PGLITE_DIR, CALLBACK_TOKEN } = env();
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(
      DATABASE_URL ? { url: DATABASE_URL, migrate: true } : { pgliteDir: PGLITE_DIR, migrate: true },
    );
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      throw new SeedSinkError(
        `The app is running on the embedded database ${error.directory} (PID ${error.ownerPid}), and PGlite cannot be shared.\n` +
          "Stop the app and run this again, or seed through the running app:\n" +
          "  npm run db:seed -- --demo --url http://localhost:3000",
      );
    }
    const target = DATABASE_URL ? `PostgreSQL at ${new URL(DATABASE_URL).host}` : `the embedded database ${PGLITE_DIR}`;
    // Drizzle wraps driver errors in "Failed query: …"; the cause says what went wrong.
    const reason = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new SeedSinkError(`Could not open ${target}: ${reason}`);
  }
  return databaseSink(
    handle,
    CALLBACK_TOKEN[0] ?? null,
    DATABASE_URL
      ? `PostgreSQL at ${new URL(DATABASE_URL).host}, in-process`
      : `the embedded database ${PGLITE_DIR}, in-process`,
  );
}

/** A sink on an already opened handle (tests pass their own); closing the sink closes the handle. */
export function databaseSink(handle: DatabaseHandle, callbackToken: string | null, description: string): SeedSink {
  const db = handle.db;
  return {
    description,
    // PGlite runs one statement at a time anyway; PostgreSQL takes a few in parallel.
    concurrency: handle.driver === "pglite" ? 1 : 8,
    checksToken: callbackToken !== null,
    db,
    // Backdated to each delivery's planned time, through the receiver's own code.
    send: inProcessSender(async () => db, callbackToken),
    async existingRows() {
      const [approvalRows] = await db.select({ total: count() }).from(approvals);
      const [merchantRows] = await db.select({ total: count() }).from(merchants);
      return { approvals: approvalRows.total, merchants: merchantRows.total };
    },
    close: () => handle.close(),
  };
}

/** `baseUrl` is the app's address (http://localhost:3000), optionally with ?token=. */
export function openHttpSink(baseUrl: URL): SeedSink {
  const token = baseUrl.searchParams.get("token") ?? env().CALLBACK_TOKEN[0] ?? localCallbackToken() ?? null;
  const urlFor = (endpoint: CallbackEndpoint, wrongToken: boolean) => {
    const url = new URL(callbackEndpoint(endpoint).path, baseUrl);
    if (token) url.searchParams.set("token", wrongToken ? "not-the-callback-token" : token);
    return url;
  };
  const sender = createHttpSender({ urlFor, concurrency: 8 });
  return {
    description: `the app at ${baseUrl.origin}`,
    // A refused token would refuse every delivery: stop at the first instead of logging thousands.
    async send(delivery) {
      const answer = await sender.send(delivery);
      if (answer.status === 401 && !delivery.wrongToken) {
        throw new SeedSinkError(
          token
            ? "The app refused the token (401). Use the app's CALLBACK_TOKEN: --url 'http://…?token=…' or CALLBACK_TOKEN=… ."
            : "The app wants a token (401). Add it to --url as ?token=… or set CALLBACK_TOKEN.",
        );
      }
      return answer;
    },
    concurrency: 8,
    checksToken: token !== null,
    existingRows: async () => null,
    close: async () => sender.close(),
  };
}
