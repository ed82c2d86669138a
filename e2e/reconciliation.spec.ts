import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { billCsv, previewBills, uploadBills } from "./bills-fixtures";
import { approvalCallback, kstCompact, merchantCallback, postCallback, screenshots, uniqueId } from "./fixtures";

// The 청구서 upload (preview with a refused row, then one commit), the 대사 page with its Excel and
// CSV, one bill's timeline, and a merchant's approvals tied to it by its bills.

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => ({ rule: v.id, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))).toEqual([]);
}

const issued = (() => {
  const compact = kstCompact(1);
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)} 10:00:00`;
})();

test("uploads bills: a preview names the refused row in Korean and writes nothing, then one commit", async ({
  page,
}) => {
  const prefix = uniqueId("UP", 12);
  const file = billCsv([
    [`${prefix}A`, "member-up", "0001", '"12,000"', issued, "수학 교재"],
    [`${prefix}B`, "member-up", "0001", 0, issued, "영어 교재"],
    [`${prefix}C`, "member-up", "0002", 30000, issued, "과학 교재"],
  ]);
  await previewBills(page, file);
  const tally = page.getByTestId("upload-tally");
  await expect(tally).toContainText("전체 행3");
  await expect(tally).toContainText("새로 등록2");
  await expect(tally).toContainText("거부1");
  const refused = page.getByRole("table", { name: /거부된 행 1개/ });
  await expect(refused.getByRole("row").nth(1)).toContainText(`3${prefix}B금액(price)은 1원 이상`);
  await noSeriousViolations(page);
  await screenshots(page, "bills-upload-preview");

  // Nothing written yet.
  const list = await page.request.get(`/bills?billId=${prefix}`);
  expect(await list.text()).toContain("조건에 맞는 청구서가 없습니다.");

  await page.getByRole("button", { name: "2건 등록" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2건을 등록했습니다" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/거부된 1행은 등록하지 않았습니다/)).toBeVisible();

  await page.goto(`/bills?billId=${prefix}`);
  const table = page.getByRole("table", { name: "청구서 목록" });
  await expect(table.getByRole("link", { name: `${prefix}A` })).toBeVisible();
  await expect(table.getByRole("link", { name: `${prefix}C` })).toBeVisible();
  await expect(table.getByRole("link", { name: `${prefix}B` })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ hasText: `${prefix}A` })).toContainText("₩12,000");
  await noSeriousViolations(page);
  await screenshots(page, "bills-list");
});

test("the 대사 page sums a merchant's bills, lists them, shows a bill's timeline, and exports Excel and CSV", async ({
  page,
}) => {
  const prefix = uniqueId("RC", 12);
  const memberId = uniqueId("mrc", 16).toLowerCase();
  await uploadBills(
    page,
    billCsv([
      [`${prefix}A`, memberId, "0001", 15000, issued, "1월 수강료"],
      [`${prefix}B`, memberId, "0001", 25000, issued, "2월 수강료"],
    ]),
    2,
  );

  await page.goto(`/reconciliation?memberId=${memberId}&merchantId=0001`);
  await expect(page.getByRole("note").filter({ hasText: "대사가 꺼져 있습니다" })).toContainText("PAYSSAM_API_BASE");
  const cards = page.getByRole("region", { name: "상태별 요약" });
  await expect(cards.getByRole("link", { name: /미결제\s*2건\s*₩40,000/ })).toBeVisible();
  await expect(page.getByTestId("at-risk")).toContainText("₩0");
  const table = page.getByRole("table", { name: "대사 목록" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await noSeriousViolations(page);
  await screenshots(page, "reconciliation");

  // The Excel file: the cards as 요약, the list as 대사_상세.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "엑셀 다운로드" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^reconciliation-.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync((await download.path()) as string)).buffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["요약", "대사_상세"]);
  const summary = workbook.getWorksheet("요약") as ExcelJS.Worksheet;
  const unpaid = summary.getColumn(1).values.indexOf("미결제");
  expect(summary.getRow(unpaid).values).toEqual([undefined, "미결제", 2, 40000]);
  const detail = workbook.getWorksheet("대사_상세") as ExcelJS.Worksheet;
  expect(detail.getColumn(1).values.slice(2).sort()).toEqual([`${prefix}A`, `${prefix}B`]);
  expect(detail.getColumn(2).values.slice(2)).toEqual(["미결제", "미결제"]);

  const csv = await page.request.get(
    (await page.getByRole("link", { name: "CSV 내보내기" }).getAttribute("href")) as string,
  );
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.startsWith("\uFEFF청구서 ID (billId),대사 상태")).toBe(true);
  expect(text).toContain(`${prefix}B,미결제`);

  await table.getByRole("link", { name: `${prefix}A` }).click();
  await page.waitForURL(new RegExp(`/reconciliation/${prefix}A$`));
  const timeline = page.getByRole("list", { name: "대사 이력" });
  await expect(timeline.getByRole("listitem").first()).toContainText("청구서 발행 · ₩15,000");
  await noSeriousViolations(page);
  await screenshots(page, "reconciliation-bill");
});

test("a merchant's page lists the approvals of its bills, and /approvals filters by merchant", async ({
  page,
  request,
}) => {
  const memberId = uniqueId("mma", 16).toLowerCase();
  const company = `승인학원 ${memberId.slice(-6)}`;
  await postCallback(
    request,
    "auth-mapping",
    merchantCallback({ memberId, merchantId: "0009", companyName: company, reviewStatus: "O" }),
  );
  const paid = uniqueId("MA", 14);
  const other = uniqueId("MO", 14);
  await uploadBills(page, billCsv([[paid, memberId, "0009", 45000, issued, "3월 수강료"]]), 1);
  await postCallback(request, "approval", approvalCallback({ billId: paid, apprPrice: "45000" }));
  // Paid, but for a billId no bill names: stored, and tied to no merchant.
  await postCallback(request, "approval", approvalCallback({ billId: other, apprPrice: "7000" }));

  await page.goto(`/merchants?q=${encodeURIComponent(company)}`);
  await page.getByRole("link", { name: new RegExp(company) }).click();
  await page.waitForURL(/\/merchants\/\d+$/);
  const totals = page.getByRole("definition").filter({ hasText: "₩45,000" });
  await expect(totals.first()).toBeVisible();
  const recent = page.getByRole("list", { name: "최근 결제 승인" });
  await expect(recent.getByRole("link", { name: paid })).toBeVisible();
  await expect(recent.getByRole("listitem")).toHaveCount(1);
  await noSeriousViolations(page);
  await screenshots(page, "merchant-approvals");

  await page.getByRole("link", { name: "모두 보기" }).click();
  await page.waitForURL(/\/approvals\?memberId=/);
  await expect(page.getByText(/의 청구서로 받은 승인만 보고 있습니다/)).toBeVisible();
  const approvals = page.getByRole("table", { name: "결제 승인 목록" });
  await expect(approvals.getByRole("link", { name: paid })).toBeVisible();
  await expect(approvals.getByRole("row")).toHaveCount(2);
  await screenshots(page, "approvals-by-merchant");
});
