import path from "node:path";
import { type APIRequestContext, type Browser, test as base, expect, type Page } from "@playwright/test";

// Accounts for the end-to-end tests. The setup project (auth.setup.ts) creates the first
// administrator through the login page of the fresh database and saves its signed-in state here;
// every other test starts from that state unless it says otherwise.

export const authStates = {
  admin: path.join(import.meta.dirname, ".auth", "admin.json"),
  viewer: path.join(import.meta.dirname, ".auth", "viewer.json"),
} as const;

export const signedOut = { cookies: [], origins: [] };

export const firstAdmin = { email: "first-admin@payssam.test", password: "e2e first admin password" } as const;
export const viewer = { email: "viewer@payssam.test", password: "e2e viewer password!" } as const;

let address = 0;

// Every connection comes from 127.0.0.1, and the per-client sign-in limits (10 a minute, and the
// throttle per account and client) would soon tie the tests together. The e2e server trusts one
// proxy (TRUSTED_PROXY=1), so the X-Forwarded-For a test sends is its client address: a new one
// per sign-in keeps tests independent, and passing the same one plays one client.
export function clientAddress(): string {
  address += 1;
  return `198.18.${process.pid % 250}.${address % 250}`;
}

export async function signIn(page: Page, email: string, password: string, from = clientAddress()) {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": from });
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill(password);
  await page.getByRole("button", { name: "로그인" }).click();
}

// The login form's own message (Next.js also keeps an empty role="alert" route announcer).
export function loginError(page: Page) {
  return page.locator("form").getByRole("alert");
}

// Creates an account through Better Auth's admin endpoint, signed in as the first administrator.
export async function createStaff(
  request: APIRequestContext,
  baseURL: string,
  staff: { email: string; password: string; role: "admin" | "viewer"; name?: string },
) {
  const response = await request.post("/api/auth/admin/create-user", {
    headers: { origin: baseURL },
    data: { email: staff.email, password: staff.password, name: staff.name ?? staff.email, role: staff.role },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { user: { id: string } }).user;
}

/**
 * A viewer account made by the administrator signed in on `adminRequest`, signed in on a page of
 * its own from a new client address (close the page's context when done).
 */
export async function signInNewViewer(
  browser: Browser,
  adminRequest: APIRequestContext,
  baseURL: string,
  account: { email: string; password: string },
): Promise<Page> {
  await createStaff(adminRequest, baseURL, { ...account, role: "viewer" });
  const context = await browser.newContext({ baseURL, storageState: signedOut });
  const page = await context.newPage();
  const from = clientAddress();
  await page.setExtraHTTPHeaders({ "x-forwarded-for": from });
  await page.goto("/login");
  await signIn(page, account.email, account.password, from);
  await page.waitForURL(`${baseURL}/`);
  return page;
}

// A request context signed in as the first administrator, whatever the test's own state is.
export const test = base.extend<{ adminRequest: APIRequestContext }>({
  adminRequest: async ({ playwright, baseURL }, use) => {
    const context = await playwright.request.newContext({ baseURL, storageState: authStates.admin });
    await use(context);
    await context.dispose();
  },
});
