// npm run user:create -- --email a@b.kr --password '…' [--role admin|viewer] [--name 홍길동]
// Creates a dashboard account in the database the app uses: DATABASE_URL when set, otherwise the
// embedded database (which the running server holds: stop it first). Without --password, the
// password is read from standard input, which keeps it out of the shell history and `ps`.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { createStaffUser } from "@/lib/auth/staff-users";
import { env } from "@/lib/env";

const usage =
  "usage: npm run user:create -- --email a@b.kr --password '…' [--role admin|viewer] [--name 이름]\n" +
  "       (without --password, the password is read from standard input)";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readArguments() {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        password: { type: "string" },
        role: { type: "string", default: "viewer" },
        name: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

async function main() {
  const args = readArguments();
  if (args.help) {
    console.log(usage);
    return;
  }
  if (!args.email) fail(`--email is required\n${usage}`);
  if (args.role !== "admin" && args.role !== "viewer") fail(`--role must be admin or viewer, got "${args.role}"`);
  const password = args.password ?? (process.stdin.isTTY ? undefined : readFileSync(0, "utf8").replace(/\r?\n$/, ""));
  if (!password) fail(`--password is required (or pipe it on standard input)\n${usage}`);

  const { DATABASE_URL, PGLITE_DIR } = env();
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  try {
    // PostgreSQL is migrated by the deployment (npm run db:migrate), the embedded database on open.
    handle = await openDatabase(DATABASE_URL ? { url: DATABASE_URL, migrate: false, poolMax: 1 } : {});
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      fail(
        `The embedded database at ${PGLITE_DIR} is open in the running server (PID ${error.ownerPid}).\n` +
          "Stop the server first (only one process may open it), run this again, then start the server.\n" +
          "On an empty database you can instead open /login in the browser and create the first administrator there.",
      );
    }
    throw error;
  }

  try {
    const outcome = await createStaffUser(handle.db, {
      email: args.email,
      password,
      role: args.role,
      name: args.name,
    });
    if (outcome.status === "email-taken") {
      console.error(`An account with the email ${args.email} already exists.`);
      process.exitCode = 1;
    } else if (outcome.status === "created") {
      const where = DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `the embedded database (${PGLITE_DIR})`;
      console.log(`Created ${outcome.user.role} ${outcome.user.email} in ${where}.`);
    }
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof z.ZodError) console.error(error.issues.map((issue) => issue.message).join("\n"));
    else if (/relation "auth_\w+" does not exist/.test(String((error as Error).cause ?? error))) {
      console.error("The database has no account tables yet: run `npm run db:migrate` against it first.");
    } else throw error;
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  // drizzle's own message lists the query's parameters (the password hash among them): print the
  // database's reason instead.
  const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : error;
  console.error(reason);
  process.exit(1);
});
