import { spawnSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import RootLayout from "@/app/layout";
import { DatabaseConfigurationError, getDatabase, openDatabase } from "@/db";
import { endpoints, sample, send, success } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

// A Vercel function without DATABASE_URL must fail closed: never an embedded database that would
// answer PaySsam 0000 and then lose the callback with the instance.

const database = setUpTestDatabase();

afterEach(() => {
  vi.unstubAllEnvs();
});

function onVercelWithoutDatabase() {
  vi.stubEnv("VERCEL", "1");
  vi.stubEnv("DATABASE_URL", "");
}

describe("on Vercel without DATABASE_URL", () => {
  it("answers callbacks 503 (PaySsam retries) and stores nothing", async () => {
    onVercelWithoutDatabase();
    const answer = await send(endpoints.approval, sample("approval.card"));
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe("5003");
    vi.unstubAllEnvs();
    expect(await database.query(sql`SELECT id FROM callback_deliveries`)).toEqual([]);
    // With the database back, the same callback is stored.
    expect((await send(endpoints.approval, sample("approval.card"))).body).toEqual(success);
  });

  it("answers /api/health 503, naming the missing variable", async () => {
    onVercelWithoutDatabase();
    const response = await health();
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "error", db: "not_configured", missing: "DATABASE_URL" });
  });

  it("never opens the embedded database", async () => {
    onVercelWithoutDatabase();
    await expect(getDatabase()).rejects.toThrow(DatabaseConfigurationError);
    await expect(openDatabase({ pgliteDir: "memory://" })).rejects.toThrow(/DATABASE_URL is not set/);
  });

  it("shows every page a configuration error instead of the page", () => {
    const page = createElement("p", null, "승인 목록");
    expect(renderToStaticMarkup(RootLayout({ children: page }))).toContain("승인 목록");
    onVercelWithoutDatabase();
    const markup = renderToStaticMarkup(RootLayout({ children: page }));
    expect(markup).not.toContain("승인 목록");
    expect(markup).toContain("설정 오류: 데이터베이스가 연결되어 있지 않습니다");
    expect(markup).toContain("DATABASE_URL");
  });

  it("fails the Vercel build command before building, with the reason", () => {
    const build = spawnSync("bash", ["scripts/vercel-build.sh"], {
      env: { ...process.env, VERCEL: "1", DATABASE_URL: "", DATABASE_URL_UNPOOLED: "" },
      encoding: "utf8",
    });
    expect(build.status).toBe(1);
    expect(build.stderr).toContain("DATABASE_URL is not set, so this deployment has no database.");
  });
});
