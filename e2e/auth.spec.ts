import { expect } from "@playwright/test";
import { authStates, clientAddress, createStaff, loginError, signedOut, signIn, test } from "./auth-fixtures";
import { postRefusedApproval, screenshots, uniqueId } from "./fixtures";
import { openFirstCallback } from "./support/pages";

// Signing in and out, wrong passwords and throttling, roles, and the admin's user management.

function newStaff(role: "admin" | "viewer" = "viewer") {
  const id = uniqueId("u", 12).toLowerCase();
  return { email: `${id}@payssam.test`, password: `password for ${id}`, role, name: `직원 ${id}` };
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("logs in, lands where it was going, and logs out", async ({ page, adminRequest, baseURL }) => {
    const staff = newStaff();
    await createStaff(adminRequest, baseURL!, staff);

    await page.goto("/approvals?state=F");
    await page.waitForURL(/\/login\?next=%2Fapprovals%3Fstate%3DF$/);
    await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
    await signIn(page, staff.email, staff.password);
    await page.waitForURL(/\/approvals\?state=F$/);
    await expect(page.getByText(staff.email)).toBeVisible();

    const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("payssam.session_token"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await page.getByRole("button", { name: "로그아웃" }).click();
    await page.waitForURL(/\/login$/);
    // The session row is gone, not only the cookie: replaying the old cookie gets nothing.
    await page.context().addCookies([cookie!]);
    await page.goto("/approvals");
    await page.waitForURL(/\/login\?next=%2Fapprovals$/);
  });

  test("refuses a wrong password and an unknown email with the same words", async ({ page, adminRequest, baseURL }) => {
    const staff = newStaff();
    await createStaff(adminRequest, baseURL!, staff);
    await page.goto("/login");
    await signIn(page, staff.email, "not the password at all");
    await expect(loginError(page)).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
    await signIn(page, `nobody-${staff.email}`, "not the password at all");
    await expect(loginError(page)).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.context().cookies()).filter((c) => c.name.includes("session_token"))).toEqual([]);
  });

  test("slows one client after five wrong passwords, while the same account signs in from elsewhere", async ({
    page,
    browser,
    adminRequest,
    baseURL,
  }) => {
    const staff = newStaff();
    await createStaff(adminRequest, baseURL!, staff);
    const attacker = clientAddress();
    await page.goto("/login");
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn(page, staff.email, `wrong password ${attempt}`, attacker);
      await expect(loginError(page)).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
    }
    // Even the right password waits now, from that client: it says how long.
    await signIn(page, staff.email, staff.password, attacker);
    await expect(loginError(page)).toHaveText(/^로그인 시도가 너무 많습니다\. (1분|[5-9]\d초) 후 다시 시도하세요\.$/);
    await expect(page).toHaveURL(/\/login$/);

    const elsewhere = await browser.newContext({ storageState: signedOut });
    const staffPage = await elsewhere.newPage();
    await staffPage.goto("/login");
    await signIn(staffPage, staff.email, staff.password);
    await staffPage.waitForURL((url) => url.pathname === "/");
    await elsewhere.close();
  });

  test("slows down one address trying many passwords", async ({ request }) => {
    const from = clientAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await request.post("/api/auth/sign-in/email", {
        headers: { "x-forwarded-for": from },
        data: { email: `guess-${attempt}@payssam.test`, password: "guessing a password" },
      });
      statuses.push(response.status());
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  test("does not follow ?next= off the site", async ({ page, adminRequest, baseURL }) => {
    const staff = newStaff();
    await createStaff(adminRequest, baseURL!, staff);
    await page.goto("/login?next=//evil.example/steal");
    await signIn(page, staff.email, staff.password);
    await page.waitForURL((url) => url.pathname === "/" && url.host === new URL(baseURL!).host);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: authStates.viewer });

  test("cannot reprocess a delivery, manage users or call the admin API", async ({ page, request, baseURL }) => {
    const billId = uniqueId("VW");
    await postRefusedApproval(request, { billId });
    await page.goto(`/callbacks?subject=${billId}`);
    await openFirstCallback(page);
    await expect(page.getByRole("heading", { name: "거부 사유" })).toBeVisible();
    // Today's rules refuse this body again, so nobody is offered 다시 처리 (the action itself refuses
    // viewers: test/integration/server-actions.test.ts).
    await expect(page.getByTestId("reprocess-preview")).toContainText("지금 규칙으로 다시 처리해도 거부됩니다");
    await expect(page.getByRole("button", { name: /다시 처리/ })).toHaveCount(0);
    await expect(page.getByText(/다시 처리…/)).toHaveCount(0);

    await expect(page.getByRole("link", { name: "사용자 관리" })).toHaveCount(0);
    await page.goto("/users");
    await expect(page.getByText("관리자만 볼 수 있는 화면입니다.")).toBeVisible();
    await expect(page.getByText("first-admin@payssam.test")).toHaveCount(0);

    const created = await page.request.post("/api/auth/admin/create-user", {
      headers: { origin: baseURL! },
      data: { email: "sneaky@payssam.test", password: "sneaky password!", name: "x", role: "admin" },
    });
    expect(created.status()).toBe(403);
    // Viewers can export.
    const exported = await page.request.get("/api/export/approvals");
    expect(exported.status()).toBe(200);
  });
});

