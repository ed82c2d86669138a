import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { approvalCallback, merchantCallback, postCallback, uniqueId } from "./fixtures";

// 엑셀 다운로드 on both lists: the browser gets a download, and the file opens as a workbook
// holding what the page shows under its filters.

async function downloadWorkbook(page: Page) {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "엑셀 다운로드" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(readFileSync((await download.path()) as string)).buffer);
  const [sheet] = workbook.worksheets;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const column = (header: string) => sheet.getColumn(headers.indexOf(header) + 1).values.slice(2);
  return { sheet, column };
}

test("downloads the filtered approvals as an Excel workbook", async ({ page, request }) => {
  const prefix = uniqueId("XL", 14);
  await postCallback(request, "approval", approvalCallback({ billId: `${prefix}A`, apprNum: "03460268" }));
  await postCallback(request, "approval", approvalCallback({ billId: `${prefix}B`, apprPrice: "990000" }));
  await page.goto(`/approvals?billId=${prefix}&min=100000`);
  await expect(page.getByRole("link", { name: `${prefix}B` })).toBeVisible();

  const { sheet, column } = await downloadWorkbook(page);
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(column("청구서 ID (billId)")).toEqual([`${prefix}B`]);
  expect(column("금액 (원)")).toEqual([990000]);

  await page.goto(`/approvals?billId=${prefix}A`);
  await expect(page.getByRole("link", { name: `${prefix}A` })).toBeVisible();
  expect((await downloadWorkbook(page)).column("승인번호")).toEqual(["03460268"]);
});

test("downloads the merchants of the chosen status tab as an Excel workbook", async ({ page, request }) => {
  const memberId = uniqueId("xlm", 20).toLowerCase();
  const company = `엑셀약국${memberId.slice(-6)}`;
  for (const [merchantId, reviewStatus] of [
    ["0101", "R"],
    ["0102", "O"],
  ]) {
    await postCallback(
      request,
      "auth-mapping",
      merchantCallback({ memberId, merchantId, companyName: company, reviewStatus, businessNumber: "0123456789" }),
    );
  }
  await page.goto(`/merchants?q=${encodeURIComponent(company)}`);
  await page.getByRole("link", { name: /반려 \(R\)/ }).click();
  await page.waitForURL(/status=R/);
  const { column } = await downloadWorkbook(page);
  expect(column("가맹점 코드")).toEqual(["0101"]);
  expect(column("사업자등록번호")).toEqual(["012-34-56789"]);
});
