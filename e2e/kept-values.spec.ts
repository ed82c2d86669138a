import { expect, test } from "@playwright/test";
import { firstAdmin } from "./auth-fixtures";
import { screenshotAt } from "./fixtures";
import { type OwnServer, startOwnServer, submitFirstAdminForm } from "./own-server";
import { viewportAt, widths } from "./support/viewports";

// Issue 21 point 2: a form the server refuses keeps what the user typed (passwords aside) and
// shows the error beside the field it is about, on a phone and on a desktop. The first-admin form
// needs an empty database: this spec starts its own server (the same build) on E2E_PORT + 5.

const port = Number(process.env.E2E_FORMS_PORT ?? Number(process.env.E2E_PORT ?? 3180) + 5);
let server: OwnServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Starting a production server on a new embedded database takes a while on a busy machine.
  test.setTimeout(240_000);
  server = await startOwnServer(port);
});

test.afterAll(async () => {
  await server?.stop();
});

for (const width of widths) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: viewportAt(width) });

    test("the first-admin form keeps email and name on a password mismatch", async ({ browser }) => {
      const context = await browser.newContext({
        baseURL: server.baseURL,
        viewport: viewportAt(width),
        storageState: { cookies: [], origins: [] },
      });
      const page = await context.newPage();
      await submitFirstAdminForm(page, `${firstAdmin.password} typo`);

      const confirm = page.getByLabel("비밀번호 확인");
      await expect(confirm).toHaveAccessibleDescription("비밀번호 확인이 일치하지 않습니다.");
      await expect(confirm).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("이메일")).toHaveValue(firstAdmin.email);
      await expect(page.getByLabel("이름")).toHaveValue("첫 관리자");
      // Passwords are never sent back.
      await expect(page.getByLabel(/^비밀번호 \(/)).toHaveValue("");
      await expect(confirm).toHaveValue("");
      await expect(page.getByRole("button", { name: "관리자 계정 만들고 로그인" })).toBeEnabled();
      await screenshotAt(page, "kept-values-first-admin", width);
      await context.close();
    });

    test("/users keeps the add-user form on a duplicate email", async ({ page }) => {
      await page.goto("/users");
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "사용자 추가" }) });
      // The first administrator's address, typed as a person might.
      const taken = firstAdmin.email.toUpperCase();
      await form.getByLabel("이메일").fill(taken);
      await form.getByLabel("이름").fill("중복 직원");
      await form.getByLabel("역할").selectOption({ label: "관리자" });
      await form.getByLabel("처음 비밀번호").fill("a password long enough");
      await form.getByRole("button", { name: "사용자 추가" }).click();

      const email = form.getByLabel("이메일");
      await expect(email).toHaveAccessibleDescription("이미 같은 이메일의 계정이 있습니다.");
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(email).toHaveValue(taken);
      await expect(form.getByLabel("이름")).toHaveValue("중복 직원");
      await expect(form.getByLabel("역할")).toHaveValue("admin");
      await expect(form.getByLabel("처음 비밀번호")).toHaveValue("");
      await screenshotAt(page, "kept-values-users", width);
    });
  });
}
