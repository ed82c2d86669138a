import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { reconcileNowAction } from "@/app/(dashboard)/reconciliation/actions";
import { useReconcileOverrides } from "@/lib/reconcile/configured";
import { authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { setUpTestDatabase } from "../support/database";
import { approvalInstant, postBills, reconcileAgainstFake } from "../support/reconcile";

// 지금 대사 (the 대사 page's button), called as Next.js calls a server action: admins only, a real
// pass against the fake PaySsam, and an audit row with what the pass did.

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
vi.mock("next/navigation", () => ({
  redirect: (location: string) => {
    throw new Error(`redirect ${location}`);
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const database = setUpTestDatabase();
const payssam = reconcileAgainstFake();

beforeEach(async () => {
  await database.query(authTables);
  request.cookies.clear();
  request.headers = new Headers({ host: "localhost:3000", "x-payssam-peer-address": "127.0.0.1" });
});

async function signInAsRole(role: "admin" | "viewer") {
  await createTestUser(database.handle.db, `${role}@payssam.test`, role);
  const cookie = sessionCookie(await signInAs(`${role}@payssam.test`, staffPassword, "203.0.113.50"));
  request.headers = new Headers({ host: "localhost:3000", cookie, "x-payssam-peer-address": "203.0.113.50" });
}

const runs = () =>
  database.query(sql`SELECT action, actor_email, target, details FROM audit_log WHERE action = 'reconciliation_run'`);

describe("지금 대사 (reconcileNowAction)", () => {
  it("runs a pass for an admin, finds a payment without a callback, and audits it", async () => {
    await postBills({ bills: [{ billId: "NOW-1", memberId: "m-1", merchantId: "shop-1", price: 12000 }] });
    payssam.fake.setBill({ billId: "NOW-1", apprState: "F", apprPrice: 12000, apprNum: "77", apprDt: approvalInstant });
    await signInAsRole("admin");

    expect(await reconcileNowAction({})).toEqual({ done: "PaySsam에서 1건을 조회했습니다 (콜백 누락 1)." });
    const [status] = await database.query(sql`SELECT status::text FROM reconciliations WHERE bill_id = 'NOW-1'`);
    expect(status).toEqual({ status: "missing_callback" });
    const [run] = await runs();
    expect(run).toMatchObject({
      actor_email: "admin@payssam.test",
      target: "ok",
      details: { status: "ok", read: 1, failedReads: 0 },
    });
  });

  it("refuses a viewer and runs nothing", async () => {
    await postBills({ bills: [{ billId: "NOW-2", memberId: "m-1", merchantId: "shop-1", price: 5000 }] });
    await signInAsRole("viewer");
    const answer = await reconcileNowAction({});
    expect(answer.error).toBe("관리자만 대사를 실행할 수 있습니다.");
    expect(payssam.fake.stats().reads).toBe(0);
    expect(await runs()).toEqual([]);
  });

  it("says reconciliation is off without PAYSSAM_API_BASE, and audits that", async () => {
    useReconcileOverrides(undefined);
    vi.stubEnv("PAYSSAM_API_BASE", "");
    await signInAsRole("admin");
    expect(await reconcileNowAction({})).toEqual({
      error: "대사가 꺼져 있어 실행하지 않았습니다. 아래 안내대로 설정하세요.",
      values: {},
    });
    expect(await runs()).toMatchObject([{ target: "off", details: { status: "off" } }]);
  });
});
