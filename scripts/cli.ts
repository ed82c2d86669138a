// What the command-line scripts share: their flags named once (strict, with -h/--help), whole-number
// flags, a usage error, turning a parse into either the command or the exit code (2 with the usage
// text for a bad flag, 0 after --help), opening the configured database, and running main() to an
// exit code.
import { parseArgs } from "node:util";
import { type DatabaseHandle, openDatabase } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { env } from "@/lib/env";

export class UsageError extends Error {}

type FlagOptions<S extends string, B extends string, L extends string> = { [K in S]: { type: "string" } } & {
  [K in B | "help"]: { type: "boolean" };
} & { [K in L]: { type: "string"; multiple: true } };

/** A script's flags by kind: single strings, booleans, repeatable strings; positionals only if allowed. */
export interface FlagSpec<S extends string, B extends string, L extends string> {
  strings?: readonly S[];
  booleans?: readonly B[];
  lists?: readonly L[];
  positionals?: boolean;
}

/** parseArgs with every script's conventions: unknown flags and unexpected positionals throw ERR_PARSE_ARGS_*. */
export function parseFlags<S extends string = never, B extends string = never, L extends string = never>(
  argv: string[],
  spec: FlagSpec<S, B, L>,
) {
  const options = Object.fromEntries([
    ...(spec.strings ?? []).map((name) => [name, { type: "string" }]),
    ...(spec.booleans ?? []).map((name) => [name, { type: "boolean" }]),
    ...(spec.lists ?? []).map((name) => [name, { type: "string", multiple: true }]),
    ["help", { type: "boolean", short: "h" }],
  ]) as FlagOptions<S, B, L>;
  return parseArgs({ args: argv, strict: true, allowPositionals: spec.positionals ?? false, options });
}

/**
 * A whole-number flag within bounds, or undefined when absent. `grouped` also reads 1,000,000 and
 * 1_000_000; Number() alone would take "", " " and "1e3".
 */
export function wholeNumberFlag(
  flag: string,
  value: string | undefined,
  { min = 0, max = Number.MAX_SAFE_INTEGER, grouped = false } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const digits = grouped ? /^\d[\d,_]*$/ : /^\d+$/;
  const parsed = digits.test(value) ? Number(value.replaceAll(/[,_]/g, "")) : Number.NaN;
  if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
  const range = max === Number.MAX_SAFE_INTEGER ? "" : ` from ${min} to ${max}`;
  throw new UsageError(`${flag} must be a whole number${range}, got "${value}".`);
}

export function parseOrExplain<Parsed extends { help: boolean }>(
  parse: () => Parsed,
  usage: string,
): { command: Exclude<Parsed, { help: true }> } | { exitCode: number } {
  let parsed: Parsed;
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError) && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") !== true) {
      throw error;
    }
    console.error(`${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (parsed.help) {
    console.log(usage);
    return { exitCode: 0 };
  }
  return { command: parsed as Exclude<Parsed, { help: true }> };
}

/**
 * Opens DATABASE_URL, or the embedded database in PGLITE_DIR when that is unset (always migrated on
 * open), hands it to `use` and closes it. A database another process holds is a message and exit 1.
 */
export async function withScriptDatabase(
  options: { migrate: boolean; poolMax?: number; locked?: (error: DatabaseLockedError, target: string) => string },
  use: (handle: DatabaseHandle, target: string) => Promise<number>,
): Promise<number> {
  const { DATABASE_URL, PGLITE_DIR } = env();
  const target = DATABASE_URL ? `PostgreSQL at ${new URL(DATABASE_URL).host}` : `the embedded database ${PGLITE_DIR}`;
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(
      DATABASE_URL
        ? { url: DATABASE_URL, migrate: options.migrate, poolMax: options.poolMax }
        : { pgliteDir: PGLITE_DIR, migrate: true },
    );
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    console.error(options.locked?.(error, target) ?? error.message);
    return 1;
  }
  try {
    return await use(handle, target);
  } finally {
    await handle.close();
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a script's main() to its exit code. An expected error (the app is not running, a seed sink
 * could not open) is its message and exit 1; anything else is thrown with its stack. `exit` ends
 * the process at once, for a script whose work may leave sockets or timers open behind it.
 */
export async function runScript(
  main: () => Promise<number>,
  { expected = [], exit = false }: { expected?: readonly ErrorClass[]; exit?: boolean } = {},
): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    const known = expected.some((kind) => error instanceof kind);
    if (!known && !exit) throw error;
    console.error(known ? (error as Error).message : error);
    process.exitCode = 1;
  }
  if (exit) process.exit();
}
