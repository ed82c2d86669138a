import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as approvalsXlsx } from "@/app/api/export/approvals/xlsx/route";
import { GET as merchantsXlsx } from "@/app/api/export/merchants/xlsx/route";
import * as approvalsQueries from "@/db/queries/approvals";
import { sample, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";
import { failAfterFirstBatch, signedInViewer, storeApproval } from "../support/export";

// The Excel downloads through their route handlers, opened with exceljs as a spreadsheet would:
// typed cells (numbers, text that keeps leading zeros, KST dates), a frozen header, the page's
// filters, formula-like text neutralised, audited, signed-in only, and a failure mid-stream that
// errors the body rather than ending a short file.

vi.mock("@/db/queries/approvals", { spy: true });

const database = setUpTestDatabase();
const viewer = signedInViewer(database);

beforeEach(() => {
  vi.mocked(approvalsQueries.approvalBatches).mockRestore();
});

const get = viewer.get;

async function workbookOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  );
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="\w+-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const [sheet] = workbook.worksheets;
  return sheet;
}

function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const index = headers.indexOf(header);
  expect(index, `${header} in ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

describe("approvals Excel export", () => {
  it("writes typed cells: numbers with #,##0, text that keeps leading zeros, KST wall-clock dates", async () => {
    await storeApproval({ billId: "XL1", apprNum: "03460268", apprPrice: "1250000", apprDt: "20261124093012" });
    const sheet = await workbookOf(await get(approvalsXlsx, "/api/export/approvals/xlsx"));

    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);

    const number = row.getCell(columnOf(sheet, "승인번호"));
    expect(number.type).toBe(ExcelJS.ValueType.String);
    expect(number.value).toBe("03460268");
    expect(number.numFmt).toBe("@");

    const price = row.getCell(columnOf(sheet, "금액 (원)"));
    expect(price.type).toBe(ExcelJS.ValueType.Number);
    expect(price.value).toBe(1_250_000);
    expect(price.numFmt).toBe("#,##0");

    // Excel has no zones: the cell holds 09:30:12 as shown in Korea (read back as that UTC time).
    const approvedAt = row.getCell(columnOf(sheet, "승인 일시 (KST)"));
    expect(approvedAt.type).toBe(ExcelJS.ValueType.Date);
    expect((approvedAt.value as Date).toISOString()).toBe("2026-11-24T09:30:12.000Z");
    expect(approvedAt.numFmt).toBe("yyyy-mm-dd hh:mm:ss");

    expect(row.getCell(columnOf(sheet, "청구서 ID (billId)")).value).toBe("XL1");
    expect(row.getCell(columnOf(sheet, "카드/계좌 번호")).value).toBe("************1234");
    for (let column = 1; column <= sheet.columnCount; column++) {
      expect(sheet.getColumn(column).width, `column ${column}`).toBeGreaterThanOrEqual(8);
    }
  });

  it("applies the page's filters", async () => {
    await storeApproval({ billId: "XLF1", apprState: "F", apprIssuer: "현대카드" });
    await storeApproval({ billId: "XLC1", apprState: "C", apprIssuer: "현대카드" });
    await storeApproval({ billId: "XLF2", apprState: "F", apprIssuer: "신한카드" });
    const sheet = await workbookOf(
      await get(approvalsXlsx, `/api/export/approvals/xlsx?state=F&issuer=${encodeURIComponent("현대")}`),
    );
    const billIds = sheet.getColumn(columnOf(sheet, "청구서 ID (billId)")).values.slice(2);
    expect(billIds).toEqual(["XLF1"]);
  });

  it("neutralises formula-like text by the CSV's rule", async () => {
    const issuers = ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\uFF1D1+1", "\tx"];
    for (const [index, issuer] of issuers.entries()) {
      await storeApproval({ billId: `XLN${index}`, apprIssuer: issuer, apprNum: `N${index}` });
    }
    const sheet = await workbookOf(await get(approvalsXlsx, "/api/export/approvals/xlsx?sort=dt_asc"));
    const issuerColumn = columnOf(sheet, "카드사/은행");
    const cells = issuers.map((_, index) => sheet.getRow(index + 2).getCell(issuerColumn));
    expect(cells.map((cell) => cell.value)).toEqual(issuers.map((issuer) => `'${issuer}`));
    expect(cells.every((cell) => cell.type === ExcelJS.ValueType.String)).toBe(true);
  });

  it("writes every batch, in list order", async () => {
    for (let index = 0; index < 5; index++) {
      await storeApproval({ billId: `XLB${index}`, apprDt: `2026112409301${index}` });
    }
    const actual = await vi.importActual<typeof approvalsQueries>("@/db/queries/approvals");
    vi.mocked(approvalsQueries.approvalBatches).mockImplementation((db, filters) =>
      actual.approvalBatches(db, filters, 2),
    );
    const sheet = await workbookOf(await get(approvalsXlsx, "/api/export/approvals/xlsx?sort=dt_asc"));
    const billIds = sheet.getColumn(columnOf(sheet, "청구서 ID (billId)")).values.slice(2);
    expect(billIds).toEqual(["XLB0", "XLB1", "XLB2", "XLB3", "XLB4"]);
  });

  it("errors the download when a batch fails mid-stream", async () => {
    await storeApproval({ billId: "XLMID" });
    failAfterFirstBatch(database, "Failed query: params: secret");
    const response = await get(approvalsXlsx, "/api/export/approvals/xlsx");
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow("approvals export failed mid-stream");
  });

  it("refuses a filter it cannot use, and a request without a session", async () => {
    expect((await get(approvalsXlsx, "/api/export/approvals/xlsx?issuer=%00")).status).toBe(400);
    const anonymous = await approvalsXlsx(new Request("http://dashboard.test/api/export/approvals/xlsx"));
    expect(anonymous.status).toBe(401);
  });

  it("is in the audit log with its format", async () => {
    await (await get(approvalsXlsx, "/api/export/approvals/xlsx?state=F")).arrayBuffer();
    const rows = await database.query(
      sql`SELECT action, actor_email, target, details FROM audit_log WHERE action LIKE ${"%_exported"}`,
    );
    expect(rows).toEqual([
      {
        action: "approvals_exported",
        actor_email: "viewer@payssam.test",
        target: "?state=F",
        details: { format: "xlsx" },
      },
    ]);
  });
});

