import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createFirstAdmin } from "@/app/(auth)/actions";
import { reprocessAction } from "@/app/(dashboard)/callbacks/[id]/actions";
import { addUser, changeUserRole } from "@/app/(dashboard)/users/actions";
import { adminAction, publicAction, staffAction } from "@/lib/auth/action";
import { authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { sample } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { browserTarget, offSiteVariants, sameSiteVariants } from "../support/redirect-variants";

// The dashboard's server actions, called as Next.js calls them: next/headers gives this request's
// headers, redirect() throws. Return paths, the setup code and the audit rows they write.

const request = vi.hoisted(() => ({ headers: new Headers(), cookies: new Map<string, string>() }));

vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    set: (name: string, value: string) => request.cookies.set(name, value),
    delete: (name: string) => request.cookies.delete(name),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
  }),
}));

class Redirected extends Error {
  constructor(readonly location: string) {
    super(`redirect ${location}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (location: string) => {
    throw new Redirected(location);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const database = setUpTestDatabase();
const site = "http://dashboard.test";

beforeEach(async () => {
  await database.query(authTables);
  request.cookies.clear();
  request.headers = new Headers({ host: "localhost:3000", "x-payssam-peer-address": "127.0.0.1" });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const firstAdmin = (fields: Record<string, string> = {}) =>
  form({
    email: "owner@payssam.test",
    password: staffPassword,
    passwordConfirm: staffPassword,
    next: "/",
    ...fields,
  });

async function redirectOf(action: Promise<unknown>): Promise<string> {
  const outcome = await action.then(
    (state) => state,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Redirected)) throw new Error(`no redirect: ${JSON.stringify(outcome)}`);
  return outcome.location;
}

describe("the first-administrator form's return path", () => {
  it.each([...offSiteVariants.map((variant) => [variant, "/"]), ...sameSiteVariants])(
    "after creating the administrator, next=%j goes to %s",
    async (next, expected) => {
      const location = await redirectOf(createFirstAdmin({}, firstAdmin({ next })));
      expect(location).toBe(expected);
      expect(browserTarget(location, site).origin).toBe(site);
    },
  );
});

describe("a refused account form keeps what was typed (issue 21)", () => {
  it("the first-administrator form, on a password mismatch: email and name, beside the field", async () => {
    const refused = await createFirstAdmin({}, firstAdmin({ name: "첫 관리자", passwordConfirm: `${staffPassword}?` }));
    expect(refused).toEqual({
      fieldErrors: { passwordConfirm: "비밀번호 확인이 일치하지 않습니다." },
      values: { email: "owner@payssam.test", name: "첫 관리자", next: "/" },
    });
    expect(await database.query(sql`SELECT id FROM auth_users`)).toEqual([]);
  });

  it("the users page, on a duplicate email: the whole form but the password", async () => {
    await createTestUser(database.handle.db, "admin@payssam.test", "admin");
    const cookie = sessionCookie(await signInAs("admin@payssam.test", staffPassword, "203.0.113.40"));
    request.headers = new Headers({ cookie, host: "ops.example.kr", "x-payssam-peer-address": "203.0.113.41" });
    const typed = { email: "Admin@PaySsam.test", name: "둘째", role: "admin", password: staffPassword };
    expect(await addUser({}, form(typed))).toEqual({
      fieldErrors: { email: "이미 같은 이메일의 계정이 있습니다." },
      values: { email: "Admin@PaySsam.test", name: "둘째", role: "admin" },
    });
  });
});

describe("the first-administrator form on a deployed server", () => {
  it("needs a live setup code; a wrong one is refused and recorded", async () => {
    vi.stubEnv("NODE_ENV", "production");
    request.headers = new Headers({ host: "ops.example.kr", "x-payssam-peer-address": "203.0.113.9" });
    const refused = await createFirstAdmin({}, firstAdmin({ setupCode: "0000-0000-0000" }));
    // Beside the field, with what was typed kept for the form: not the passwords, not the code.
    expect(refused).toEqual({
      fieldErrors: { setupCode: "설정 코드가 맞지 않습니다. 서버 로그에 출력된 코드를 확인하세요." },
      values: { email: "owner@payssam.test", next: "/" },
    });
    expect(await database.query(sql`SELECT id FROM auth_users`)).toEqual([]);
    const [row] = await database.query(sql`SELECT action, actor_email, client_addr, details FROM audit_log`);
    expect(row).toEqual({
      action: "first_admin_refused",
      actor_email: "owner@payssam.test",
      client_addr: "203.0.113.9",
      details: { reason: "wrong-setup-code" },
    });
  });

  it("stops listening after five wrong codes from one client", async () => {
    vi.stubEnv("NODE_ENV", "production");
    request.headers = new Headers({ host: "ops.example.kr", "x-payssam-peer-address": "203.0.113.10" });
    for (let attempt = 0; attempt < 5; attempt++) {
      await createFirstAdmin({}, firstAdmin({ setupCode: `WRONG-${attempt}` }));
    }
    const held = await createFirstAdmin({}, firstAdmin({ setupCode: "WRONG-6" }));
    expect(held.error).toMatch(/^시도가 너무 많습니다\. (1분|\d+초) 후 다시 시도하세요\.$/);
  });
});

describe("audit rows of the dashboard's actions", () => {
  async function signInAsAdmin() {
    await createTestUser(database.handle.db, "admin@payssam.test", "admin");
    const cookie = sessionCookie(await signInAs("admin@payssam.test", staffPassword, "203.0.113.20"));
    request.headers = new Headers({ cookie, host: "ops.example.kr", "x-payssam-peer-address": "203.0.113.21" });
  }

  it("records the first administrator", async () => {
    await redirectOf(createFirstAdmin({}, firstAdmin()));
    const rows = await database.query(sql`SELECT action, actor_email, target, client_addr FROM audit_log ORDER BY id`);
    expect(rows).toEqual([
      {
        action: "first_admin_created",
        actor_email: "owner@payssam.test",
        target: "owner@payssam.test",
        client_addr: "127.0.0.1",
      },
      { action: "sign_in", actor_email: "owner@payssam.test", target: null, client_addr: "127.0.0.1" },
    ]);
  });

  it("records a user added on the users page, and refuses an admin's change of their own role", async () => {
    await signInAsAdmin();
    const added = await addUser({}, form({ email: "new@payssam.test", password: staffPassword, role: "viewer" }));
    expect(added.done).toContain("new@payssam.test");
    const [admin] = await database.query<{ id: string }>(
      sql`SELECT id FROM auth_users WHERE email = 'admin@payssam.test'`,
    );
    expect(await changeUserRole({}, form({ userId: admin.id, role: "viewer" }))).toEqual({
      error: "자기 계정의 역할은 바꿀 수 없습니다.",
      values: { userId: admin.id, role: "viewer" },
    });
    const rows = await database.query(
      sql`SELECT action, actor_email, target, client_addr, details FROM audit_log WHERE action <> 'sign_in'`,
    );
    expect(rows).toEqual([
      {
        action: "user_created",
        actor_email: "admin@payssam.test",
        target: "new@payssam.test",
        client_addr: "203.0.113.21",
        details: { role: "viewer" },
      },
    ]);
  });

  it("records a reprocessed delivery", async () => {
    // A body refused under a stricter rule than today's: 다시 처리 now stores it. (A body today's
    // rules refuse again is explained instead of recorded: test/integration/reprocess.test.ts.)
    const body = JSON.stringify({ ...sample("approval.card"), apiKey: "****f5e4" });
    const [delivery] = await database.query<{ id: number }>(
      sql`INSERT INTO callback_deliveries (kind, endpoint, raw_body, body_bytes, outcome, http_status, error_code, error_message, api_key_verified)
          VALUES ('approval', '/api/callbacks/approval', ${body}, ${Buffer.byteLength(body)}, 'rejected', 400, '1002', 'stricter then', false)
          RETURNING id::int AS id`,
    );
    await signInAsAdmin();
    const location = await redirectOf(reprocessAction({}, form({ deliveryId: String(delivery.id) })));
    const newId = Number(location.split("/").at(-1));
    const rows = await database.query(
      sql`SELECT action, actor_email, target, client_addr, details FROM audit_log WHERE action = 'callback_reprocessed'`,
    );
    expect(rows).toEqual([
      {
        action: "callback_reprocessed",
        actor_email: "admin@payssam.test",
        target: `#${delivery.id}`,
        client_addr: "203.0.113.21",
        details: { deliveryId: delivery.id, newDeliveryId: newId },
      },
    ]);
  });
});

