import ExcelJS from "exceljs";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "@/lib/dashboard/csv";
import type { ExportColumn } from "@/lib/export/columns";
import { fixedSheet, xlsxFormat } from "@/lib/export/xlsx-format";
import { columnLetters, excelRowsPerSheet } from "@/lib/export/xlsx-sheet";
import { zipWriter } from "@/lib/export/zip-writer";

// The Excel writer read back by two independent readers: JSZip checks the archive (every entry's
// CRC and sizes), exceljs the spreadsheet (typed cells, styles, frozen header, sheets). The route
// tests (test/integration/export-xlsx.test.ts) cover the same file through HTTP.

interface Payment {
  id: number;
  note: string | null;
  amount: number | null;
  paidAt: Date | null;
}

const columns: ExportColumn<Payment>[] = [
  { header: "ID", kind: "integer", width: 10, value: (row) => row.id },
  { header: "메모", kind: "text", width: 20, value: (row) => row.note },
  { header: "금액 (원)", kind: "won", width: 14, value: (row) => row.amount },
  { header: "결제 일시 (KST)", kind: "kstTime", width: 20, value: (row) => row.paidAt },
];

async function writeFile(rows: Payment[][], rowsPerSheet?: number): Promise<Buffer> {
  const writer = xlsxFormat("결제", columns, rowsPerSheet).open();
  const parts: Uint8Array[] = [];
  for (const batch of rows) parts.push(await writer.write(batch));
  parts.push(await writer.finish());
  return Buffer.concat(parts);
}

async function workbookOf(file: Buffer): Promise<ExcelJS.Workbook> {
  await JSZip.loadAsync(file, { checkCRC32: true });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(file).buffer);
  return workbook;
}

// OOXML writes a character XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x); Excel reads
// them back in one left-to-right pass. exceljs does so only for shared strings, not inline ones.
const ooxmlUnescaped = (text: string) =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const payment = (id: number, note: string | null = `메모 ${id}`): Payment => ({
  id,
  note,
  amount: id * 1000,
  paidAt: new Date(Date.UTC(2026, 10, 24, 0, 30, 12) + id * 1000),
});

