import { expect, test } from "@playwright/test";
import { signInNewViewer } from "./auth-fixtures";
import { screenshots } from "./fixtures";
import { type OwnServer, signUpFirstAdmin, startOwnServer } from "./own-server";
import { viewportAt, widths } from "./support/viewports";

// 데모 데이터 넣기 needs an empty database, and the suite's shared server fills up at once: this
// spec starts its own server (the same build) on a fresh embedded database, on E2E_PORT + 15.

const port = Number(process.env.E2E_DEMO_PORT ?? Number(process.env.E2E_PORT ?? 3180) + 15);
const baseURL = `http://127.0.0.1:${port}`;
let server: OwnServer;

test.describe.configure({ mode: "serial", timeout: 300_000 });

test.beforeAll(async () => {
  // Starting a production server on a new embedded database takes a while on a busy machine.
  test.setTimeout(120_000);
  server = await startOwnServer(port);
});

test.afterAll(async () => {
  await server?.stop();
});

test("an admin fills an empty database with the demo once, backdated, from two tabs at once", async ({ browser }) => {
  const page = await signUpFirstAdmin(browser, baseURL);
  await expect(page.getByRole("heading", { name: "아직 받은 콜백이 없습니다" })).toBeVisible();
  await screenshots(page, "demo-empty-overview");

  // A viewer sees no button.
  const viewerPage = await signInNewViewer(browser, page.request, baseURL, {
    email: "demo-viewer@payssam.test",
    password: "demo viewer password",
  });
  await expect(viewerPage.getByRole("heading", { name: "개요" })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "데모 데이터 넣기" })).toHaveCount(0);
  await viewerPage.context().close();

  // Two tabs, both clicking: one seeds, the other is told there is data already.
  const second = await page.context().newPage();
  await second.goto("/");
  await Promise.all([
    page.getByRole("button", { name: "데모 데이터 넣기" }).click(),
    second.getByRole("button", { name: "데모 데이터 넣기" }).click(),
  ]);
  await expect(page.getByRole("button", { name: "데모 데이터를 넣는 중…" })).toBeVisible();
  await page.waitForURL(/\/\?demo=(seeded|exists)$/, { timeout: 240_000 });
  await second.waitForURL(/\/\?demo=(seeded|exists)$/, { timeout: 240_000 });
  expect([new URL(page.url()).search, new URL(second.url()).search].sort()).toEqual(["?demo=exists", "?demo=seeded"]);
  const seeded = new URL(page.url()).search === "?demo=seeded" ? page : second;
  await expect(seeded.getByRole("status").filter({ hasText: "데모 데이터를 넣었습니다." })).toBeVisible();
  await second.close();

  await page.reload();
  await expect(page.getByRole("button", { name: "데모 데이터 넣기" })).toHaveCount(0);
  await expect(page.getByTestId("desk-retry-deadlines")).toContainText("마감 지남");
  await screenshots(page, "demo-overview");

  await page.goto("/needs-action");
  await expect(page.getByRole("list", { name: "조치가 필요한 가맹점" }).getByRole("listitem").first()).toBeVisible();
  await screenshots(page, "demo-needs-action");

  // A merchant's timeline spans days, not one second.
  await page.getByRole("list", { name: "조치가 필요한 가맹점" }).getByRole("link").first().click();
  await page.waitForURL(/\/merchants\/\d+$/);
  const times = page.getByRole("list", { name: "심사 이력과 메모" }).locator("time");
  await expect(times.first()).toBeVisible();
  const days = await times.allTextContents();
  expect(new Set(days.map((text) => text.slice(0, 10))).size).toBeGreaterThan(1);
  await screenshots(page, "demo-merchant");

  await page.goto("/retry-deadlines?days=14");
  for (const state of ["retrying", "lost", "resolved"]) {
    await expect(page.locator(`[data-testid="retry-episode"][data-state="${state}"]`).first()).toBeVisible();
  }
  await screenshots(page, "demo-retry-deadlines");

  // The demo's callback for a billId nobody registered is kept as it came and shows as 미등록 on
  // the 대사 page and in its bill's timeline.
  await page.goto("/reconciliation?status=unregistered");
  const unregistered = page.getByRole("table", { name: "대사 목록" });
  await expect(unregistered.getByRole("row").nth(1)).toContainText("미등록");
  await screenshots(page, "demo-reconciliation-unregistered");
  await unregistered.getByRole("row").nth(1).getByRole("link").first().click();
  await page.waitForURL(/\/reconciliation\/[^/?]+$/);
  await expect(page.getByText("등록된 청구서가 없는 billId입니다 (미등록).")).toBeVisible();
  // Never read and nothing to compare: those values say "—", as on every detail page, not blank.
  const value = (label: string) =>
    page
      .locator("dl > div")
      .filter({ has: page.getByRole("term").filter({ hasText: label }) })
      .getByRole("definition");
  await expect(value("차이 (우리 / PaySsam)")).toHaveText("—");
  await expect(value("마지막 조회")).toHaveText("—");
  for (const text of await page.getByRole("definition").allTextContents()) expect(text.trim()).not.toBe("");
  await screenshots(page, "demo-bill-unregistered");

  // The demo's one amount PaySsam records differently: what differs is on the row itself, in won,
  // on a phone's card as in the desktop table.
  for (const width of widths) {
    await page.setViewportSize(viewportAt(width));
    await page.goto("/reconciliation?status=mismatch");
    const mismatch = page.getByRole("table", { name: "대사 목록" }).getByRole("row").nth(1);
    await expect(mismatch.getByText(/^금액: 우리 ₩[\d,]+ \/ PaySsam ₩[\d,]+$/)).toBeVisible();
  }
});
