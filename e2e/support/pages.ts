import type { Page } from "@playwright/test";

// Ways to a detail page the way staff reach one: from its list.

/** Finds a merchant on 하위가맹점 by its member id and opens its page. */
export async function openMerchant(page: Page, memberId: string, companyName: string) {
  await page.goto(`/merchants?q=${memberId}`);
  await page.getByRole("link", { name: new RegExp(companyName) }).click();
  await page.waitForURL(/\/merchants\/\d+$/);
}

/** Opens the first delivery listed on the page (its "#123" link). */
export async function openFirstCallback(page: Page) {
  await page
    .getByRole("link", { name: /^#\d+$/ })
    .first()
    .click();
  await page.waitForURL(/\/callbacks\/\d+$/);
}

/**
 * The list pages, each with the one filter toolbar: the callback log also filtered to unauthorized
 * deliveries, where the 결과 select was once cut off.
 */
export const listPages = {
  "callbacks, unauthorized": "/callbacks?outcome=unauthorized",
  callbacks: "/callbacks",
  approvals: "/approvals",
  merchants: "/merchants",
  audit: "/audit",
};
