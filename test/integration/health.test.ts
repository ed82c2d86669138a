import { describe, expect, it } from "vitest";
import { checkDatabase } from "@/app/api/health/database-check";
import { GET } from "@/app/api/health/route";
import type { Database } from "@/db";
import { setUpTestDatabase } from "../support/database";

const database = setUpTestDatabase();

describe("GET /api/health", () => {
  it("answers 200 ok, uncached, when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });
});

describe("checkDatabase", () => {
  it("is ok when select 1 answers", async () => {
    expect(await checkDatabase(async () => database.handle.db, 2000)).toEqual({ ok: true });
  });

  it("reports a database that cannot be opened", async () => {
    const health = await checkDatabase(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    }, 2000);
    expect(health).toEqual({ ok: false, reason: "connect ECONNREFUSED 127.0.0.1:5432" });
  });

  it("gives up on a database that never answers", async () => {
    const started = performance.now();
    const health = await checkDatabase(() => new Promise<Database>(() => {}), 150);
    expect(health).toEqual({ ok: false, reason: "no answer within 150 ms" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
