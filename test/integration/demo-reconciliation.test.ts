import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/simulator/demo-seed";
import { setUpTestDatabase } from "../support/database";

// 데모 데이터 넣기 registers bills too and reconciles them with a real pass against a fake PaySsam.

const database = setUpTestDatabase();

describe("the demo's bills", () => {
  it("shows 일치, 불일치, 콜백 누락 (recovered), 미결제, 만료, 미등록 and 대사불능 after seeding", async () => {
    const seeded = await seedDemo(database.handle.db, {
      seed: "demo-reconciliation",
      now: new Date("2026-12-01T03:00:00Z"),
      apiKey: "sandbox-0123456789abcdef0123456",
      checksToken: false,
      size: { merchants: 20, approvals: 60 },
      callbackToken: null,
      actor: { id: "admin", email: "admin@example.kr" },
      clientAddr: null,
    });
    expect(seeded.status).toBe("seeded");
    const rows = await database.query<{ status: string; count: number }>(
      sql`select status::text, count(*)::int as count from reconciliations group by status`,
    );
    const counts = Object.fromEntries(rows.map((row) => [row.status, row.count]));
    expect(counts).toMatchObject({
      mismatch: 1,
      missing_callback: 6,
      unpaid: 5,
      expired: 4,
      unregistered: 1,
      unreadable: 1,
    });
    expect(counts.matched).toBeGreaterThan(20);
    const [recovered] = await database.query<{ count: number }>(
      sql`select count(*)::int as count from approvals where recovered_at is not null and delivery_count = 0`,
    );
    expect(recovered.count).toBe(6);
  });
});