describe("the action wrapper", () => {
  class RuleBroken extends Error {}
  const input = z.object({
    email: z.email({ message: "올바른 이메일 주소를 입력하세요." }),
    password: z.string().min(12, { message: "비밀번호는 12자 이상이어야 합니다." }),
    note: z.string().optional(),
  });
  const ran = vi.fn();
  const typed = { email: "someone@payssam.test", password: "a password long enough", note: "메모", code: "SECRET" };
  const action = adminAction(
    { input, denied: "관리자만 해 볼 수 있습니다.", refuses: [RuleBroken], secrets: ["code"] },
    async (fields, { audit }) => {
      ran(fields);
      if (fields.note === "rule") throw new RuleBroken("규칙에 어긋납니다.");
      if (fields.note === "fault") throw new Error("database down");
      if (fields.note === "taken") return { fieldErrors: { email: "이미 같은 이메일의 계정이 있습니다." } };
      await audit({ action: "user_created", target: fields.email, details: { note: fields.note } });
      return { done: "했습니다." };
    },
  );

  beforeEach(() => ran.mockClear());

  async function signInWithRole(role: "admin" | "viewer") {
    await createTestUser(database.handle.db, `${role}@payssam.test`, role);
    const cookie = sessionCookie(await signInAs(`${role}@payssam.test`, staffPassword, "203.0.113.30"));
    request.headers = new Headers({ cookie, host: "ops.example.kr", "x-payssam-peer-address": "203.0.113.31" });
  }

  it("sends a signed-out caller to the login page and refuses a viewer an admin action, untouched", async () => {
    request.headers = new Headers({ host: "ops.example.kr", "x-payssam-path": "/users" });
    expect(await redirectOf(action({}, form(typed)))).toBe("/login?next=%2Fusers");
    expect(await redirectOf(staffAction({ input }, async () => ({}))({}, form(typed)))).toBe("/login?next=%2Fusers");
    await signInWithRole("viewer");
    expect(await action({}, form(typed))).toEqual({ error: "관리자만 해 볼 수 있습니다." });
    expect(ran).not.toHaveBeenCalled();
  });

  it("answers a refused form with its errors by field and what was typed, passwords and secrets aside", async () => {
    await signInWithRole("admin");
    expect(await action({}, form({ ...typed, email: "not an address", password: "short" }))).toEqual({
      fieldErrors: { email: "올바른 이메일 주소를 입력하세요.", password: "비밀번호는 12자 이상이어야 합니다." },
      values: { email: "not an address", note: "메모" },
    });
    expect(ran).not.toHaveBeenCalled();
    expect(await action({}, form({ ...typed, note: "taken" }))).toEqual({
      fieldErrors: { email: "이미 같은 이메일의 계정이 있습니다." },
      values: { email: typed.email, note: "taken" },
    });
    expect(await action({}, form({ ...typed, note: "rule" }))).toEqual({
      error: "규칙에 어긋납니다.",
      values: { email: typed.email, note: "rule" },
    });
    await expect(action({}, form({ ...typed, note: "fault" }))).rejects.toThrow("database down");
    // A field missing from a forged request reads as the general Korean text.
    expect(await publicAction({ input }, async () => ({}))({}, form({ email: typed.email }))).toEqual({
      fieldErrors: { password: "입력을 확인하세요." },
      values: { email: typed.email },
    });
  });

  it("writes the audit entry as the caller, from the caller's address, and answers what was done", async () => {
    await signInWithRole("admin");
    expect(await action({}, form(typed))).toEqual({ done: "했습니다." });
    const rows = await database.query(
      sql`SELECT action, actor_email, target, client_addr, details FROM audit_log WHERE action = 'user_created'`,
    );
    expect(rows).toEqual([
      {
        action: "user_created",
        actor_email: "admin@payssam.test",
        target: typed.email,
        client_addr: "203.0.113.31",
        details: { note: "메모" },
      },
    ]);
  });
});
