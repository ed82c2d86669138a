import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { authStates, createStaff, firstAdmin, signIn, viewer } from "./auth-fixtures";

// Runs first, on the empty database of the run: creates the first administrator through the
// login page (the only time it offers that) and a viewer, and saves both signed-in states.

setup.use({ storageState: { cookies: [], origins: [] } });

setup("first-admin setup on an empty database, then a viewer", async ({ page, browser, baseURL }) => {
  mkdirSync(path.dirname(authStates.admin), { recursive: true });
  // No X-Forwarded-For: the browser is on the server's own machine (127.0.0.1), which is what
  // lets the first administrator be created without the setup code (the Quick start).

  await page.goto("/approvals");
  await page.waitForURL(/\/login\?next=%2Fapprovals$/);
  await expect(page.getByRole("heading", { name: "첫 관리자 계정 만들기" })).toBeVisible();
  await expect(page.getByLabel(/설정 코드/)).toHaveCount(0);
  await page.getByLabel("이메일").fill(firstAdmin.email);
  await page.getByLabel("이름").fill("첫 관리자");
  await page.getByLabel(/^비밀번호 \(/).fill(firstAdmin.password);
  await page.getByLabel("비밀번호 확인").fill(firstAdmin.password);
  await page.getByRole("button", { name: "관리자 계정 만들고 로그인" }).click();
  await page.waitForURL(/\/approvals$/);
  await expect(page.getByText(firstAdmin.email)).toBeVisible();
  await page.context().storageState({ path: authStates.admin });

  // Never again, for anyone: a signed-out visitor now gets the ordinary login form.
  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/login");
  await expect(strangerPage.getByRole("heading", { name: "로그인" })).toBeVisible();
  await expect(strangerPage.getByText("첫 관리자 계정 만들기")).toHaveCount(0);

  await createStaff(page.request, baseURL!, { ...viewer, role: "viewer", name: "조회 담당" });
  await signIn(strangerPage, viewer.email, viewer.password);
  await strangerPage.waitForURL((url) => url.pathname === "/");
  await strangerPage.context().storageState({ path: authStates.viewer });
  await stranger.close();
});
