import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { lockoutPolicy } from "@/lib/auth/lockout";
import { authenticateRequest, staffFromHeaders } from "@/lib/auth/session";
import { createStaffUser, isFirstAdminSetupOpen } from "@/lib/auth/staff-users";
import { setUpTestDatabase } from "../support/database";

// Sign-in, sessions, lockout and account creation through the real Better Auth handler on a real
// (PGlite or PostgreSQL) database, with HTTP-shaped requests as Next.js would pass them.

const database = setUpTestDatabase();
const origin = "http://dashboard.test";
const password = "correct horse battery";
let clientIp = 0;

beforeEach(async () => {
  await database.query(
    sql`TRUNCATE auth_sessions, auth_accounts, auth_users, auth_setup, auth_rate_limits, auth_login_failures, auth_verifications`,
  );
  clientIp += 1;
});

function ip() {
  return `203.0.113.${clientIp % 250}`;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request(`${origin}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, "x-forwarded-for": ip(), ...headers },
    body: JSON.stringify(body),
  });
  return authRoute.POST(request);
}

function sessionCookie(response: Response): string {
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("payssam.session_token="));
  if (!setCookie) throw new Error(`no session cookie in ${response.status} answer`);
  return setCookie.split(";")[0];
}

async function signIn(email: string, secret: string, headers: Record<string, string> = {}) {
  return post("/sign-in/email", { email, password: secret }, headers);
}

async function createUser(email: string, role: "admin" | "viewer" = "viewer") {
  const outcome = await createStaffUser(database.handle.db, { email, password, role });
  if (outcome.status !== "created") throw new Error(outcome.status);
  return outcome.user;
}

describe("sign-in", () => {
  it("signs in with the right password: an HttpOnly session cookie naming a database session", async () => {
    await createUser("viewer@payssam.test");
    const response = await signIn("Viewer@PaySsam.test", password);
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/payssam\.session_token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const staff = await staffFromHeaders(new Headers({ cookie: sessionCookie(response) }));
    expect(staff).toMatchObject({ email: "viewer@payssam.test", role: "viewer" });
    const [{ sessions }] = await database.query<{ sessions: number }>(
      sql`SELECT count(*)::int AS sessions FROM auth_sessions`,
    );
    expect(sessions).toBe(1);
  });

  it("answers a wrong password and an unknown email identically", async () => {
    await createUser("viewer@payssam.test");
    const wrongPassword = await signIn("viewer@payssam.test", "not the password");
    const unknownEmail = await signIn("nobody@payssam.test", "not the password");
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownEmail.json());
    expect(wrongPassword.headers.getSetCookie()).toEqual([]);
  });

  it("stores a password hash, never the password", async () => {
    await createUser("viewer@payssam.test");
    const rows = await database.query<{ password: string }>(sql`SELECT password FROM auth_accounts`);
    expect(rows[0].password).not.toContain(password);
    expect(rows[0].password).toMatch(/^[0-9a-f]{32}:[0-9a-f]+$/);
  });

  it("locks an address after repeated failures, whether or not it has an account, then lets it in again", async () => {
    await createUser("viewer@payssam.test");
    for (const email of ["viewer@payssam.test", "nobody@payssam.test"]) {
      for (let attempt = 0; attempt < lockoutPolicy.maxFailures; attempt++) {
        // A new client address each time: the per-IP limiter must not be what stops it.
        expect((await signIn(email, "wrong password!", { "x-forwarded-for": `198.51.100.${attempt}` })).status).toBe(
          401,
        );
      }
    }
    const locked = await signIn("viewer@payssam.test", password, { "x-forwarded-for": "198.51.100.200" });
    const lockedUnknown = await signIn("nobody@payssam.test", password, { "x-forwarded-for": "198.51.100.201" });
    expect(locked.status).toBe(429);
    expect(lockedUnknown.status).toBe(429);
    expect(await locked.json()).toEqual(await lockedUnknown.json());

    await database.query(sql`UPDATE auth_login_failures SET locked_until = now() - interval '1 second'`);
    expect((await signIn("viewer@payssam.test", password)).status).toBe(200);
    const left = await database.query(sql`SELECT * FROM auth_login_failures WHERE email = 'viewer@payssam.test'`);
    expect(left).toEqual([]);
  });

  it("slows down one client address trying many accounts", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      statuses.push((await signIn(`guess${attempt}@payssam.test`, "wrong password!")).status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("refuses a sign-out posted from another site", async () => {
    await createUser("viewer@payssam.test");
    const cookie = sessionCookie(await signIn("viewer@payssam.test", password));
    const crossSite = await post("/sign-out", {}, { cookie, origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await staffFromHeaders(new Headers({ cookie }))).not.toBeNull();
    const sameSite = await post("/sign-out", {}, { cookie });
    expect(sameSite.status).toBe(200);
    expect(await staffFromHeaders(new Headers({ cookie }))).toBeNull();
  });

  it("trusts the origin the browser used when BETTER_AUTH_URL is unset, as Next.js forwards it", async () => {
    await createUser("viewer@payssam.test");
    // next start builds request.url from its own host name; the browser's host arrives forwarded.
    const request = new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        host: "127.0.0.1:3311",
        "x-forwarded-host": "127.0.0.1:3311",
        "x-forwarded-proto": "http",
        "x-forwarded-for": ip(),
        origin: "http://127.0.0.1:3311",
      },
      body: JSON.stringify({ email: "viewer@payssam.test", password }),
    });
    const response = await authRoute.POST(request);
    expect(response.status).toBe(200);
    const crossSite = await post("/sign-out", {}, { cookie: sessionCookie(response), origin: "http://evil.example" });
    expect(crossSite.status).toBe(403);
  });

  it("has no public sign-up", async () => {
    const response = await post("/sign-up/email", { email: "new@payssam.test", password, name: "new" });
    expect([403, 404]).toContain(response.status);
    const users = await database.query(sql`SELECT id FROM auth_users`);
    expect(users).toEqual([]);
  });
});

describe("roles and disabling", () => {
  it("lets an admin disable a viewer, which ends the viewer's sessions and blocks sign-in", async () => {
    await createUser("admin@payssam.test", "admin");
    const viewer = await createUser("viewer@payssam.test");
    const adminCookie = sessionCookie(await signIn("admin@payssam.test", password));
    const viewerCookie = sessionCookie(await signIn("viewer@payssam.test", password));

    const banned = await post("/admin/ban-user", { userId: viewer.id }, { cookie: adminCookie });
    expect(banned.status).toBe(200);
    expect(await staffFromHeaders(new Headers({ cookie: viewerCookie }))).toBeNull();
    expect((await signIn("viewer@payssam.test", password)).status).toBe(403);
  });

  it("does not let a viewer use the admin endpoints", async () => {
    const admin = await createUser("admin@payssam.test", "admin");
    await createUser("viewer@payssam.test");
    const viewerCookie = sessionCookie(await signIn("viewer@payssam.test", password));
    for (const [path, body] of [
      ["/admin/ban-user", { userId: admin.id }],
      ["/admin/remove-user", { userId: admin.id }],
      ["/admin/set-role", { userId: admin.id, role: "viewer" }],
      ["/admin/create-user", { email: "x@payssam.test", password, name: "x", role: "admin" }],
    ] as const) {
      expect((await post(path, body, { cookie: viewerCookie })).status, path).toBe(403);
    }
    const users = await database.query<{ role: string; banned: boolean }>(
      sql`SELECT role, banned FROM auth_users WHERE email = 'admin@payssam.test'`,
    );
    expect(users).toEqual([{ role: "admin", banned: false }]);
  });

  it("answers a route handler's signed-out and viewer requests with 401 and 403 JSON", async () => {
    await createUser("viewer@payssam.test");
    const signedOut = await authenticateRequest(new Request(`${origin}/api/x`));
    expect(signedOut.denied?.status).toBe(401);
    expect(await signedOut.denied?.json()).toEqual({ code: "1201", message: "Sign in required." });

    const cookie = sessionCookie(await signIn("viewer@payssam.test", password));
    const forged = await authenticateRequest(new Request(`${origin}/api/x`, { headers: { cookie: `${cookie}x` } }));
    expect(forged.denied?.status).toBe(401);
    const viewer = await authenticateRequest(new Request(`${origin}/api/x`, { headers: { cookie } }), {
      role: "admin",
    });
    expect(viewer.denied?.status).toBe(403);
    const allowed = await authenticateRequest(new Request(`${origin}/api/x`, { headers: { cookie } }));
    expect(allowed.staff?.email).toBe("viewer@payssam.test");
  });
});

describe("first administrator", () => {
  it("is offered on an empty database and created exactly once, even by concurrent attempts", async () => {
    const db = database.handle.db;
    expect(await isFirstAdminSetupOpen(db)).toBe(true);
    const attempts = await Promise.all(
      ["one", "two", "three"].map((name) =>
        createStaffUser(db, { email: `${name}@payssam.test`, password }, { firstAdmin: true }),
      ),
    );
    expect(attempts.filter((outcome) => outcome.status === "created")).toHaveLength(1);
    expect(attempts.filter((outcome) => outcome.status === "setup-closed")).toHaveLength(2);
    const users = await database.query<{ role: string }>(sql`SELECT role FROM auth_users`);
    expect(users).toEqual([{ role: "admin" }]);
    expect(await isFirstAdminSetupOpen(db)).toBe(false);
  });

  it("is never offered again, even after every account is removed", async () => {
    const db = database.handle.db;
    await createUser("admin@payssam.test", "admin");
    await database.query(sql`DELETE FROM auth_users`);
    expect(await isFirstAdminSetupOpen(db)).toBe(false);
    const late = await createStaffUser(db, { email: "late@payssam.test", password }, { firstAdmin: true });
    expect(late.status).toBe("setup-closed");
  });

  it("is closed by an account created with user:create", async () => {
    const db = database.handle.db;
    await createUser("viewer@payssam.test");
    expect(await isFirstAdminSetupOpen(db)).toBe(false);
  });

  it("reports an email that is taken, whatever its case", async () => {
    await createUser("viewer@payssam.test");
    const again = await createStaffUser(database.handle.db, { email: "VIEWER@payssam.test", password });
    expect(again.status).toBe("email-taken");
  });

  it("refuses a short password", async () => {
    await expect(createStaffUser(database.handle.db, { email: "a@payssam.test", password: "short" })).rejects.toThrow(
      /12자 이상/,
    );
  });
});