describe("the Excel writer", () => {
  it("writes typed cells, a bold frozen header and column widths", async () => {
    const workbook = await workbookOf(
      await writeFile([[payment(7, "03460268"), { id: 8, note: null, amount: null, paidAt: null }]]),
    );
    const [sheet] = workbook.worksheets;
    expect(sheet.name).toBe("결제");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).values).toEqual([undefined, "ID", "메모", "금액 (원)", "결제 일시 (KST)"]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(1).getCell(1).font?.name).toBe("맑은 고딕");

    const [id, note, amount, paidAt] = [1, 2, 3, 4].map((column) => sheet.getRow(2).getCell(column));
    expect([id.value, id.numFmt]).toEqual([7, "0"]);
    expect([note.value, note.type, note.numFmt]).toEqual(["03460268", ExcelJS.ValueType.String, "@"]);
    expect([amount.value, amount.type, amount.numFmt]).toEqual([7000, ExcelJS.ValueType.Number, "#,##0"]);
    // 00:30:19 UTC is 09:30:19 in Korea; Excel has no zones, so the cell holds the wall clock.
    expect(paidAt.type).toBe(ExcelJS.ValueType.Date);
    expect((paidAt.value as Date).toISOString()).toBe("2026-11-24T09:30:19.000Z");
    expect(paidAt.numFmt).toBe("yyyy-mm-dd hh:mm:ss");

    // Empty values are empty cells, not zeros or blank strings.
    expect(sheet.getRow(3).getCell(1).value).toBe(8);
    for (const column of [2, 3, 4]) expect(sheet.getRow(3).getCell(column).type).toBe(ExcelJS.ValueType.Null);
    expect(columns.map((_, index) => sheet.getColumn(index + 1).width)).toEqual([10, 20, 14, 20]);
  });

  it("keeps every batch in order, and a file without rows still has its header", async () => {
    const batches = [[payment(1), payment(2)], [], [payment(3)], [payment(4), payment(5), payment(6)]];
    const [sheet] = (await workbookOf(await writeFile(batches))).worksheets;
    expect(sheet.getColumn(1).values.slice(2)).toEqual([1, 2, 3, 4, 5, 6]);

    const [empty] = (await workbookOf(await writeFile([]))).worksheets;
    expect(empty.rowCount).toBe(1);
    expect(empty.getRow(1).getCell(2).value).toBe("메모");
  });

  it("goes on in a new sheet, with its own header, past a sheet's last row", async () => {
    expect(excelRowsPerSheet).toBe(1_048_575);
    const rows = Array.from({ length: 8 }, (_, index) => payment(index + 1));
    const workbook = await workbookOf(await writeFile([rows.slice(0, 2), rows.slice(2)], 3));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["결제", "결제 (2)", "결제 (3)"]);
    expect(workbook.worksheets.map((sheet) => sheet.getColumn(1).values.slice(2))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).value).toBe("ID");
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    }
  });

  it("puts whole sheets before and after the streamed one, overflow sheets in between", async () => {
    const summary = fixedSheet("요약", columns, [payment(1, "합계")]);
    const guide = fixedSheet("작성 방법", columns, []);
    const writer = xlsxFormat("결제", columns, 2, { before: [summary], after: [guide] }).open();
    const parts = [await writer.write([payment(2), payment(3), payment(4)]), await writer.finish()];
    const workbook = await workbookOf(Buffer.concat(parts));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["요약", "결제", "결제 (2)", "작성 방법"]);
    expect(workbook.getWorksheet("요약")?.getCell("B2").value).toBe("합계");
    expect(workbook.getWorksheet("결제 (2)")?.getCell("A2").value).toBe(4);
    expect(workbook.getWorksheet("작성 방법")?.rowCount).toBe(1);
  });

  it("names columns past Z as Excel does", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });

  it("keeps any text as typed, formula-like text neutralised as in the CSV", async () => {
    const awkward = [
      "a & b < c > d",
      "_x0041_",
      "_X0041_x0042_",
      "line\r\nbreak",
      " padded ",
      "\u0001\u001F",
      "\uFFFF",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom(...awkward)), { minLength: 1, maxLength: 20 }),
        async (notes) => {
          const rows = notes.map((note, index) => payment(index, note));
          const [sheet] = (await workbookOf(await writeFile([rows]))).worksheets;
          const written = notes.map((_, index) =>
            ooxmlUnescaped(String(sheet.getRow(index + 2).getCell(2).value ?? "")),
          );
          expect(written).toEqual(notes.map((note) => neutraliseFormula(note.toWellFormed())));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("the zip writer", () => {
  it("writes entries JSZip reads back byte for byte, however their bytes were split", async () => {
    // Paths as archives hold them (JSZip, like unzip, folds "." and ".." segments), UTF-8 included.
    const entry = fc.record({
      name: fc.stringMatching(/^[a-z0-9_가-힣-]{1,12}(\/[a-z0-9_가-힣-]{1,12}){0,2}\.(xml|rels)$/),
      chunks: fc.array(fc.uint8Array({ maxLength: 70_000 }), { maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(entry, { maxLength: 4, selector: (e) => e.name }), async (entries) => {
        const zip = zipWriter();
        const parts: Buffer[] = [];
        for (const { name, chunks } of entries) {
          const writing = zip.entry(name);
          for (const chunk of chunks) await writing.write(chunk);
          await writing.end();
          parts.push(zip.take());
        }
        parts.push(zip.finish());
        const archive = await JSZip.loadAsync(Buffer.concat(parts), { checkCRC32: true });
        expect(Object.keys(archive.files).sort()).toEqual(entries.map((e) => e.name).sort());
        for (const { name, chunks } of entries) {
          const content = await archive.file(name)?.async("nodebuffer");
          expect(content?.equals(Buffer.concat(chunks))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("dates its entries in Korea time", async () => {
    // 2026-11-24 23:30:10 UTC is 2026-11-25 08:30:10 in Korea.
    const zip = zipWriter({ now: new Date(Date.UTC(2026, 10, 24, 23, 30, 10)) });
    const entry = zip.entry("a.xml");
    await entry.write(Buffer.from("<a/>"));
    await entry.end();
    const archive = await JSZip.loadAsync(Buffer.concat([zip.take(), zip.finish()]));
    // JSZip reads the zone-less DOS fields into a Date's UTC fields.
    const date = archive.file("a.xml")?.date as Date;
    expect(date.toISOString()).toBe("2026-11-25T08:30:10.000Z");
  });

  it("refuses a second open entry, and an aborted entry's wait rejects instead of hanging", async () => {
    const zip = zipWriter();
    const first = zip.entry("a.xml");
    expect(() => zip.entry("b.xml")).toThrow("the previous entry has not ended");
    const waiting = first.write(Buffer.alloc(4 * 1024 * 1024, 120));
    zip.abort();
    await expect(waiting.then(() => first.end())).rejects.toThrow("aborted");
  });
});
