import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { approvalCallback, kstCompact, kstDate, postCallback, screenshots, uniqueId } from "./fixtures";

// A 1×1 JPEG: a real image, so the detail page draws it.
const tinyJpeg =
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==";

test("searches an approval by billId as you type and opens its detail", async ({ page, request }) => {
  const prefix = uniqueId("AP", 14);
  const billId = `${prefix}A1`;
  await postCallback(
    request,
    "approval",
    approvalCallback({
      billId,
      apprPrice: "12340",
      apprIssuerNum: "9410612345678901",
      apprMonthly: "03",
      udItem: { 환자: "홍길동", 항목: [{ 코드: "A1", 금액: 12340 }] },
      apprSign: tinyJpeg,
    }),
  );
  // A PaySsam retry of the same approval: one row, two deliveries.
  await postCallback(request, "approval", approvalCallback({ billId, apprPrice: "12340" }));
  await postCallback(request, "approval", approvalCallback({ billId: `${prefix}B2`, apprPrice: "5000" }));

  await page.goto("/approvals");
  await page.getByLabel("청구서 ID (billId)").pressSequentially(prefix.slice(0, 10));
  await page.waitForURL(new RegExp(`billId=${prefix.slice(0, 10)}`));
  await expect(page.getByRole("link", { name: billId })).toBeVisible();
  await expect(page.getByRole("link", { name: `${prefix}B2` })).toBeVisible();

  await page.getByLabel("billId 일치").selectOption("exact");
  await page.getByLabel("청구서 ID (billId)").fill(billId);
  await page.waitForURL(new RegExp(`billId=${billId}.*|match=exact.*billId=${billId}`));
  await expect(page.getByTestId("approvals-summary")).toHaveText(/1건 · 합계 ₩12,340/);
  await expect(page.getByRole("link", { name: `${prefix}B2` })).toHaveCount(0);

  await page.getByRole("link", { name: billId }).click();
  await page.waitForURL(/\/approvals\/\d+$/);
  await expect(page.getByRole("heading", { name: `결제 승인 ${billId}` })).toBeVisible();
  await expect(page.getByText("************8901")).toBeVisible();
  await expect(page.getByText("9410612345678901")).toHaveCount(0);
  await expect(page.getByText("3개월")).toBeVisible();
  await expect(page.getByText('"환자": "홍길동"')).toBeVisible();
  await expect(page.getByRole("img", { name: "고객 서명" })).toHaveAttribute("src", /^data:image\/jpeg;base64,/);
  await expect(page.getByText("2회")).toBeVisible();
  await expect(page.getByText("중복 수신", { exact: true }).first()).toHaveAttribute("title", "duplicate");
  await screenshots(page, "approval-detail");
});

test("does not draw a signature that is not a real image", async ({ page, request }) => {
  const billId = uniqueId("SG");
  // base64 of "<svg onload=alert(1)>": valid base64, not a JPEG or PNG.
  const svg = Buffer.from("<svg onload=alert(1)>").toString("base64");
  await postCallback(request, "approval", approvalCallback({ billId, apprSign: svg }));
  await page.goto(`/approvals?billId=${billId}&match=exact`);
  await page.getByRole("link", { name: billId }).click();
  await expect(page.getByText("올바른 JPEG/PNG 이미지가 아니어서 표시하지 않습니다.")).toBeVisible();
  await expect(page.getByRole("img", { name: "고객 서명" })).toHaveCount(0);
});

