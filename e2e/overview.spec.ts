import { expect, test } from "@playwright/test";
import { approvalCallback, merchantCallback, postCallback, screenshots, uniqueId } from "./fixtures";

test("overview counts link to the lists behind them", async ({ page, request }) => {
  await postCallback(
    request,
    "auth-mapping",
    merchantCallback({
      memberId: uniqueId("mV"),
      merchantId: uniqueId("sV"),
      companyName: "개요상회",
      reviewStatus: "R",
      reviewMessage: "대표자 서명 누락",
    }),
  );
  await postCallback(request, "approval", approvalCallback({ billId: uniqueId("OV"), apprPrice: "77000" }));
  await postCallback(request, "approval", "{not json", 400);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "개요" })).toBeVisible();
  await expect(page.getByRole("img", { name: /최근 30일 일별 승인 건수/ })).toBeVisible();
  await expect(page.getByText("최근 거부된 콜백")).toBeVisible();
  await screenshots(page, "overview");

  // The status badges are Korean only (the code is in their title): the card reads "반려 7".
  await page
    .getByRole("region", { name: /하위가맹점 심사 상태/ })
    .getByRole("link", { name: /^반려\s*\d/ })
    .click();
  await page.waitForURL(/\/merchants\?status=R$/);
  await expect(
    page.getByRole("navigation", { name: "심사 상태" }).getByRole("link", { name: /반려 \(R\)/ }),
  ).toHaveAttribute("aria-current", "page");

  await page.goto("/");
  await page.getByRole("link", { name: /^오늘/ }).click();
  await page.waitForURL(/\/approvals\?state=F&from=\d{4}-\d{2}-\d{2}&to=/);
  await expect(page.getByTestId("approvals-summary")).toBeVisible();
});

test("every list says what to do when it is empty", async ({ page }) => {
  await page.goto(`/approvals?billId=${uniqueId("NONE")}`);
  await expect(page.getByText("조건에 맞는 결제 승인이 없습니다.")).toBeVisible();
  await expect(page.getByRole("link", { name: "조건 모두 지우기" })).toBeVisible();
  await screenshots(page, "approvals-empty");
  await page.goto(`/merchants?q=${uniqueId("none")}`);
  await expect(page.getByText("조건에 맞는 하위가맹점이 없습니다.")).toBeVisible();
  // A full page load of an unknown id answers a real 404 (settled in the dashboard layout).
  expect((await page.goto("/approvals/999999999"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
});