test("an admin adds, disables, enables and removes a user", async ({ page, browser }) => {
  const staff = newStaff();
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "사용자 관리" })).toBeVisible();
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "사용자 추가" }) });
  await form.getByLabel("이메일").fill(staff.email);
  await form.getByLabel("이름").fill(staff.name);
  await form.getByLabel("역할").selectOption("viewer");
  await form.getByLabel(/처음 비밀번호/).fill(staff.password);
  await form.getByRole("button", { name: "사용자 추가" }).click();
  await expect(page.getByText(`${staff.email} 계정을 만들었습니다.`)).toBeVisible();
  await screenshots(page, "users");
  const row = page.getByRole("row").filter({ hasText: staff.email });
  // The state shows in its column, or under the name on a phone: the one on screen.
  const state = (text: string) => row.getByText(text, { exact: true }).filter({ visible: true });
  await expect(state("활성")).toBeVisible();

  // A role change takes effect at once, and back.
  await row.getByRole("button", { name: `${staff.email} 역할을 관리자로 변경` }).click();
  await expect(row.getByRole("cell", { name: "관리자", exact: true })).toBeVisible();
  await row.getByRole("button", { name: `${staff.email} 역할을 조회 전용으로 변경` }).click();
  await expect(row.getByRole("cell", { name: "조회 전용", exact: true })).toBeVisible();

  // The new user signs in, then is disabled: their open session ends and they cannot sign in.
  const other = await browser.newContext({ storageState: signedOut });
  const otherPage = await other.newPage();
  await otherPage.goto("/login");
  await signIn(otherPage, staff.email, staff.password);
  await otherPage.waitForURL((url) => url.pathname === "/");

  await row.getByRole("button", { name: `${staff.email} 비활성화` }).click();
  await expect(state("비활성")).toBeVisible();
  await otherPage.goto("/merchants");
  await otherPage.waitForURL(/\/login\?next=%2Fmerchants$/);
  await signIn(otherPage, staff.email, staff.password);
  await expect(loginError(otherPage)).toHaveText("비활성화된 계정입니다. 관리자에게 문의하세요.");

  await row.getByRole("button", { name: `${staff.email} 활성화` }).click();
  await expect(state("활성")).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `${staff.email} 삭제` }).click();
  await expect(page.getByRole("row").filter({ hasText: staff.email })).toHaveCount(0);
  await signIn(otherPage, staff.email, staff.password);
  await expect(loginError(otherPage)).toHaveText("이메일 또는 비밀번호가 올바르지 않습니다.");
  await other.close();
});

test("an admin cannot disable or remove their own account", async ({ page }) => {
  await page.goto("/users");
  const own = page.getByRole("row").filter({ hasText: "first-admin@payssam.test" });
  await expect(own.getByText("내 계정")).toBeVisible();
  await expect(own.getByRole("button")).toHaveCount(0);
});
