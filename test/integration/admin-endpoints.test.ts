import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { staffChangeRefusal } from "@/lib/auth/user-rules";
import { authPost, authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { setUpTestDatabase } from "../support/database";

// Issue 18, findings 3 and 4: the rules of the users page held only in its server actions, while
// Better Auth's own endpoints answered anyone signed in as an administrator. Here the HTTP endpoints
// are called directly, as a script with an admin's cookie would.

const database = setUpTestDatabase();
const peer = "203.0.113.40";

beforeEach(async () => {
  await database.query(authTables);
  await database.query(sql`TRUNCATE audit_log`);
});

async function adminSession() {
  const admin = await createTestUser(database.handle.db, "lead@payssam.test", "admin");
  const cookie = sessionCookie(await signInAs("lead@payssam.test", staffPassword, peer));
  const call = async (path: string, body: unknown) => {
    const response = await authPost(path, body, { peer, headers: { cookie } });
    return { status: response.status, body: (await response.json().catch(() => null)) as { code?: string } | null };
  };
  return { admin, call };
}

async function roleOf(id: string) {
  const [row] = await database.query<{ role: string; banned: boolean | null }>(
    sql`SELECT role, banned FROM auth_users WHERE id = ${id}`,
  );
  return row;
}

describe("Better Auth's admin endpoints keep the users page's rules", () => {
  it("refuses a change of one's own role (set-role)", async () => {
    const { admin, call } = await adminSession();
    const answer = await call("/admin/set-role", { userId: admin.id, role: "viewer" });
    expect(answer.status).toBe(403);
    expect(answer.body?.code).toBe("CANNOT_CHANGE_OWN_ROLE");
    expect((await roleOf(admin.id)).role).toBe("admin");
  });

  it("refuses disabling or removing oneself (ban-user, remove-user)", async () => {
    const { admin, call } = await adminSession();
    expect((await call("/admin/ban-user", { userId: admin.id })).status).toBeGreaterThanOrEqual(400);
    expect((await call("/admin/remove-user", { userId: admin.id })).status).toBeGreaterThanOrEqual(400);
    expect(await roleOf(admin.id)).toMatchObject({ role: "admin" });
    expect((await roleOf(admin.id)).banned).not.toBe(true);
  });

  it("creates no user whose password breaks the policy (create-user)", async () => {
    const { call } = await adminSession();
    for (const password of ["abc", "x".repeat(11), "x".repeat(129)]) {
      const answer = await call("/admin/create-user", {
        email: `weak${password.length}@payssam.test`,
        password,
        name: "약함",
        role: "viewer",
      });
      expect(answer.status, password).toBe(400);
    }
    expect(await database.query(sql`SELECT id FROM auth_users WHERE email LIKE 'weak%'`)).toEqual([]);
    const answer = await call("/admin/create-user", {
      email: "ok@payssam.test",
      password: "long enough passphrase",
      name: "정상",
      role: "viewer",
    });
    expect(answer.status).toBe(200);
  });

  it("still lets an administrator change someone else", async () => {
    const { call } = await adminSession();
    const viewer = await createTestUser(database.handle.db, "viewer@payssam.test", "viewer");
    expect((await call("/admin/set-role", { userId: viewer.id, role: "admin" })).status).toBe(200);
    expect((await call("/admin/set-role", { userId: viewer.id, role: "viewer" })).status).toBe(200);
    expect((await call("/admin/ban-user", { userId: viewer.id })).status).toBe(200);
    expect((await call("/admin/remove-user", { userId: viewer.id })).status).toBe(200);
  });

  it("keeps the last active administrator one, whoever asks", async () => {
    const admin = await createTestUser(database.handle.db, "only@payssam.test", "admin");
    const disabled = await createTestUser(database.handle.db, "disabled@payssam.test", "admin");
    await database.query(sql`UPDATE auth_users SET banned = true WHERE id = ${disabled.id}`);
    for (const change of [
      { kind: "set-role" as const, targetId: admin.id, role: "viewer" },
      { kind: "ban" as const, targetId: admin.id },
      { kind: "remove" as const, targetId: admin.id },
    ]) {
      expect((await staffChangeRefusal(database.handle.db, "someone-else", change))?.code).toBe("LAST_ADMIN");
    }
    expect(
      await staffChangeRefusal(database.handle.db, "someone-else", { kind: "ban", targetId: disabled.id }),
    ).toBeNull();
  });
});
