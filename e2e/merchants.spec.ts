import { expect, test } from "@playwright/test";
import { postMerchant, screenshots, uniqueId } from "./fixtures";

test("browses merchants by review status and opens a rejected one with its message", async ({ page, request }) => {
  const tag = uniqueId("tg", 12).toLowerCase();
  const reason = `사업자등록증 사본이 흐립니다 ${tag}`;
  const rejected = { memberId: uniqueId("mR"), merchantId: uniqueId("sR"), companyName: `반려상회 ${tag}` };
  // The rejected merchant was under review first: its timeline has both steps.
  await postMerchant(request, { ...rejected, reviewStatus: "P" });
  await postMerchant(request, { ...rejected, reviewStatus: "R", reviewMessage: reason });
  await postMerchant(request, {
    memberId: uniqueId("mS"),
    merchantId: uniqueId("sS"),
    companyName: `서류상회 ${tag}`,
    reviewStatus: "S",
    reviewMessage: "통장 사본을 제출해 주세요",
  });
  await postMerchant(request, {
    memberId: uniqueId("mO"),
    merchantId: uniqueId("sO"),
    companyName: `개시상회 ${tag}`,
    reviewStatus: "O",
  });

  await page.goto(`/merchants?q=${tag}`);
  const tabs = page.getByRole("navigation", { name: "심사 상태" });
  await expect(tabs.getByRole("link", { name: /전체\s*3/ })).toBeVisible();
  await expect(tabs.getByRole("link", { name: /반려 \(R\)\s*1/ })).toBeVisible();

  await tabs.getByRole("link", { name: /서류보완 \(S\)/ }).click();
  await page.waitForURL(/status=S/);
  await expect(page.getByRole("link", { name: /서류상회/ })).toBeVisible();
  await expect(page.getByRole("cell", { name: "통장 사본을 제출해 주세요" })).toBeVisible();
  await expect(page.getByRole("link", { name: /반려상회/ })).toHaveCount(0);

  await tabs.getByRole("link", { name: /반려 \(R\)/ }).click();
  await page.waitForURL(/status=R/);
  await expect(page.getByRole("cell", { name: reason })).toBeVisible();
  await screenshots(page, "merchants-rejected");

  await page.getByRole("link", { name: /반려상회/ }).click();
  await page.waitForURL(/\/merchants\/\d+$/);
  await expect(page.getByTestId("review-message")).toHaveText(reason);
  const timeline = page.getByRole("list", { name: "심사 이력과 메모" });
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expect(timeline.getByRole("listitem").first()).toContainText("반려");
  await expect(timeline.getByRole("listitem").last()).toContainText("심사중");
  await screenshots(page, "merchant-detail");
});

test("finds a merchant by business number with or without dashes, and shows deleted ones on request", async ({
  page,
  request,
}) => {
  const digits = String(Date.now()).slice(-10);
  const dashed = `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
  const name = `사업자검색 ${uniqueId("n", 10)}`;
  await postMerchant(request, {
    memberId: uniqueId("mB"),
    merchantId: uniqueId("sB"),
    companyName: name,
    businessNumber: dashed,
    reviewStatus: "P",
    isDeleted: "Y",
  });

  await page.goto("/merchants");
  await page.getByLabel(/^검색/).fill(dashed);
  await page.waitForURL(new RegExp(`q=${dashed}`));
  await expect(page.getByText("조건에 맞는 하위가맹점이 없습니다.")).toBeVisible();

  await page.getByLabel("삭제된 가맹점").selectOption("show");
  await page.waitForURL(/deleted=show/);
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByText("삭제됨")).toBeVisible();

  await page.getByLabel(/^검색/).fill(digits);
  await page.waitForURL(new RegExp(`q=${digits}`));
  await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
});
