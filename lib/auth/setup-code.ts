import { createHash, randomInt } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { authSetupCodes } from "@/db/auth-schema";
import { env } from "@/lib/env";
import { requestClientAddress } from "@/lib/http/client-address";
import { logger } from "@/lib/logger";
import { isFirstAdminSetupOpen } from "./staff-users";

// The one-time code that creating the first administrator through the web needs on a deployed
// server. Until the first account exists, anyone who reaches /login could otherwise make
// themselves administrator; with the code, only someone who can read the server's log can.
//
// Every server instance that starts on a database without accounts makes its own code, keeps it
// in memory, prints it once in its log and stores only its SHA-256 (so several Vercel instances
// each have a valid code, and a database dump reveals none). A code expires after a day (a new
// one is printed when the login page is next shown); all of them are deleted when the first
// account is created, whichever way.

export const setupCodeLifetimeSeconds = 24 * 60 * 60;

// Crockford's base32: no I, L, O or U, so a code read off a log cannot be mistyped between 1/I/L or 0/O.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const codeLength = 12; // 60 bits: with the sign-in throttle, not guessable in any lifetime.

export function generateSetupCode(): string {
  const characters = Array.from({ length: codeLength }, () => alphabet[randomInt(alphabet.length)]).join("");
  return characters.match(/.{4}/g)?.join("-") ?? characters;
}

/** The code as typed, in the one form that is hashed: case, spaces and dashes do not matter. */
export function normaliseSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

function hashOf(code: string): string {
  return createHash("sha256").update(normaliseSetupCode(code)).digest("hex");
}

// This process's code, so that the login page can tell whether a fresh one must be printed.
const globalForSetup = globalThis as unknown as { payssamSetupCode?: { hash: string; expiresAt: number } };

/**
 * Makes and prints this instance's code when the first-administrator form is open and this
 * instance has no live one. Called at start (instrumentation.ts) and by the login page.
 */
export async function ensureSetupCode(db: Database): Promise<void> {
  const current = globalForSetup.payssamSetupCode;
  if (current && current.expiresAt - Date.now() > 60_000) {
    const [stored] = await db
      .select({ codeHash: authSetupCodes.codeHash })
      .from(authSetupCodes)
      .where(and(eq(authSetupCodes.codeHash, current.hash), gt(authSetupCodes.expiresAt, sql`now()`)));
    if (stored) return;
  }
  if (!(await isFirstAdminSetupOpen(db))) return;
  const code = generateSetupCode();
  const hash = hashOf(code);
  const [row] = await db
    .insert(authSetupCodes)
    .values({ codeHash: hash, expiresAt: sql`now() + make_interval(secs => ${setupCodeLifetimeSeconds})` })
    .returning({ expiresAt: authSetupCodes.expiresAt });
  await db.delete(authSetupCodes).where(lt(authSetupCodes.expiresAt, sql`now()`));
  globalForSetup.payssamSetupCode = { hash, expiresAt: row.expiresAt.getTime() };
  // On purpose, the one secret this app writes to its log: reading the log is what proves that
  // whoever creates the first administrator runs this server. It stops working once used.
  logger.warn(
    { event: "setup-code", setupCode: code, expiresAt: row.expiresAt.toISOString() },
    `No dashboard account exists yet. To create the first administrator, open /login on this server and enter the setup code ${code} (valid until ${row.expiresAt.toISOString()}, once; a browser on this machine is not asked for it), or run \`npm run user:create\`.`,
  );
}

/** Whether a typed code is one of the live codes. */
export async function isValidSetupCode(db: Database, typed: string): Promise<boolean> {
  if (typed.length > 64) return false;
  const [row] = await db
    .select({ codeHash: authSetupCodes.codeHash })
    .from(authSetupCodes)
    .where(and(eq(authSetupCodes.codeHash, hashOf(typed)), gt(authSetupCodes.expiresAt, sql`now()`)));
  return Boolean(row);
}

/** After the first account exists no code is any use; they go with it (called in its transaction). */
export async function deleteSetupCodes(db: Pick<Database, "delete">): Promise<void> {
  await db.delete(authSetupCodes);
}

const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i;

function isLoopbackAddress(address: string | null | undefined): boolean {
  const value = address?.trim().toLowerCase() ?? "";
  return /^127(\.\d{1,3}){3}$/.test(value) || value === "::1" || /^::ffff:127(\.\d{1,3}){3}$/.test(value);
}

/**
 * Whether this request may create the first administrator without a setup code: in development,
 * or on a production server on the embedded database (the Quick start) that the browser reached on
 * the same machine. Every part must say "this machine": the host the browser used (and any
 * forwarded host), the trusted client address, and every address a proxy listed. That is not proof:
 * nginx's default `proxy_pass http://localhost:PORT` makes every remote visitor look local. So with
 * DATABASE_URL (a deployment, likely behind such a proxy) the code is always needed unless
 * SETUP_CODE_ON_LOCALHOST=skip says otherwise, and SETUP_CODE_ON_LOCALHOST=require asks for it on
 * the embedded database too; on Vercel it is always needed.
 */
export function firstAdminNeedsSetupCode(headers: Headers): boolean {
  const config = env();
  if (config.NODE_ENV !== "production") return false;
  if (config.VERCEL) return true;
  const skipOnLocalhost = (config.SETUP_CODE_ON_LOCALHOST ?? (config.DATABASE_URL ? "require" : "skip")) === "skip";
  if (!skipOnLocalhost) return true;
  const host = headers.get("host") ?? "";
  const forwardedHost = headers.get("x-forwarded-host");
  const forwardedFor = headers.get("x-forwarded-for");
  const local =
    loopbackHost.test(host) &&
    (forwardedHost === null || forwardedHost.split(",").every((value) => loopbackHost.test(value.trim()))) &&
    isLoopbackAddress(requestClientAddress(headers)) &&
    (forwardedFor === null || forwardedFor.split(",").every(isLoopbackAddress));
  return !local;
}
