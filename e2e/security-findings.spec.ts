import { spawnSync } from "node:child_process";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { browserTarget, offSiteVariants } from "../test/support/redirect-variants";
import { clientAddress, createStaff, test } from "./auth-fixtures";
import { approvalCallback, screenshots, uniqueId } from "./fixtures";
import { freshOrigin, freshRequest, hostResolverRule, setupCodeIn, startFreshServer } from "./fresh-server";
import type { OwnServer } from "./own-server";

// Issue 10's findings, one describe each, named as the issue names them, against production
// builds: the shared e2e server, and a fresh one with every setting at its default (see
// fresh-server.ts). The fresh server's tests run in order: the first run creates its administrator.

const wrongPassword = "not the password at all";
const adminOnFresh = { email: "owner@payssam.test", password: "fresh server owner password" };
const viewerOnFresh = { email: "viewer@payssam.test", password: "fresh server viewer password" };

/** A cursor as the lists write them, around a value PostgreSQL would refuse. */
const cursorOf = (value: string) => Buffer.from(JSON.stringify([value, 5])).toString("base64url");

test.describe
  .serial("on a fresh production server with default settings", () => {
    let server: OwnServer;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let viewerCookie = "";

    test.beforeAll(async ({ playwright }) => {
      test.setTimeout(120_000);
      server = await startFreshServer();
      const launchOptions = test.info().project.use.launchOptions ?? {};
      browser = await playwright.chromium.launch({
        ...launchOptions,
        args: [...(launchOptions.args ?? []), hostResolverRule],
      });
      context = await browser.newContext({ baseURL: freshOrigin, locale: "ko-KR", timezoneId: "Asia/Seoul" });
      page = await context.newPage();
    });

    test.afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    test.describe("First-run takeover: until the first account exists, anyone who reaches /login could make themselves administrator", () => {
      test("a deployed server asks for the one-time setup code from its log, and takes it once", async () => {
        const code = setupCodeIn(server.log());
        expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

        await page.goto("/login?next=%2Fapprovals");
        await expect(page.getByRole("heading", { name: "첫 관리자 계정 만들기" })).toBeVisible();
        await expect(page.getByLabel(/설정 코드/)).toBeVisible();
        await screenshots(page, "login-setup-code");

        const fill = async (setupCode: string) => {
          await page.getByLabel(/설정 코드/).fill(setupCode);
          await page.getByLabel("이메일").fill(adminOnFresh.email);
          await page.getByLabel(/^비밀번호 \(/).fill(adminOnFresh.password);
          await page.getByLabel("비밀번호 확인").fill(adminOnFresh.password);
        };
        await fill("0000-0000-0000");
        await page.getByRole("button", { name: "관리자 계정 만들고 로그인" }).click();
        await expect(page.getByRole("alert").filter({ hasText: "설정 코드가 맞지 않습니다" })).toBeVisible();

        // The form's own return path, made hostile on the way: the action normalises it too.
        await fill(code!.toLowerCase());
        await page.locator('input[name="next"]').evaluate((input: HTMLInputElement) => {
          input.value = "/.//evil.example";
        });
        await page.getByRole("button", { name: "관리자 계정 만들고 로그인" }).click();
        await page.waitForURL((url) => url.origin === freshOrigin && url.pathname === "/");
        await expect(page.getByText(adminOnFresh.email)).toBeVisible();

        // Used up: nobody is offered the form again, and the code is worth nothing.
        const again = await freshRequest("/login");
        expect(again.body).toContain("로그인");
        expect(again.body).not.toContain("첫 관리자 계정 만들기");
      });
    });

    test.describe("A viewer can make queries fail: NUL in a search box, a cursor with year 0000 or offset +20", () => {
      test.beforeAll(async () => {
        // The administrator adds the viewer on the users page, as they would.
        await page.goto("/users");
        const form = page.locator("form").filter({ has: page.getByRole("button", { name: "사용자 추가" }) });
        await form.getByLabel("이메일").fill(viewerOnFresh.email);
        await form.getByLabel("역할").selectOption("viewer");
        await form.getByLabel(/처음 비밀번호/).fill(viewerOnFresh.password);
        await form.getByRole("button", { name: "사용자 추가" }).click();
        await expect(page.getByText(`${viewerOnFresh.email} 계정을 만들었습니다.`)).toBeVisible();
        const signedIn = await freshRequest("/api/auth/sign-in/email", {
          method: "POST",
          headers: { origin: freshOrigin, "content-type": "application/json" },
          body: JSON.stringify(viewerOnFresh),
        });
        expect(signedIn.status, signedIn.body).toBe(200);
        viewerCookie = (signedIn.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]).join("; ");
      });

      test("every such URL shows the page with a Korean notice, and the search text never reaches the log", async () => {
        const marker = uniqueId("NULMARK", 16);
        for (const url of [
          `/merchants?q=%00${marker}`,
          `/approvals?issuer=${marker}%00`,
          `/callbacks?subject=%00${marker}`,
          `/approvals?after=${cursorOf("0000-01-01 00:00:00+00")}`,
          `/merchants?after=${cursorOf("2026-11-26 03:00:00+20")}&page=4`,
          `/callbacks?before=${cursorOf("2026-11-26 03:00:00+20")}`,
        ]) {
          const answer = await freshRequest(url, { headers: { cookie: viewerCookie } });
          expect(answer.status, url).toBe(200);
          expect(answer.body, url).toContain("주소의 일부 조건을 사용하지 않았습니다.");
          expect(answer.body, url).not.toContain("불러오지 못했습니다");
        }
        const exported = await freshRequest(`/api/export/approvals?issuer=%00${marker}`, {
          headers: { cookie: viewerCookie },
        });
        expect(exported.status).toBe(400);
        expect(JSON.parse(exported.body)).toMatchObject({ code: "1002" });
        expect(server.log()).not.toContain(marker);

        await page.goto(`/merchants?q=%00${marker}`);
        await expect(page.getByText(/검색어: 쓸 수 없는 문자/)).toBeVisible();
        await screenshots(page, "notice-nul-search");
      });
    });

    test.describe("CSV formula prefixes are incomplete: newline or spaces before =, full-width ＝ ＋ － ＠", () => {
      test("every form is written as text in the export", async ({ request }) => {
        const forms = ["=1+1", "  =1+1", "\n=1+1", "\t@x", "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20SUM(A1)"];
        for (const [index, issuer] of forms.entries()) {
          const billId = uniqueId(`CSV${index}`);
          const response = await request.post(
            `http://127.0.0.1:${new URL(freshOrigin).port}/api/callbacks/approval?token=e2e-callback-token-not-a-secret`,
            { data: approvalCallback({ billId, apprIssuer: issuer }) },
          );
          expect(response.status(), await response.text()).toBe(200);
        }
        const csv = await freshRequest("/api/export/approvals", { headers: { cookie: viewerCookie } });
        expect(csv.status).toBe(200);
        expect(csv.complete).toBe(true);
        // A formula start after a line break or a tab (a separator in some locales) gets its own
        // apostrophe, and such a cell is quoted.
        const written = [
          "'=1+1",
          "'  =1+1",
          `"'\n'=1+1"`,
          `"'\t'@x"`,
          "'\uFF1D1+1",
          "'\uFF0B1",
          "'\uFF0D1",
          "'\uFF20SUM(A1)",
        ];
        for (const [index, issuer] of forms.entries()) {
          expect(csv.body, JSON.stringify(issuer)).toContain(`,${written[index]},`);
        }
      });
    });

    test.describe("Smaller gaps", () => {
      test("sign-in answers carry no session token in their JSON", async () => {
        const token = decodeURIComponent(viewerCookie.split("=")[1]).split(".")[0];
        const session = await freshRequest("/api/auth/get-session", { headers: { cookie: viewerCookie } });
        expect(JSON.parse(session.body)).toMatchObject({ user: { email: viewerOnFresh.email } });
        expect(session.body).not.toContain(token);
      });

      test("server actions answer 4xx to cross-origin, oversized and unsized calls", async () => {
        const action = { "next-action": "7f".padEnd(42, "0"), "content-type": "text/plain;charset=UTF-8" };
        const crossOrigin = await freshRequest("/login", {
          method: "POST",
          headers: { ...action, origin: "https://evil.example" },
          body: "[]",
        });
        expect(crossOrigin.status).toBe(403);
        const oversized = await freshRequest("/login", {
          method: "POST",
          headers: { ...action, origin: freshOrigin },
          body: "a".repeat(1024 * 1024 + 1),
        });
        expect(oversized.status).toBe(413);
        const unsized = await freshRequest("/login", {
          method: "POST",
          headers: { ...action, origin: freshOrigin, "transfer-encoding": "chunked" },
          body: "[]",
        });
        expect(unsized.status).toBe(411);
      });

      test("HSTS only over HTTPS", async () => {
        expect((await freshRequest("/login")).headers["strict-transport-security"]).toBeUndefined();
        const behindTls = await freshRequest("/login", { headers: { "x-forwarded-proto": "https" } });
        expect(behindTls.headers["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
      });

      test("user:create refuses --password (npm would print it in its banner)", () => {
        const secret = "a password nobody should see";
        const result = spawnSync(
          process.execPath,
          ["--import", "tsx", "scripts/user-create.ts", "--email", "x@payssam.test", "--password", secret],
          { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" } },
        );
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("--password is not accepted");
        expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
      });
    });

    test.describe("The sign-in rate limit trusts X-Forwarded-For", () => {
      test("12 failed sign-ins, each with a new made-up X-Forwarded-For, get 429 before the 12th", async () => {
        const statuses: number[] = [];
        for (let attempt = 0; attempt < 12; attempt++) {
          const answer = await freshRequest("/api/auth/sign-in/email", {
            method: "POST",
            headers: {
              origin: freshOrigin,
              "content-type": "application/json",
              "x-forwarded-for": `10.${attempt}.0.1`,
              "x-real-ip": `10.${attempt}.0.2`,
              "x-payssam-peer-address": `10.${attempt}.0.3`,
            },
            body: JSON.stringify({ email: `guess${attempt}@payssam.test`, password: wrongPassword }),
          });
          statuses.push(answer.status);
        }
        const firstRefusal = statuses.indexOf(429);
        expect(firstRefusal, statuses.join(" ")).toBeGreaterThan(0);
        expect(firstRefusal, statuses.join(" ")).toBeLessThan(11);
        expect(statuses.slice(0, firstRefusal).every((status) => status === 401)).toBe(true);
        expect(statuses.slice(firstRefusal).every((status) => status === 429)).toBe(true);
      });
    });

    test.describe("There is no record of who did what", () => {
      test("admins see every sign-in, failure, account and export in the audit log, with filters", async () => {
        await page.goto("/audit");
        await expect(page.getByRole("heading", { name: "감사 기록" })).toBeVisible();
        const table = page.getByRole("table");
        for (const label of ["첫 관리자 생성", "사용자 추가", "로그인", "로그인 실패", "승인 내역 내보내기"]) {
          await expect(table.getByText(label, { exact: true }).filter({ visible: true }).first(), label).toBeVisible();
        }
        // From where: the socket's address, never the made-up headers.
        await expect(table.getByText("10.0.0.1")).toHaveCount(0);
        await screenshots(page, "audit");

        await page.getByLabel("작업").selectOption("sign_in_failed");
        await page.waitForURL(/action=sign_in_failed/);
        await expect(table.getByText("로그인 실패", { exact: true }).filter({ visible: true }).first()).toBeVisible();
        await expect(table.getByText("첫 관리자 생성", { exact: true })).toHaveCount(0);
        await expect(table.getByText("127.0.0.1").first()).toBeAttached();

        const asViewer = await freshRequest("/audit", { headers: { cookie: viewerCookie } });
        expect(asViewer.body).toContain("관리자만 볼 수 있는 화면입니다.");
        expect(asViewer.body).not.toContain(adminOnFresh.email);
      });
    });
  });

test.describe("Open redirect: GET /login?next=/.//evil.example answered 307 location: //evil.example", () => {
  test(`every place that takes a return path stays on the site (${offSiteVariants.length} variants)`, async ({
    adminRequest,
    baseURL,
  }) => {
    for (const variant of offSiteVariants) {
      const answer = await adminRequest.get(`/login?next=${encodeURIComponent(variant)}`, { maxRedirects: 0 });
      expect(answer.status(), JSON.stringify(variant)).toBe(307);
      const target = browserTarget(answer.headers().location, baseURL!);
      expect(target.origin, JSON.stringify(variant)).toBe(new URL(baseURL!).origin);
    }
    const staff = { email: `${uniqueId("rd", 12).toLowerCase()}@payssam.test`, password: "redirect test password" };
    await createStaff(adminRequest, baseURL!, { ...staff, role: "viewer" });
    for (const variant of offSiteVariants) {
      const answer = await adminRequest.post("/api/auth/sign-in/email", {
        headers: { origin: baseURL!, "x-forwarded-for": clientAddress() },
        data: { ...staff, callbackURL: variant },
        maxRedirects: 0,
      });
      expect(answer.status(), JSON.stringify(variant)).not.toBe(200);
      const location = answer.headers().location;
      if (location) expect(browserTarget(location, baseURL!).origin).toBe(new URL(baseURL!).origin);
    }
  });
});

test.describe("Anyone can lock any staff member out: 5 wrong passwords from 5 spoofed addresses", () => {
  test("the guessing client is slowed with growing waits; the staff member elsewhere still signs in", async ({
    request,
    adminRequest,
    baseURL,
  }) => {
    const staff = { email: `${uniqueId("lk", 12).toLowerCase()}@payssam.test`, password: "lockout test password" };
    await createStaff(adminRequest, baseURL!, { ...staff, role: "viewer" });
    const attacker = clientAddress();
    const signIn = (password: string, from: string) =>
      request.post("/api/auth/sign-in/email", {
        headers: { origin: baseURL!, "x-forwarded-for": from },
        data: { email: staff.email, password },
      });
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(wrongPassword, attacker)).status()).toBe(401);
    const slowed = await signIn(staff.password, attacker);
    expect(slowed.status()).toBe(429);
    // A minute from the fifth failure, less the moments since.
    expect(Number(slowed.headers()["retry-after"])).toBeGreaterThanOrEqual(50);
    expect(Number(slowed.headers()["retry-after"])).toBeLessThanOrEqual(60);
    expect((await signIn(staff.password, clientAddress())).status()).toBe(200);
  });
});
