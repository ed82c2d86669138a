import { expect, test } from "@playwright/test";
import { approvalCallback, postCallback, postRefusedApproval, screenshots, uniqueId } from "./fixtures";
import { openFirstCallback } from "./support/pages";
import { desktop } from "./support/viewports";

test("shows a rejected delivery with its errors and reprocesses it", async ({ page, request }) => {
  const billId = uniqueId("RJ");
  await postRefusedApproval(request, { billId });

  await page.goto("/callbacks?outcome=rejected");
  await page.getByLabel(/^대상/).fill(billId);
  await page.waitForURL(new RegExp(`subject=${billId}`));
  await expect(page.getByText("1건")).toBeVisible();
  await expect(page.getByRole("cell", { name: "거부", exact: true })).toBeVisible();
  // The reason in Korean, in the list too (the column shows from 1024 px).
  await page.setViewportSize(desktop);
  await expect(
    page.getByRole("cell", { name: /승인 일시\(apprDt\)는 실제로 있는 날짜와 시각이어야 합니다/ }),
  ).toBeVisible();
  await screenshots(page, "callbacks-rejected");

  await openFirstCallback(page);
  await expect(page.getByRole("heading", { name: "거부 사유" })).toBeVisible();
  await expect(page.getByTestId("refusal-explanation")).toContainText(
    "승인 일시(apprDt)는 실제로 있는 날짜와 시각이어야 합니다 (yyyyMMddHHmmss, 한국 시간).",
  );
  await expect(page.getByTestId("refusal-explanation")).toContainText("받은 값: 20261301250000");
  // The raw body is shown with the apiKey masked.
  await expect(page.getByTestId("raw-body")).toContainText(`"billId": "${billId}"`);
  await expect(page.getByTestId("raw-body")).toContainText('"apiKey": "****cdef"');
  await expect(page.getByTestId("raw-body")).not.toContainText("sk_test_0123456789abcdef");
  await screenshots(page, "callback-detail");

  // The date is still impossible: 다시 처리 says it would be refused again and is not offered, so
  // no second refused entry is made (issue 21, point 8; it used to record one).
  await expect(page.getByTestId("reprocess-preview")).toContainText("지금 규칙으로 다시 처리해도 거부됩니다 ([1002]");
  await expect(page.getByRole("button", { name: /다시 처리/ })).toHaveCount(0);
  await expect(page.getByText(/다시 처리…/)).toHaveCount(0);
});

test("filters the log by kind and outcome", async ({ page, request }) => {
  const billId = uniqueId("OK");
  await postCallback(request, "approval", approvalCallback({ billId }));
  await page.goto(`/callbacks?subject=${billId}`);
  await expect(page.getByRole("cell", { name: "정상 처리", exact: true })).toBeVisible();
  await page.getByLabel("결과").selectOption("rejected");
  await page.waitForURL(/outcome=rejected/);
  await expect(page.getByText("조건에 맞는 수신 기록이 없습니다.")).toBeVisible();
  await page.getByLabel("결과").selectOption("");
  await page.getByLabel("종류").selectOption("approval");
  await page.waitForURL(/kind=approval/);
  await expect(page.getByRole("link", { name: billId })).toBeVisible();
  await page.getByRole("link", { name: billId }).click();
  await expect(page.getByRole("heading", { name: `결제 승인 ${billId}` })).toBeVisible();
});

test("counts requests without the right token, and logs them without their body's tail", async ({ page, request }) => {
  const marker = uniqueId("NOTOKEN");
  for (const token of ["wrong-token", ""]) {
    const response = await request.post(`/api/callbacks/approval${token ? `?token=${token}` : ""}`, {
      data: JSON.stringify({ billId: marker, padding: "x".repeat(20_000) }),
      headers: { "content-type": "application/json" },
    });
    expect(response.status()).toBe(401);
    expect((await response.json()).code).toBe("1101");
  }

  await page.goto("/callbacks");
  const totals = page.getByTestId("unauthenticated-totals");
  await expect(totals).toContainText(/최근 24시간 토큰 없는\/틀린 요청 \d+건, 기록 \d+건/);
  await screenshots(page, "callbacks-unauthenticated");
  await totals.getByRole("link", { name: "기록 보기" }).click();
  await page.waitForURL(/outcome=unauthorized/);
  await expect(page.getByRole("cell", { name: "인증 실패", exact: true }).first()).toBeVisible();
});
