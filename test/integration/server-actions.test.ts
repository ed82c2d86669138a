import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFirstAdmin } from "@/app/(auth)/actions";
import { reprocessAction } from "@/app/(dashboard)/callbacks/[id]/actions";
import { addUser, changeUserRole } from "@/app/(dashboard)/users/actions";
import { authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { sample, send } from "../support/callbacks";
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

describe("the first-administrator form on a deployed server", () => {
  it("needs a live setup code; a wrong one is refused and recorded", async () => {
    vi.stubEnv("NODE_ENV", "production");
    request.headers = new Headers({ host: "ops.example.kr", "x-payssam-peer-address": "203.0.113.9" });
    const refused = await createFirstAdmin({}, firstAdmin({ setupCode: "0000-0000-0000" }));
    expect(refused).toEqual({ error: "설정 코드가 맞지 않습니다. 서버 로그에 출력된 코드를 확인하세요." });
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
    await send("/api/callbacks/approval", { ...sample("approval.card"), apprDt: "20261301250000" });
    const [delivery] = await database.query<{ id: number }>(sql`SELECT id::int AS id FROM callback_deliveries`);
    await signInAsAdmin();
    const location = await redirectOf(reprocessAction(delivery.id, {}));
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
