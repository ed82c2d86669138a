import { expect, test } from "@playwright/test";
import { authStates } from "./auth-fixtures";
import { expectKeepAll, expectSingleLine } from "./desk-fixtures";
import { postMerchant, screenshots, uniqueId } from "./fixtures";
import { desktop } from "./support/viewports";

// 조치 필요: merchants in R or S, longest waiting first, with 확인 and memos.

function merchant(tag: string, companyName: string) {
  return { memberId: uniqueId(`m${tag}`), merchantId: uniqueId(`s${tag}`), companyName };
}

// A hostile review message: 4,200 characters that once made a list row 2,000 px tall.
const longMessage = `사업자등록증과 통장 사본의 대표자 명의가 서로 다릅니다. `.repeat(140);

test("lists waiting merchants with a clamped message; 확인 and a memo show who and when", async ({ page, request }) => {
  const tag = uniqueId("na", 10).toLowerCase();
  const rejected = merchant("R", `반려대기 ${tag}`);
  const documents = merchant("S", `서류대기 ${tag}`);
  await postMerchant(request, { ...rejected, reviewStatus: "P" });
  await postMerchant(request, { ...rejected, reviewStatus: "R", reviewMessage: longMessage });
  await postMerchant(request, { ...documents, reviewStatus: "S", reviewMessage: "통장 사본을 제출해 주세요" });

  await page.goto("/");
  await page.getByTestId("desk-needs-action").click();
  await page.waitForURL(/\/needs-action\?show=open$/);
  await expect(page.getByRole("heading", { name: "조치 필요" })).toBeVisible();

  const item = page.getByRole("listitem").filter({ hasText: `반려대기 ${tag}` });
  await expect(item).toBeVisible();
  const message = item.getByTestId("review-message");
  // Two lines at most, however long the message.
  const box = (await message.boundingBox())!;
  expect(box.height).toBeLessThan(60);
  await expectKeepAll(message);
  await expectSingleLine(item.locator(".tabular-nums"));
  await expect(item.getByText(/^\d+분째$|^1분 미만째$/)).toBeVisible();

  await page.goto("/needs-action?status=S");
  await expect(page.getByRole("listitem").filter({ hasText: `서류대기 ${tag}` })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `반려대기 ${tag}` })).toHaveCount(0);

  await page.goto("/needs-action");
  await screenshots(page, "needs-action");
  await page.setViewportSize(desktop);
  await item.getByRole("button", { name: "확인" }).click();
  await expect(item.getByTestId("acknowledged")).toContainText("첫 관리자 확인");
  await page.goto("/needs-action?show=open");
  await expect(page.getByRole("listitem").filter({ hasText: `반려대기 ${tag}` })).toHaveCount(0);

  // The merchant page: the whole message, the 확인, and a memo on the timeline.
  await page.goto("/needs-action");
  await page.getByRole("link", { name: `반려대기 ${tag} · 본점` }).click();
  await page.waitForURL(/\/merchants\/\d+$/);
  const merchantUrl = page.url();
  await expect(page.getByTestId("review-message")).toHaveText(longMessage.trim());
  await expect(page.getByTestId("acknowledged")).toContainText("첫 관리자 확인");
  await page
    .getByRole("textbox", { name: "메모" })
    .fill("대표자와 통화함. 명의가 같은 통장 사본을 금요일까지 보내기로 함.");
  await page.getByRole("button", { name: "메모 남기기" }).click();
  await expect(page.getByRole("status").filter({ hasText: "메모를 남겼습니다." })).toBeVisible();
  const timeline = page.getByRole("list", { name: "심사 이력과 메모" });
  await expect(timeline.getByTestId("memo").first()).toContainText("대표자와 통화함");
  await expect(timeline.getByTestId("memo").first()).toContainText("첫 관리자");
  await expect(timeline.getByRole("listitem")).toHaveCount(3);
  await screenshots(page, "needs-action-merchant");

  // PaySsam changes the review: the 확인 no longer covers it.
  await postMerchant(request, { ...rejected, reviewStatus: "S", reviewMessage: "통장 사본을 다시 제출해 주세요" });
  await page.goto(merchantUrl);
  await expect(page.getByTestId("acknowledged")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /확인$/ })).toBeVisible();
});

test.describe("as a viewer", () => {
  test.use({ storageState: authStates.viewer });

  test("a viewer can mark 확인 too; a stale page is told to refresh", async ({ page, request, browser }) => {
    const tag = uniqueId("nv", 10).toLowerCase();
    const waiting = merchant("V", `뷰어확인 ${tag}`);
    await postMerchant(request, { ...waiting, reviewStatus: "S", reviewMessage: "신분증 사본 필요" });
    await page.goto("/needs-action?status=S");
    const item = page.getByRole("listitem").filter({ hasText: `뷰어확인 ${tag}` });

    // Another tab saw the old review; PaySsam has sent a new one since.
    const other = await browser.newContext({ storageState: authStates.viewer });
    const stale = await other.newPage();
    await stale.goto("/needs-action?status=S");
    await postMerchant(request, { ...waiting, reviewStatus: "S", reviewMessage: "신분증 사본과 통장 사본 필요" });
    const staleItem = stale.getByRole("listitem").filter({ hasText: `뷰어확인 ${tag}` });
    await staleItem.getByRole("button", { name: "확인" }).click();
    await expect(staleItem.getByRole("alert")).toContainText("새 심사 결과가 왔습니다");
    await other.close();

    await page.reload();
    await item.getByRole("button", { name: "확인" }).click();
    await expect(item.getByTestId("acknowledged")).toContainText("조회 담당 확인");
  });
});
