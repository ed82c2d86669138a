import { describe, expect, it } from "vitest";
import type { ExportColumn } from "@/lib/export/columns";
import { xlsxFormat } from "@/lib/export/xlsx-format";

// An Excel download of a million rows must not hold its sheet in memory: exceljs hands the zip its
// XML without waiting, so a writer that commits rows faster than deflate takes them queued the XML
// as Buffers in front of the zip (194 MB for 300,000 rows). Measured here as the process's
// ArrayBuffer memory after each batch, the way a route writes: a batch, then the next.

interface SampleRow {
  billId: string;
  amount: number;
  approvedAt: Date;
  issuer: string;
  approvalNumber: string;
}

const columns: ExportColumn<SampleRow>[] = [
  { header: "청구서 번호", kind: "text", width: 20, value: (row) => row.billId },
  { header: "금액", kind: "won", width: 12, value: (row) => row.amount },
  { header: "승인 일시", kind: "kstTime", width: 20, value: (row) => row.approvedAt },
  { header: "카드사", kind: "text", width: 12, value: (row) => row.issuer },
  { header: "승인번호", kind: "text", width: 12, value: (row) => row.approvalNumber },
];

const batches = 300;
const batchSize = 1000;

describe("the Excel writer", () => {
  it("keeps at most a few MB of sheet XML waiting for the zip, however many rows", async () => {
    const writer = xlsxFormat("승인", columns).open();
    const baseline = process.memoryUsage().arrayBuffers;
    let peakGrowth = 0;
    let fileBytes = 0;
    for (let batch = 0; batch < batches; batch++) {
      const rows = Array.from({ length: batchSize }, (_, index) => {
        const n = batch * batchSize + index;
        return {
          billId: `BILL${String(n).padStart(12, "0")}`,
          amount: n * 10,
          approvedAt: new Date(1_764_000_000_000 + n * 1000),
          issuer: "신한카드",
          approvalNumber: String(n % 100_000_000).padStart(8, "0"),
        };
      });
      fileBytes += (await writer.write(rows)).byteLength;
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().arrayBuffers - baseline);
    }
    fileBytes += (await writer.finish()).byteLength;

    console.log(
      `xlsx writer: ${batches * batchSize} rows, ArrayBuffer growth at most ${(peakGrowth / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(peakGrowth).toBeLessThan(50 * 1024 * 1024);
    // ...and every batch reached the file (300,000 rows compress to about 7 MB).
    expect(fileBytes).toBeGreaterThan(5 * 1024 * 1024);
  }, 180_000);
});
