import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { expect, test } from "@playwright/test";
import { startWebhookListener, type WebhookListener } from "../test/support/webhook-listener";
import { authStates, firstAdmin, signedOut, signIn, signInNewViewer } from "./auth-fixtures";
import { approvalCallback, e2eCallbackToken, merchantCallback, screenshots, uniqueId } from "./fixtures";
import { type OwnServer, signUpFirstAdmin, startOwnServer } from "./own-server";

// Alerts end to end: a production server (`next start`) of its own with ALERT_WEBHOOK_URL pointing
// at a local listener (node:http), on E2E_PORT + 20, the listener on E2E_PORT + 21. The suite's
// shared server has no webhook: there /alerts says so, and only admins see it.

const port = Number(process.env.E2E_ALERTS_PORT ?? Number(process.env.E2E_PORT ?? 3180) + 20);
const hookPort = port + 1;
const baseURL = `http://127.0.0.1:${port}`;
const apiKey = "sk_live_e2e_alerts_0123456789abcdef";
const cronSecret = "e2e-alerts-cron-secret-not-a-secret";
const alertDeadlineMs = 30_000;
// lib/alerts/sender.ts: after this many tries an alert is 실패 (the page shows "8/8회").
const maxAttempts = 8;

test.describe("with a webhook", () => {
  let server: OwnServer;
  let webhook: WebhookListener;

  test.describe.configure({ mode: "serial", timeout: 180_000 });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    webhook = await startWebhookListener(hookPort);
    server = await startOwnServer(port, {
      PAYSSAM_API_KEYS: apiKey,
      APP_URL: "https://ops.payssam.test",
      ALERT_WEBHOOK_URL: webhook.url,
      CRON_SECRET: cronSecret,
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    await webhook?.close();
  });

  async function post(endpoint: "approval" | "auth-mapping", body: unknown) {
    const response = await fetch(`${baseURL}/api/callbacks/${endpoint}?token=${e2eCallbackToken}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { code: string } };
  }

  async function alertContaining(marker: string, since: number) {
    for (;;) {
      const found = webhook.received.find((received) => received.at >= since && received.raw.includes(marker));
      if (found) return found;
      if (Date.now() - since > alertDeadlineMs) throw new Error(`no alert with ${marker} within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test("an R/S alert reaches the webhook within 30 s of the callback, with no token or API key", async () => {
    const memberId = uniqueId("mA");
    const company = `알림상회 ${uniqueId("", 6)}`;
    // PaySsam's message may carry anything, our secrets included: the alert must not.
    const message = `서류 재제출 요청. 참고 ${e2eCallbackToken} / ${apiKey}`;
    const started = Date.now();
    const answer = await post(
      "auth-mapping",
      merchantCallback({ memberId, merchantId: "s1", companyName: company, reviewStatus: "S", reviewMessage: message }),
    );
    const answeredMs = Date.now() - started;
    expect(answer).toEqual({ status: 200, body: expect.objectContaining({ code: "0000" }) });
    const alert = await alertContaining(company, started);
    const arrivalMs = alert.at - started;
    test
      .info()
      .annotations.push({ type: "R/S alert arrival", description: `${arrivalMs} ms (answer ${answeredMs} ms)` });
    console.log(`R/S alert arrived ${arrivalMs} ms after the callback was sent (answered in ${answeredMs} ms)`);
    expect(arrivalMs).toBeLessThan(alertDeadlineMs);

    expect(Object.keys(alert.body)).toEqual(["text"]);
    expect(alert.body.text).toContain(`하위가맹점 서류보완 (S): ${company} 본점`);
    expect(alert.body.text).toMatch(/보기: https:\/\/ops\.payssam\.test\/merchants\/\d+/);
    expect(alert.raw).not.toContain(e2eCallbackToken);
    expect(alert.raw).not.toContain(apiKey);
    expect(alert.raw).not.toContain("token=");
  });

  test("a first refusal is alerted in Korean with PaySsam's deadline, its retries are not", async () => {
    const billId = uniqueId("AL");
    const refused = approvalCallback({ billId, apiKey, apprMonthly: "일시불" });
    const started = Date.now();
    expect((await post("approval", refused)).status).toBe(400);
    const alert = await alertContaining(billId, started);
    expect(alert.body.text).toContain(`콜백 거부: 결제 승인 ${billId}`);
    expect(alert.body.text).toContain("할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불");
    expect(alert.body.text).toMatch(/PaySsam 재시도 마감: .* KST \(23시간 5\d분 남음\)/);
    expect(alert.raw).not.toContain(apiKey);

    const retried = Date.now();
    expect((await post("approval", refused)).status).toBe(400);
    // The sweep runs every 15 s: wait past it, and still only the first refusal was alerted.
    await new Promise((resolve) => setTimeout(resolve, 17_000));
    expect(webhook.received.filter((received) => received.at >= retried && received.raw.includes(billId))).toEqual([]);
  });

  test("admins see what was sent on /alerts; a viewer does not", async ({ browser }) => {
    const page = await signUpFirstAdmin(browser, baseURL);
    await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "알림" }).click();
    await page.waitForURL(`${baseURL}/alerts`);
    await expect(page.getByRole("heading", { name: "알림" })).toBeVisible();
    await expect(page.getByTestId("webhook-status")).toContainText("웹훅 켜짐");
    await expect(page.getByTestId("webhook-status")).toContainText(`127.0.0.1:${hookPort}`);
    const alerts = page.getByRole("list", { name: "알림" }).getByTestId("alert");
    await expect(alerts.filter({ hasText: "반려·서류보완" }).first()).toContainText("보냄");
    await expect(alerts.filter({ hasText: "콜백 거부" }).first()).toContainText("1/8회");
    await expect(page.locator("body")).not.toContainText(e2eCallbackToken);
    await screenshots(page, "alerts");

    await page.getByRole("link", { name: /^실패/ }).click();
    await page.waitForURL(`${baseURL}/alerts?status=failed`);
    await expect(page.getByText("이 상태의 알림이 없습니다.")).toBeVisible();

    const viewerPage = await signInNewViewer(browser, page.request, baseURL, {
      email: "alerts-viewer@payssam.test",
      password: "alerts viewer password",
    });
    await expect(
      viewerPage.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "알림" }),
    ).toHaveCount(0);
    await viewerPage.goto("/alerts");
    await expect(viewerPage.getByRole("alert").filter({ hasText: "관리자만 볼 수 있는 화면입니다." })).toBeVisible();
    await expect(viewerPage.getByTestId("alert")).toHaveCount(0);
    await viewerPage.context().close();
  });

  // Last of this group: it restarts the server, and it signs in as the administrator made above.
  test("an admin sends a failed alert again with 다시 보내기; the audit log shows who", async ({ browser }) => {
    const company = `재전송상회 ${uniqueId("", 6)}`;
    webhook.answer = 500;
    const started = Date.now();
    const answer = await post(
      "auth-mapping",
      merchantCallback({ memberId: uniqueId("mF"), merchantId: "s1", companyName: company, reviewStatus: "R" }),
    );
    expect(answer.status).toBe(200);
    expect((await alertContaining(company, started)).body.text).toContain(company);

    // The other tries would take hours of backoff (30 s, doubling). As if all but one had failed
    // meanwhile, the alert is due for its last try: the sweep makes it, the webhook answers 500 again.
    let alertId = 0;
    await server.whileStopped(async (pgliteDir) => {
      const database = new PGlite(pgliteDir, { extensions: { pg_trgm } });
      try {
        const { rows } = await database.query<{ id: number }>(
          `UPDATE alert_outbox SET attempts = $1, next_attempt_at = now()
            WHERE status = 'pending' AND position($2 in text) > 0 RETURNING id::int AS id`,
          [maxAttempts - 1, company],
        );
        expect(rows).toHaveLength(1);
        alertId = rows[0].id;
      } finally {
        await database.close();
      }
    });
    const lastTry = Date.now();
    const swept = await fetch(`${baseURL}/api/cron/alerts`, { headers: { authorization: `Bearer ${cronSecret}` } });
    expect(swept.status).toBe(200);
    await alertContaining(company, lastTry);

    const context = await browser.newContext({ baseURL, storageState: signedOut });
    const page = await context.newPage();
    await page.goto("/login");
    await signIn(page, firstAdmin.email, firstAdmin.password);
    await page.waitForURL(`${baseURL}/`);
    await page.goto("/alerts?status=failed");
    const failed = page.getByTestId("alert").filter({ hasText: company });
    await expect(failed).toContainText("실패");
    await expect(failed).toContainText(`${maxAttempts}/${maxAttempts}회`);
    await expect(failed).toContainText("마지막 오류: HTTP 500");
    await screenshots(page, "alerts-failed");

    webhook.answer = "ok";
    const resent = Date.now();
    await failed.getByRole("button", { name: /다시 보내기$/ }).click();
    // Queued again, it leaves the 실패 list at once; the post follows the answer (after()).
    await expect(failed).toHaveCount(0);
    const delivered = await alertContaining(company, resent);
    expect(Object.keys(delivered.body)).toEqual(["text"]);
    expect(delivered.body.text).toContain(`하위가맹점 반려 (R): ${company} 본점`);

    await page.goto("/alerts");
    const sent = page.getByTestId("alert").filter({ hasText: company });
    await expect(async () => {
      await page.reload();
      await expect(sent).toContainText("보냄", { timeout: 1_000 });
    }).toPass();
    await expect(sent).toContainText(`1/${maxAttempts}회`);
    await expect(sent.getByRole("button", { name: /다시 보내기$/ })).toHaveCount(0);

    await page.goto("/audit?action=alert_resent");
    const record = page.getByRole("row").filter({ hasText: `#${alertId}` });
    await expect(record).toContainText("알림 다시 보내기");
    await expect(record).toContainText(firstAdmin.email);
    await context.close();
  });
});

test.describe("without a webhook (the shared server)", () => {
  test("an admin is told alerts are off", async ({ page }) => {
    await page.goto("/alerts");
    await expect(page.getByTestId("webhook-status")).toContainText("웹훅 꺼짐");
    await expect(page.getByTestId("webhook-status")).toContainText("ALERT_WEBHOOK_URL");
    await screenshots(page, "alerts-off");
  });

  test.describe("as a viewer", () => {
    test.use({ storageState: authStates.viewer });

    test("sees no link and no alerts", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "알림" })).toHaveCount(
        0,
      );
      await page.goto("/alerts");
      await expect(page.getByText("관리자만 볼 수 있는 화면입니다.")).toBeVisible();
      await expect(page.getByTestId("webhook-status")).toHaveCount(0);
    });
  });
});
