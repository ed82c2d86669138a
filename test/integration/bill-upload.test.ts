import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { POST as commit } from "@/app/api/bill-uploads/commit/route";
import { POST as preview } from "@/app/api/bill-uploads/preview/route";
import { registerBills } from "@/db/queries/bills";
import { billSchema } from "@/lib/bills/bill";
import type { BillUploadEvent } from "@/lib/bills/upload-events";
import { authTables, createTestUser, sessionCookie, signInAs, staffPassword } from "../support/auth";
import { setUpTestDatabase } from "../support/database";

// The upload's two steps through their route handlers: the preview checks every row against the
// bill schema and the bills already stored, and writes nothing; the commit writes the valid rows
// in one transaction (or none), audited; viewers are refused; a changed file is refused.

const database = setUpTestDatabase();
const peer = "203.0.113.60";
let adminCookie = "";
let viewerCookie = "";

beforeEach(async () => {
  await database.query(authTables);
  await createTestUser(database.handle.db, "admin@payssam.test", "admin");
  await createTestUser(database.handle.db, "viewer@payssam.test", "viewer");
  adminCookie = sessionCookie(await signInAs("admin@payssam.test", staffPassword, peer));
  viewerCookie = sessionCookie(await signInAs("viewer@payssam.test", staffPassword, peer));
});

async function upload(
  handler: (request: Request) => Promise<Response>,
  file: string | Uint8Array,
  query: Record<string, string>,
  cookie = adminCookie,
) {
  const body = gzipSync(typeof file === "string" ? Buffer.from(file) : file);
  const response = await handler(
    new Request(`http://dashboard.test/api/bill-uploads/x?${new URLSearchParams(query)}`, {
      method: "POST",
      body,
      headers: { cookie, "x-payssam-peer-address": peer, "content-length": String(body.length) },
    }),
  );
  const text = await response.text();
  const events =
    response.status === 200
      ? text
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as BillUploadEvent)
      : [];
  return { status: response.status, text, events, last: events.at(-1) };
}

const header = "청구서 ID (billId),회원 코드 (memberId),가맹점 코드 (merchantId),금액 (원),발행 일시 (KST),만료일\r\n";
const headerCells = header.trim().split(",");
const csvOf = (rows: unknown[][]) => header + rows.map((row) => `${row.join(",")}\r\n`).join("");

async function xlsxOf(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("청구서");
  sheet.addRow(headerCells);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const count = async (table: string) =>
  Number((await database.query<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0].n);

describe("bill upload", () => {
  it("previews each refused row's reason in Korean without writing, then commits the rest at once", async () => {
    await registerBills(
      database.handle.db,
      [billSchema.parse({ billId: "KNOWN1", memberId: "m1", merchantId: "s1", price: 5000 })],
      "api",
    );
    const csv =
      header +
      'UP1,m1,s1,"12,000",2026-12-01 09:00,2026-12-31\r\n' +
      "UP2,m1,s1,0,,\r\n" +
      "UP1,m1,s1,12000,,\r\n" +
      "KNOWN1,m1,s2,5000,,\r\n" +
      "UP3,m1,s1,3000,,2026-02-30\r\n";
    const first = await upload(preview, csv, { name: "청구서.csv" });
    expect(first.status).toBe(200);
    expect(first.last?.type).toBe("preview");
    if (first.last?.type !== "preview") return;
    const { tally, digest } = first.last;
    expect(tally).toMatchObject({ rows: 5, accepted: 1, unchanged: 0, refusedCount: 4 });
    expect(tally.refused.map((row) => [row.rowNumber, row.billId])).toEqual([
      [3, "UP2"],
      [4, "UP1"],
      [5, "KNOWN1"],
      [6, "UP3"],
    ]);
    const reasons = tally.refused.map((row) => row.reasons.join(" / "));
    expect(reasons[0]).toMatch(/^금액\(price\)은 1원 이상/);
    expect(reasons[1]).toBe("2행과 청구서 ID가 같습니다. 한 파일에 한 번만 적어 주세요.");
    expect(reasons[2]).toMatch(/이미 등록된 청구서와 merchantId 값이 다릅니다/);
    expect(reasons[3]).toMatch(/^만료일\(expireDate\)/);
    for (const reason of reasons) expect(reason).not.toMatch(/must|differs/);
    expect(await count("bills")).toBe(1);

    const changed = await upload(commit, `${csv}UP4,m1,s1,1,,\r\n`, { name: "청구서.csv", digest });
    expect(changed.status).toBe(409);
    expect(await count("bills")).toBe(1);

    const done = await upload(commit, csv, { name: "청구서.csv", digest });
    expect(done.last).toMatchObject({ type: "committed", tally: { accepted: 1, refusedCount: 4 } });
    expect(done.events.some((event) => event.type === "progress")).toBe(true);
    const stored = await database.query(
      sql`select bill_id, price::int AS price, source from bills where bill_id = 'UP1'`,
    );
    expect(stored).toEqual([{ bill_id: "UP1", price: 12000, source: "upload" }]);
    const audit = await database.query(
      sql`select action, target, details from audit_log where action = 'bills_uploaded'`,
    );
    expect(audit).toEqual([
      { action: "bills_uploaded", target: "청구서.csv", details: expect.objectContaining({ accepted: 1, refused: 4 }) },
    ]);
  });

  it("refuses viewers, other files and unreadable uploads before anything is read", async () => {
    expect((await upload(preview, header, { name: "a.csv" }, viewerCookie)).status).toBe(403);
    expect((await upload(preview, header, { name: "a.txt" })).status).toBe(400);
    const garbled = await upload(preview, "no header here\r\n1,2\r\n", { name: "a.csv" });
    expect(garbled.last).toEqual({ type: "error", message: expect.stringContaining("필요한 열 제목이 없습니다") });
  });

  // The figure: BILL_UPLOAD_ROWS=100000 checks 100,000 rows (preview, then commit) within a
  // minute, as CSV and as Excel. By default a smaller file keeps the suite quick and still goes
  // through every batch.
  const bulkRows = Number(process.env.BILL_UPLOAD_ROWS ?? 5_000);
  it.each(["csv", "xlsx"] as const)(
    `registers ${bulkRows.toLocaleString("en")} rows of .%s, previewed then committed, at 100,000 a minute or better`,
    async (format) => {
      const rows = Array.from({ length: bulkRows }, (_, index) => [
        `BULK${String(index).padStart(8, "0")}`,
        "member01",
        `M${index % 300}`,
        10_000 + index,
        "2026-12-01 10:00:00",
        "2026-12-31",
      ]);
      const file = format === "csv" ? csvOf(rows) : await xlsxOf(rows);
      const name = `bulk.${format}`;
      const started = performance.now();
      const checked = await upload(preview, file, { name });
      const previewMs = performance.now() - started;
      if (checked.last?.type !== "preview") throw new Error(checked.text.slice(-300));
      expect(checked.last.tally.accepted).toBe(bulkRows);
      const committing = performance.now();
      const done = await upload(commit, file, { name, digest: checked.last.digest });
      const commitMs = performance.now() - committing;
      expect(done.last).toMatchObject({ type: "committed", tally: { accepted: bulkRows } });
      expect(await count("bills")).toBe(bulkRows);
      expect(await count("reconciliations")).toBe(bulkRows);
      console.info(
        `${bulkRows}-row .${format} upload: preview ${Math.round(previewMs)} ms, commit ${Math.round(commitMs)} ms`,
      );
      expect(previewMs + commitMs).toBeLessThan((60_000 * Math.max(bulkRows, 10_000)) / 100_000);
    },
    300_000,
  );
});
