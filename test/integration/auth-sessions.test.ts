import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { authenticateRequest, staffFromHeaders } from "@/lib/auth/session";
import { createStaffUser, isFirstAdminSetupOpen } from "@/lib/auth/staff-users";
import { authOrigin, authPost, authTables, createTestUser, sessionCookie, staffPassword } from "../support/auth";
import { setUpTestDatabase } from "../support/database";

// Sign-in, sessions and account creation through the real Better Auth handler on a real (PGlite
// or PostgreSQL) database, with HTTP-shaped requests as Next.js would pass them. The client's
// address is the TCP peer that instrumentation.ts stamps (x-payssam-peer-address); throttling
// has its own file (sign-in-throttle.test.ts).

const database = setUpTestDatabase();
const origin = authOrigin;
const password = staffPassword;
let clientIp = 0;

beforeEach(async () => {
  await database.query(authTables);
  clientIp += 1;
});

function ip() {
  return `203.0.113.${clientIp % 250}`;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return authPost(path, body, { peer: ip(), headers });
}

function signIn(email: string, secret: string, headers: Record<string, string> = {}) {
  return post("/sign-in/email", { email, password: secret }, headers);
}

function createUser(email: string, role: "admin" | "viewer" = "viewer") {
  return createTestUser(database.handle.db, email, role);
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
        "x-payssam-peer-address": ip(),
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
