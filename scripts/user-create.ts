// npm run user:create -- --email a@b.kr [--role admin|viewer] [--name 홍길동]
// Creates a dashboard account in the database the app uses: DATABASE_URL when set, otherwise the
// embedded database (which the running server holds: stop it first).
//
// The password never comes from the command line: npm prints the whole command in its banner,
// and the shell history and `ps` keep it. It is read, in this order, from PAYSSAM_USER_PASSWORD,
// from a prompt that does not echo (asked twice) when run in a terminal, or from standard input.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { recordStaffAction } from "@/db/queries/audit-log";
import { createStaffUser } from "@/lib/auth/staff-users";
import { env } from "@/lib/env";

const passwordVariable = "PAYSSAM_USER_PASSWORD";

const usage =
  "usage: npm run user:create -- --email a@b.kr [--role admin|viewer] [--name 이름]\n" +
  `The password is asked for (not shown as you type), or read from ${passwordVariable},\n` +
  `or from standard input: printf '%s\\n' "$PASSWORD" | npm run user:create -- --email a@b.kr`;

function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

function readArguments() {
  // Refused before parsing, with the reason, rather than as an unknown option.
  if (process.argv.some((arg) => arg === "--password" || arg.startsWith("--password="))) {
    fail(
      "--password is not accepted: npm prints the command line (and the shell keeps it in its history).\n" +
        `Leave it out to be asked for the password, or set ${passwordVariable}.\n\n${usage}`,
      2,
    );
  }
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string", default: "viewer" },
        name: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`, 2);
  }
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  input.setRawMode(true);
  input.setEncoding("utf8");
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = "";
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
    };
    function onData(chunk: string) {
      for (const character of chunk) {
        if (character === "\r" || character === "\n" || character === "\u0004") {
          finish();
          resolve(typed);
          return;
        }
        if (character === "\u0003") {
          finish();
          reject(new Error("cancelled"));
          return;
        }
        typed = character === "\u007f" || character === "\b" ? [...typed].slice(0, -1).join("") : typed + character;
      }
    }
    input.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  const fromEnvironment = process.env[passwordVariable];
  if (fromEnvironment) return fromEnvironment;
  if (!process.stdin.isTTY) return readFileSync(0, "utf8").replace(/\r?\n$/, "");
  const first = await promptHidden("Password (12+ characters, not shown): ");
  const second = await promptHidden("Password again: ");
  if (first !== second) fail("The two passwords differ; nothing was created.");
  return first;
}

async function main() {
  const args = readArguments();
  if (args.help) {
    console.log(usage);
    return;
  }
  if (!args.email) fail(`--email is required\n${usage}`, 2);
  if (args.role !== "admin" && args.role !== "viewer") fail(`--role must be admin or viewer, got "${args.role}"`, 2);
  const password = await readPassword();
  if (!password) fail(`No password given.\n${usage}`, 2);

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
      await recordStaffAction(handle.db, {
        action: "user_created",
        actor: null,
        target: outcome.user.email,
        details: { role: outcome.user.role, via: "npm run user:create" },
      });
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
