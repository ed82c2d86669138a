import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BillUploadError, readBillUpload, type UploadedRow } from "@/lib/bills/upload-read";
import { csvCellText, csvLine } from "@/lib/dashboard/csv";

// The upload is an input boundary: whatever bytes a file holds, reading it yields rows or refuses
// the file with a Korean reason (BillUploadError), never another error; and any cell text written
// as CSV the way our exports write it reads back as typed.

const runs = Number(process.env.FC_RUNS ?? 300);

async function readAll(bytes: Uint8Array, kind: "csv" | "xlsx"): Promise<UploadedRow[]> {
  const rows: UploadedRow[] = [];
  for await (const batch of readBillUpload(bytes, kind)) rows.push(...batch);
  return rows;
}

async function outcome(bytes: Uint8Array, kind: "csv" | "xlsx") {
  try {
    return await readAll(bytes, kind);
  } catch (error) {
    if (error instanceof BillUploadError) return error;
    throw error;
  }
}

const header = "billId,memberId,merchantId,price,productName\r\n";

describe("reading any upload", () => {
  it("answers rows or a BillUploadError for any bytes", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      fc.string({ unit: "binary", maxLength: 500 }).map((text) => new TextEncoder().encode(header + text)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom("csv" as const, "xlsx" as const), async (file, kind) => {
        await outcome(file, kind);
      }),
      { numRuns: runs },
    );
  });

  it("reads back any cell text written as CSV", async () => {
    // Text the writer keeps as it is (it neutralises any piece that could read as a formula, after
    // a separator too: ",+ " is written ",'+ "), not blank, and not starting with blank space.
    const cell = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 30 })
      .filter(
        (text) => text.trim() !== "" && !/^\s/u.test(text) && !text.includes("\uFEFF") && csvCellText(text) === text,
      );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }), async (rows) => {
        const csv = header + rows.map(([billId, product]) => csvLine([billId, "m", "s", "1", product])).join("");
        const read = await readAll(new TextEncoder().encode(csv), "csv");
        expect(read.map((row) => [row.values.billId, row.values.productName])).toEqual(rows);
      }),
      { numRuns: runs },
    );
  });
});
