import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { signedOut } from "./auth-fixtures";
import { approvalCallback, postCallback, postMerchant, postRefusedApproval, screenshots, uniqueId } from "./fixtures";
import { viewportAt, widths } from "./support/viewports";

// axe-core on every dashboard page at a desktop's and a phone's width: no serious or critical
// violation. A page is a path, or a list whose first detail link leads to it; a new page is one
// line here.

interface DashboardPage {
  name: string;
  path: string;
  /** Follow the first link on `path` whose href matches, to reach a detail page. */
  detail?: RegExp;
}

// A refused delivery whose body is taller than its box: the box scrolls, so a keyboard must reach it.
const longBodyBillId = uniqueId("AXL", 20);

const pages: DashboardPage[] = [
  { name: "overview", path: "/" },
  { name: "approvals", path: "/approvals" },
  { name: "approval detail", path: "/approvals", detail: /^\/approvals\/\d+$/ },
  { name: "merchants", path: "/merchants" },
  { name: "merchant detail", path: "/merchants", detail: /^\/merchants\/\d+$/ },
  { name: "bills", path: "/bills" },
  { name: "reconciliation", path: "/reconciliation" },
  { name: "callbacks", path: "/callbacks" },
  { name: "callback detail", path: "/callbacks", detail: /^\/callbacks\/\d+$/ },
  { name: "callback detail, long body", path: `/callbacks?subject=${longBodyBillId}`, detail: /^\/callbacks\/\d+$/ },
  { name: "needs-action", path: "/needs-action" },
  { name: "retry-deadlines", path: "/retry-deadlines" },
  { name: "audit", path: "/audit" },
  { name: "users", path: "/users" },
];

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
    }));
}

test.beforeAll(async ({ request }) => {
  // Lists with rows (and detail pages to reach), including a refused callback and a 반려 merchant.
  const memberId = uniqueId("a11y", 20).toLowerCase();
  await postCallback(request, "approval", approvalCallback({ billId: uniqueId("AX", 20) }));
  await postMerchant(request, {
    memberId,
    companyName: "접근성약국",
    reviewStatus: "R",
    reviewMessage: "사업자등록증 사본이 흐려 확인할 수 없습니다. 다시 올려 주세요.",
  });
  await postRefusedApproval(request, { billId: uniqueId("AXR", 20) });
  await postRefusedApproval(request, { billId: longBodyBillId, memo: "긴 본문 ".repeat(800) });
});

for (const { name, path, detail } of pages) {
  for (const width of widths) {
    test(`${name} at ${width}px has no serious or critical violations`, async ({ page }) => {
      await page.setViewportSize(viewportAt(width));
      await page.goto(path);
      if (detail) {
        const hrefs = await page
          .locator("main a[href]")
          .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
        const href = hrefs.find((candidate) => detail.test(candidate));
        expect(href, `a link to a ${name} on ${path}`).toBeTruthy();
        await page.goto(href as string);
      }
      await page.waitForLoadState("networkidle");
      expect(await seriousViolations(page)).toEqual([]);
      // Once per page, both widths, for people to look at: from the phone's width up, since a chart
      // drawn wide takes a frame to redraw narrower.
      if (width === 375) await screenshots(page, `page-${name.replaceAll(" ", "-")}`);
    });
  }
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });
  for (const width of widths) {
    test(`login at ${width}px has no serious or critical violations`, async ({ page }) => {
      await page.setViewportSize(viewportAt(width));
      await page.goto("/login");
      await expect(page.getByRole("heading").first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