test("combines filters, shows the filtered count and sum, and exports them as CSV", async ({ page, request }) => {
  const prefix = uniqueId("CF", 14);
  const approvals = [
    { billId: `${prefix}01`, apprPrice: "30000", apprDt: kstCompact(2), apprIssuer: "KB국민카드", apprMonthly: "00" },
    { billId: `${prefix}02`, apprPrice: "45000", apprDt: kstCompact(1), apprIssuer: "KB국민카드", apprMonthly: "00" },
    { billId: `${prefix}03`, apprPrice: "99000", apprDt: kstCompact(1), apprIssuer: "KB국민카드", apprMonthly: "06" },
    { billId: `${prefix}04`, apprPrice: "45000", apprDt: kstCompact(1), apprIssuer: "삼성카드", apprMonthly: "00" },
    { billId: `${prefix}05`, apprPrice: "45000", apprDt: kstCompact(20), apprIssuer: "KB국민카드", apprMonthly: "00" },
    { billId: `${prefix}06`, apprPrice: "1000", apprDt: kstCompact(1), apprIssuer: "KB국민카드", apprState: "C" },
  ];
  for (const approval of approvals) await postCallback(request, "approval", approvalCallback(approval));

  await page.goto(`/approvals?billId=${prefix}`);
  await expect(page.getByTestId("approvals-summary")).toHaveText(/6건/);

  await page.getByLabel("승인 상태").selectOption("F");
  await page.waitForURL(/state=F/);
  await page.getByLabel("카드사/은행").fill("국민");
  await page.waitForURL(/issuer=/);
  await page.getByLabel("할부").selectOption("lump");
  await page.waitForURL(/installment=lump/);
  await page.getByLabel("승인일 시작 (KST)").fill(kstDate(3));
  await page.waitForURL(/from=/);
  await page.getByLabel("최소 금액 (원)").fill("40000");
  await page.waitForURL(/min=40000/);
  await expect(page.getByTestId("approvals-summary")).toHaveText(/^1건 · 합계 ₩45,000$/);
  await expect(page.getByRole("link", { name: `${prefix}02` })).toBeVisible();

  await page.getByLabel("최소 금액 (원)").fill("");
  await page.waitForURL((url) => !url.searchParams.has("min"));
  await expect(page.getByTestId("approvals-summary")).toHaveText(/^2건 · 합계 ₩75,000$/);

  // Sorting by amount through the column header, largest first.
  await page.getByRole("button", { name: /금액/ }).click();
  await page.waitForURL(/sort=price_/);
  await screenshots(page, "approvals-filtered");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV 내보내기" }).click();
  const download = await downloading;
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).trim().split("\r\n");
  expect(lines[0]).toContain("청구서 ID (billId)");
  expect(lines).toHaveLength(3);
  const billIds = lines.slice(1).map((line) => line.split(",")[1]);
  expect(billIds.sort()).toEqual([`${prefix}01`, `${prefix}02`]);
  expect(lines.find((line) => line.includes(`${prefix}02`))).toContain(",F,승인,");
  expect(lines.find((line) => line.includes(`${prefix}02`))).toContain(",45000,");
});

test("explains URL parameters it cannot use instead of failing", async ({ page }) => {
  await page.goto("/approvals?page=-1&state=Z&from=notadate&min=abc");
  await expect(page.getByRole("status").filter({ hasText: "주소의 일부 조건을 사용하지 않았습니다." })).toBeVisible();
  for (const field of ["페이지", "상태", "시작일", "최소 금액"])
    await expect(page.getByText(`${field}: 값을`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "결제 승인" })).toBeVisible();
});

test("pages through results with keyset links", async ({ page, request }) => {
  const prefix = uniqueId("PG", 14);
  for (let index = 1; index <= 12; index++) {
    const number = String(index).padStart(2, "0");
    await postCallback(
      request,
      "approval",
      approvalCallback({ billId: `${prefix}${number}`, apprDt: kstCompact(0, index) }),
    );
  }
  await page.goto(`/approvals?billId=${prefix}&size=10`);
  await expect(page.getByTestId("approvals-summary")).toHaveText(/12건/);
  await expect(page.getByRole("link", { name: new RegExp(`^${prefix}`) })).toHaveCount(10);
  await expect(page.getByRole("link", { name: `${prefix}12` })).toBeVisible();

  await page.getByRole("link", { name: "다음 ›" }).click();
  await page.waitForURL(/after=.*page=2|page=2.*after=/);
  await expect(page.getByText("2 페이지")).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`^${prefix}`) })).toHaveCount(2);
  await expect(page.getByRole("link", { name: `${prefix}01` })).toBeVisible();
  await expect(page.getByText("다음 ›")).toHaveAttribute("aria-disabled", "true");

  await page.getByRole("link", { name: "‹ 이전" }).click();
  await page.waitForURL((url) => !url.searchParams.has("after"));
  await expect(page.getByRole("link", { name: `${prefix}12` })).toBeVisible();
});
