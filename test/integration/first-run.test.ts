import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ensureSetupCode,
  firstAdminNeedsSetupCode,
  generateSetupCode,
  isValidSetupCode,
  normaliseSetupCode,
} from "@/lib/auth/setup-code";
import { logger } from "@/lib/logger";
import { authTables, createTestUser } from "../support/auth";
import { setUpTestDatabase } from "../support/database";

// First run on a deployed server: the first administrator needs the one-time setup code that the
// server prints in its log, unless the browser is on the server's own machine (the Quick start).

const database = setUpTestDatabase();

beforeEach(async () => {
  await database.query(authTables);
  (globalThis as { payssamSetupCode?: unknown }).payssamSetupCode = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Runs ensureSetupCode and returns the code it printed, or null. */
async function printedCode(): Promise<string | null> {
  const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
  await ensureSetupCode(database.handle.db);
  const line = warn.mock.calls.find(([fields]) => (fields as { event?: string }).event === "setup-code");
  warn.mockRestore();
  return line ? (line[0] as { setupCode: string }).setupCode : null;
}

describe("the setup code", () => {
  it("is 12 characters of Crockford base32 in three groups, and forgiving of case, dashes and look-alikes", () => {
    const code = generateSetupCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseSetupCode(" abcd-efgh-oil1 ")).toBe("ABCDEFGH0111");
    expect(new Set(Array.from({ length: 50 }, generateSetupCode)).size).toBe(50);
  });

  it("is printed once per instance while no account exists, and only its hash is stored", async () => {
    const code = await printedCode();
    expect(code).not.toBeNull();
    expect(await printedCode()).toBeNull();
    const stored = await database.query<{ code_hash: string }>(sql`SELECT code_hash FROM auth_setup_codes`);
    expect(stored).toHaveLength(1);
    expect(stored[0].code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(normaliseSetupCode(code ?? ""));

    expect(await isValidSetupCode(database.handle.db, code ?? "")).toBe(true);
    expect(await isValidSetupCode(database.handle.db, (code ?? "").toLowerCase().replaceAll("-", " "))).toBe(true);
    expect(await isValidSetupCode(database.handle.db, "0000-0000-0000")).toBe(false);
    expect(await isValidSetupCode(database.handle.db, "")).toBe(false);
  });

  it("gives every instance its own valid code (several Vercel instances)", async () => {
    const first = await printedCode();
    (globalThis as { payssamSetupCode?: unknown }).payssamSetupCode = undefined;
    const second = await printedCode();
    expect(first).not.toBe(second);
    expect(await isValidSetupCode(database.handle.db, first ?? "")).toBe(true);
    expect(await isValidSetupCode(database.handle.db, second ?? "")).toBe(true);
  });

  it("expires after a day, and a new one is printed", async () => {
    const old = await printedCode();
    await database.query(sql`UPDATE auth_setup_codes SET expires_at = now() - interval '1 second'`);
    expect(await isValidSetupCode(database.handle.db, old ?? "")).toBe(false);
    const fresh = await printedCode();
    expect(fresh).not.toBeNull();
    expect(await isValidSetupCode(database.handle.db, fresh ?? "")).toBe(true);
  });

  it("stops working once an account exists, however it was made, and is never printed again", async () => {
    const code = await printedCode();
    await createTestUser(database.handle.db, "ops@payssam.test", "admin");
    expect(await isValidSetupCode(database.handle.db, code ?? "")).toBe(false);
    expect(await database.query(sql`SELECT * FROM auth_setup_codes`)).toEqual([]);
    (globalThis as { payssamSetupCode?: unknown }).payssamSetupCode = undefined;
    expect(await printedCode()).toBeNull();
  });
});

describe("who needs the setup code", () => {
  const local = { host: "localhost:3000", "x-payssam-peer-address": "127.0.0.1" };

  it.each([
    ["the Quick start: localhost from the same machine", local, false],
    ["127.0.0.1 and ::1 from the same machine", { host: "127.0.0.1:3000", "x-payssam-peer-address": "::1" }, false],
    ["a public host name", { ...local, host: "ops.example.kr" }, true],
    ["Host: localhost sent from elsewhere", { ...local, "x-payssam-peer-address": "203.0.113.9" }, true],
    ["a proxy on the same machine forwarding a remote client", { ...local, "x-forwarded-for": "203.0.113.9" }, true],
    ["a forwarded public host", { ...local, "x-forwarded-host": "ops.example.kr" }, true],
    ["an unknown client address", { host: "localhost:3000" }, true],
  ])("%s: %s", (_what, headers, needed) => {
    vi.stubEnv("NODE_ENV", "production");
    expect(firstAdminNeedsSetupCode(new Headers(headers))).toBe(needed);
  });

  it("always on Vercel, never in development", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("VERCEL", "1");
    expect(firstAdminNeedsSetupCode(new Headers(local))).toBe(true);
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("VERCEL", "");
    expect(firstAdminNeedsSetupCode(new Headers({ host: "ops.example.kr" }))).toBe(false);
  });
});
