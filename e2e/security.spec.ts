import { type APIResponse, expect, type Page } from "@playwright/test";
import { clientAddress, createStaff, signedOut, test } from "./auth-fixtures";
import { approvalCallback, e2eCallbackToken, merchantCallback, postCallback, uniqueId } from "./fixtures";

// What a visitor without an account gets (nothing), what callback text can do in the browser
// (nothing), cross-site requests, and the security headers.

const dashboardPaths = [
  "/",
  "/merchants",
  "/merchants/1",
  "/approvals",
  "/approvals/1",
  "/callbacks",
  "/callbacks/1",
  "/users",
  "/audit",
  "/alerts",
];

const forgedCookie = (baseURL: string) => ({
  name: "payssam.session_token",
  value: "forged-token.forged-signature",
  url: baseURL,
});

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("every dashboard page redirects to /login with the way back, and shows no data", async ({
    request,
    baseURL,
  }) => {
    const company = `비밀상회 ${uniqueId("so", 10)}`;
    await postCallback(
      request,
      "auth-mapping",
      merchantCallback({
        memberId: uniqueId("mX"),
        merchantId: uniqueId("sX"),
        companyName: company,
        reviewStatus: "P",
      }),
    );
    for (const path of [...dashboardPaths, `/merchants?q=${encodeURIComponent(company)}`]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      const location = new URL(response.headers().location, baseURL);
      expect(location.pathname, path).toBe("/login");
      // The way back is the same path and query ("+" and "%20" alike).
      const back = new URL(location.searchParams.get("next") ?? "/", baseURL);
      const asked = new URL(path, baseURL);
      expect(back.pathname, path).toBe(asked.pathname);
      expect([...back.searchParams], path).toEqual([...asked.searchParams]);
      expect(await response.text()).not.toContain(company);
    }
  });

  test("a forged session cookie passes the proxy but not the pages' own check", async ({ page, baseURL }) => {
    await page.context().addCookies([forgedCookie(baseURL!)]);
    for (const path of ["/merchants", "/approvals", "/callbacks", "/users"]) {
      await page.goto(path);
      await page.waitForURL(new RegExp(`/login\\?next=${encodeURIComponent(path)}$`));
    }
  });

  test("the API answers 401 JSON, with or without a forged cookie", async ({ request, playwright, baseURL }) => {
    const expectSignInRequired = async (response: APIResponse, what: string) => {
      expect(response.status(), what).toBe(401);
      expect(await response.json(), what).toMatchObject({ code: "1201" });
    };
    await expectSignInRequired(await request.get("/api/export/approvals"), "export");
    await expectSignInRequired(await request.get("/api/export/approvals?state=F"), "export with filters");
    await expectSignInRequired(await request.get("/api/anything-else"), "unknown API path");

    const forged = await playwright.request.newContext({
      baseURL,
      storageState: {
        cookies: [
          {
            ...forgedCookie(baseURL!),
            domain: new URL(baseURL!).hostname,
            path: "/",
            expires: -1,
            httpOnly: true,
            secure: false,
            sameSite: "Lax",
          },
        ],
        origins: [],
      },
    });
    await expectSignInRequired(await forged.get("/api/export/approvals"), "export with a forged cookie");
    expect((await forged.get("/api/auth/admin/list-users")).status()).toBe(401);
    await forged.dispose();
  });

  test("the callback endpoints and the health check stay open", async ({ request }) => {
    expect((await request.get("/api/health")).status()).toBe(200);
    const response = await request.post(`/api/callbacks/approval?token=${e2eCallbackToken}`, {
      data: approvalCallback({ billId: uniqueId("OP") }),
    });
    expect(response.status()).toBe(200);
  });

  test("a sign-in posted from another site is refused", async ({ request }) => {
    const response = await request.post("/api/auth/sign-in/email", {
      headers: { origin: "https://evil.example", "x-forwarded-for": clientAddress() },
      data: { email: "first-admin@payssam.test", password: "whatever it is" },
    });
    expect(response.status()).toBe(403);
  });
});

test("a sign-out posted from another site is refused", async ({ playwright, adminRequest, baseURL }) => {
  const staff = { email: `${uniqueId("cs", 12).toLowerCase()}@payssam.test`, password: "cross site password" };
  await createStaff(adminRequest, baseURL!, { ...staff, role: "viewer" });
  const victim = await playwright.request.newContext({ baseURL });
  const signIn = await victim.post("/api/auth/sign-in/email", {
    headers: { origin: baseURL!, "x-forwarded-for": clientAddress() },
    data: staff,
  });
  expect(signIn.status()).toBe(200);
  const crossSite = await victim.post("/api/auth/sign-out", { headers: { origin: "https://evil.example" }, data: {} });
  expect(crossSite.status()).toBe(403);
  const session = await victim.get("/api/auth/get-session");
  expect((await session.json())?.user?.email).toBe(staff.email);
  await victim.dispose();
});

