import { expect, test } from "@playwright/test";
import { expectKeepAll, expectSingleLine } from "./desk-fixtures";
import { approvalCallback, postCallback, screenshots, uniqueId } from "./fixtures";

// 재시도 마감: refused callbacks against PaySsam's 24-hour retry deadline.

test("follows a refused approval through PaySsam's retries until it is stored", async ({ page, request }) => {
  const billId = uniqueId("RT");
  const refused = approvalCallback({ billId, apprMonthly: "일시불" });
  await postCallback(request, "approval", refused, 400);
  await postCallback(request, "approval", refused, 400);

  await page.goto("/");
  await expect(page.getByTestId("desk-retry-deadlines")).toContainText("재시도 중");
  await page.goto("/retry-deadlines?state=retrying");
  const episode = page.getByTestId("retry-episode").filter({ hasText: billId });
  await expect(episode).toHaveAttribute("data-state", "retrying");
  await expect(episode).toContainText("재시도 중");
  await expect(episode).toContainText("시도 2회");
  await expect(episode.getByTestId("retry-reason")).toHaveText(
    "할부 개월(apprMonthly)은 0–99 사이 숫자여야 합니다. 받은 값: 일시불",
  );
  await expect(episode.getByText(/^23시간 5\d분 남음$/)).toBeVisible();
  await expectKeepAll(episode.getByTestId("retry-reason"));
  await expectSingleLine(episode.locator(".whitespace-nowrap"));
  await screenshots(page, "retry-deadlines");

  // The partner fixed its side; PaySsam's next retry is stored.
  await postCallback(request, "approval", approvalCallback({ billId }));
  await page.goto("/retry-deadlines?state=resolved");
  const resolved = page.getByTestId("retry-episode").filter({ hasText: billId });
  await expect(resolved).toHaveAttribute("data-state", "resolved");
  await expect(resolved).toContainText("재전송으로 해결");
  await resolved.getByRole("link", { name: billId }).click();
  await page.waitForURL(new RegExp(`/callbacks\\?subject=${billId}$`));
  await expect(page.getByText("3건")).toBeVisible();
});

test("groups refusals of a cut body under the billId it still names, and explains them in Korean", async ({
  page,
  request,
}) => {
  const marker = uniqueId("CUT");
  const truncated = `{"billId": "${marker}", "apprPrice": "12`;
  await postCallback(request, "approval", truncated, 400);
  await postCallback(request, "approval", truncated, 400);
  await page.goto("/retry-deadlines?days=1");
  const episode = page.getByTestId("retry-episode").filter({ hasText: marker });
  await expect(episode).toContainText("시도 2회");
  await expect(episode.getByRole("link", { name: marker })).toBeVisible();
  await expect(episode.getByTestId("retry-reason")).toContainText("본문이 JSON 객체가 아닙니다.");
  await episode.getByRole("link", { name: /^수신 #\d+/ }).click();
  await page.waitForURL(/\/callbacks\/\d+$/);
  await expect(page.getByTestId("refusal-explanation")).toContainText("[1001] 본문이 JSON 객체가 아닙니다.");
  await expect(page.getByTestId("raw-body")).toContainText(marker);
  await screenshots(page, "retry-deadlines-callback");
});

test("groups refusals that name no subject at all by their bytes", async ({ page, request }) => {
  const body = `billId=${uniqueId("FORM")}&apprPrice=12`;
  await postCallback(request, "approval", body, 400);
  await postCallback(request, "approval", body, 400);
  await page.goto("/retry-deadlines?days=1");
  await expect(
    page.getByTestId("retry-episode").filter({ hasText: "대상 불명" }).filter({ hasText: "시도 2회" }).first(),
  ).toBeVisible();
});

test("says so when nothing was refused in the window", async ({ page }) => {
  // Nothing in this state can exist yet: a refusal older than 24 hours cannot be sent over HTTP.
  await page.goto("/retry-deadlines?days=1&state=lost");
  await expect(page.getByText(/이 상태의 건이 없습니다|거부된 콜백이 없습니다/)).toBeVisible();
  await screenshots(page, "retry-deadlines-empty");
});