describe("merchants Excel export", () => {
  async function storeMerchant(merchantId: string, merchant: Record<string, string>) {
    const body = sample("auth-mapping.rejected");
    const response = await send("/api/callbacks/auth-mapping", {
      ...body,
      memberId: "007",
      merchantId,
      merchant: { ...(body.merchant as object), ...merchant },
    });
    expect(response.status).toBe(200);
  }

  it("keeps codes and business numbers as text, applies the page's filters, and is audited", async () => {
    await storeMerchant("0042", {
      businessNumber: "0123456789",
      reviewStatus: "R",
      reviewMessage: "=cmd|' /C calc'!A0",
    });
    await storeMerchant("0043", { businessNumber: "2208112341", reviewStatus: "O", reviewMessage: "" });
    const sheet = await workbookOf(await get(merchantsXlsx, "/api/export/merchants/xlsx?status=R"));
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2);
    expect(row.getCell(columnOf(sheet, "회원 코드")).value).toBe("007");
    expect(row.getCell(columnOf(sheet, "가맹점 코드")).value).toBe("0042");
    const businessNumber = row.getCell(columnOf(sheet, "사업자등록번호"));
    expect(businessNumber.type).toBe(ExcelJS.ValueType.String);
    expect(businessNumber.value).toBe("012-34-56789");
    expect(row.getCell(columnOf(sheet, "심사 상태")).value).toBe("반려");
    expect(row.getCell(columnOf(sheet, "심사 메시지")).value).toBe("'=cmd|' /C calc'!A0");
    expect(row.getCell(columnOf(sheet, "최근 변경 (KST)")).type).toBe(ExcelJS.ValueType.Date);

    const [audit] = await database.query(
      sql`SELECT action, target, details FROM audit_log WHERE action LIKE ${"%_exported"}`,
    );
    expect(audit).toEqual({ action: "merchants_exported", target: "?status=R", details: { format: "xlsx" } });
  });
});