const scriptPayload = "<script>window.__xss=(window.__xss||0)+1</script>";
const imagePayload = `"><img src=x onerror="window.__xss=(window.__xss||0)+1;alert(1)">`;

async function expectNothingRan(page: Page, dialogs: string[], visibleText: string) {
  await expect(page.getByText(visibleText, { exact: false }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  const injectedScripts = await page.evaluate(
    () => [...document.querySelectorAll("script")].filter((s) => s.textContent?.startsWith("window.__xss")).length,
  );
  expect(injectedScripts).toBe(0);
}

test("text from callbacks is shown as text and runs nothing", async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const tag = uniqueId("xs", 10);
  const company = `${tag} ${scriptPayload}`;
  const message = `${tag} ${imagePayload}`;
  const merchant = { memberId: uniqueId("mXS"), merchantId: uniqueId("sXS") };
  await postCallback(
    request,
    "auth-mapping",
    merchantCallback({ ...merchant, companyName: company, reviewStatus: "P" }),
  );
  await postCallback(
    request,
    "auth-mapping",
    merchantCallback({
      ...merchant,
      companyName: company,
      branchName: imagePayload,
      reviewStatus: "R",
      reviewMessage: message,
    }),
  );

  const billId = uniqueId("XS");
  await postCallback(
    request,
    "approval",
    approvalCallback({
      billId,
      apprIssuer: imagePayload,
      udItem: { memo: scriptPayload, note: imagePayload },
      // Not an image: must not be drawn at all.
      apprSign: `x" onerror="alert(1)`,
    }),
  );
  // Rejected deliveries keep their raw bodies, which the callback log shows.
  await postCallback(
    request,
    "auth-mapping",
    merchantCallback({ ...merchant, companyName: `${tag} raw ${scriptPayload}`, reviewStatus: "Z" }),
    400,
  );
  const rawBody = await request.post(`/api/callbacks/auth-mapping?token=${e2eCallbackToken}`, {
    data: `${tag} ${imagePayload} ${scriptPayload}`,
    headers: { "content-type": "application/json" },
  });
  expect(rawBody.status()).toBe(400);

  await page.goto(`/merchants?q=${tag}`);
  await expectNothingRan(page, dialogs, company);
  await page
    .getByRole("link", { name: new RegExp(tag) })
    .first()
    .click();
  await page.waitForURL(/\/merchants\/\d+$/);
  await expectNothingRan(page, dialogs, message);

  await page.goto(`/approvals?billId=${billId}`);
  await page.getByRole("link", { name: billId }).first().click();
  await page.waitForURL(/\/approvals\/\d+$/);
  await expectNothingRan(page, dialogs, "window.__xss");
  await expect(page.getByAltText("고객 서명")).toHaveCount(0);

  // Both refused deliveries are among the newest rejected ones (other tests may add a few).
  await page.goto("/callbacks?outcome=rejected");
  const links = page.getByRole("link", { name: /^#\d+$/ });
  await expect(links.first()).toBeVisible();
  const hrefs = await Promise.all((await links.all()).slice(0, 10).map((link) => link.getAttribute("href")));
  let shown = 0;
  for (const href of hrefs) {
    await page.goto(href!);
    if (!(await page.getByTestId("raw-body").textContent())?.includes(tag)) continue;
    shown += 1;
    await expectNothingRan(page, dialogs, tag);
  }
  expect(shown).toBe(2);
});

test("security headers on pages and API answers", async ({ request }) => {
  const page = await request.get("/login");
  const pageHeaders = page.headers();
  const policy = pageHeaders["content-security-policy"];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "img-src 'self' data:"]) {
    expect(policy).toContain(directive);
  }
  // A fresh nonce per response.
  const again = (await request.get("/login")).headers()["content-security-policy"];
  expect(again).not.toBe(policy);

  for (const response of [page, await request.get("/api/health"), await request.get("/api/export/approvals")]) {
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    // HSTS only over HTTPS: never on this plain-http production server, always behind a TLS proxy.
    expect(headers["strict-transport-security"]).toBeUndefined();
  }
  for (const path of ["/login", "/api/health"]) {
    const overHttps = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(overHttps.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  }
  const api = (await request.get("/api/health")).headers();
  expect(api["content-security-policy"]).toContain("default-src 'none'");
  expect(api["content-security-policy"]).toContain("frame-ancestors 'none'");
});
