import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { recordStaffAction } from "@/db/queries/audit-log";
import { getAuditLogPage } from "@/db/queries/audit-log-list";
import { parseAuditSearch } from "@/lib/dashboard/audit-filters";
import { authPost, authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { setUpTestDatabase } from "../support/database";

// The audit log: what the admin endpoints write, the audit page's filters and keyset pages, and
// the database refusing to change or delete a row younger than a year.

const database = setUpTestDatabase();

beforeEach(async () => {
  await database.query(authTables);
});

const page = (raw: Record<string, string>) => getAuditLogPage(database.handle.db, parseAuditSearch(raw).filters);

describe("user management in the audit log", () => {
  it("records adding, disabling, enabling, role changes and removal, by whom, of whom, from where", async () => {
    await createTestUser(database.handle.db, "admin@payssam.test", "admin");
    const peer = "203.0.113.77";
    const cookie = sessionCookie(await signInAs("admin@payssam.test", staffPassword, peer));
    const call = (path: string, body: unknown) => authPost(path, body, { peer, headers: { cookie } });
    const created = await call("/admin/create-user", {
      email: "new@payssam.test",
      password: staffPassword,
      name: "new",
      role: "viewer",
    });
    const { user } = (await created.json()) as { user: { id: string } };
    for (const [path, body] of [
      ["/admin/ban-user", { userId: user.id }],
      ["/admin/unban-user", { userId: user.id }],
      ["/admin/set-role", { userId: user.id, role: "admin" }],
      ["/admin/revoke-user-sessions", { userId: user.id }],
      ["/admin/remove-user", { userId: user.id }],
    ] as const) {
      expect((await call(path, body)).status, path).toBe(200);
    }
    // Refused calls change nothing and are not recorded as done.
    expect((await call("/admin/ban-user", { userId: "no-such-user" })).status).not.toBe(200);

    const rows = await database.query<Record<string, unknown>>(
      sql`SELECT action, actor_email, target, client_addr, details FROM audit_log WHERE action <> 'sign_in' ORDER BY id`,
    );
    const done = (action: string, details: unknown = null) => ({
      action,
      actor_email: "admin@payssam.test",
      target: "new@payssam.test",
      client_addr: peer,
      details,
    });
    expect(rows).toEqual([
      done("user_created", { role: "viewer" }),
      done("user_disabled"),
      done("user_enabled"),
      done("user_role_changed", { role: "admin" }),
      done("user_sessions_revoked"),
      done("user_removed"),
    ]);
  });

  it("ignores an audit target header sent by the client", async () => {
    await createTestUser(database.handle.db, "admin@payssam.test", "admin");
    const viewer = await createTestUser(database.handle.db, "viewer@payssam.test");
    const peer = "203.0.113.78";
    const cookie = sessionCookie(await signInAs("admin@payssam.test", staffPassword, peer));
    await authPost(
      "/admin/ban-user",
      { userId: viewer.id },
      { peer, headers: { cookie, "x-payssam-audit-target": "someone-else@payssam.test" } },
    );
    const [row] = await database.query<{ target: string }>(
      sql`SELECT target FROM audit_log WHERE action = 'user_disabled'`,
    );
    expect(row.target).toBe("viewer@payssam.test");
  });
});

describe("the audit page's reads", () => {
  async function seed() {
    const db = database.handle.db;
    for (let index = 0; index < 30; index++) {
      await recordStaffAction(db, {
        action: index % 3 === 0 ? "sign_in_failed" : "sign_in",
        actor: { id: null, email: index % 2 === 0 ? "kim@payssam.test" : "lee@payssam.test" },
        clientAddr: "203.0.113.1",
      });
    }
    // Two rows on 2026-01-01 (KST), one the day before in Korea though the same day in UTC.
    await database.query(sql`INSERT INTO audit_log (at, action, actor_email) VALUES
      ('2026-01-01 00:00:00+09', 'approvals_exported', 'park@payssam.test'),
      ('2026-01-01 23:59:59+09', 'approvals_exported', 'park@payssam.test'),
      ('2025-12-31 23:59:59+09', 'approvals_exported', 'park@payssam.test')`);
  }

  it("filters by action, actor and KST dates", async () => {
    await seed();
    expect((await page({ action: "sign_in_failed", size: "100" })).rows).toHaveLength(10);
    expect((await page({ actor: "KIM@", size: "100" })).rows).toHaveLength(15);
    expect((await page({ actor: "%", size: "100" })).rows).toHaveLength(0);
    const newYear = await page({ from: "2026-01-01", to: "2026-01-01" });
    expect(newYear.rows.map((row) => row.actorEmail)).toEqual(["park@payssam.test", "park@payssam.test"]);
  });

  it("pages newest first with keyset cursors, forwards and back", async () => {
    await seed();
    const first = await page({ size: "10" });
    const second = await page({ size: "10", after: first.nextCursor ?? "", page: "2" });
    const third = await page({ size: "10", after: second.nextCursor ?? "", page: "3" });
    const fourth = await page({ size: "10", after: third.nextCursor ?? "", page: "4" });
    const ids = [first, second, third, fourth].flatMap((part) => part.rows.map((row) => row.id));
    expect(ids).toHaveLength(33);
    expect(new Set(ids).size).toBe(33);
    expect(fourth.nextCursor).toBeNull();
    const back = await page({ size: "10", before: third.prevCursor ?? "", page: "2" });
    expect(back.rows.map((row) => row.id)).toEqual(second.rows.map((row) => row.id));
  });
});

describe("retention", () => {
  it("refuses to change any row or delete one younger than a year, and lets an older one go", async () => {
    await recordStaffAction(database.handle.db, { action: "sign_in", actor: { id: "u1", email: "kim@payssam.test" } });
    await expect(database.query(sql`UPDATE audit_log SET actor_email = 'someone@else'`)).rejects.toThrow();
    await expect(database.query(sql`DELETE FROM audit_log`)).rejects.toThrow();
    await database.query(
      sql`INSERT INTO audit_log (at, action) VALUES (now() - interval '1 year' - interval '1 day', 'sign_in')`,
    );
    await database.query(sql`DELETE FROM audit_log WHERE at < now() - interval '1 year'`);
    const [{ rows }] = await database.query<{ rows: number }>(sql`SELECT count(*)::int AS rows FROM audit_log`);
    expect(rows).toBe(1);
  });
});
