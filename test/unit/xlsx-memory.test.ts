import { describe, expect, it } from "vitest";
import { runChildScript } from "../support/child-script";

// An Excel download of a million rows must not hold its sheet in memory: each batch's XML has to
// reach zlib before the next is made (exceljs's streaming writer, used before, did not wait, and
// queued 194 MB of XML in front of its zip for 300,000 rows). Measured in a child process of its
// own (other test files share this one's memory), as the buffer memory still live after a full
// garbage collection, every tenth batch, the way a route writes: a batch, then the next.

const batches = 300;
const batchSize = 1000;

const script = `
  const { xlsxFormat } = await import("@/lib/export/xlsx-format");
  const columns = [
    { header: "청구서 번호", kind: "text", width: 20, value: (row) => row.billId },
    { header: "금액", kind: "won", width: 12, value: (row) => row.amount },
    { header: "승인 일시", kind: "kstTime", width: 20, value: (row) => row.approvedAt },
    { header: "카드사", kind: "text", width: 12, value: (row) => row.issuer },
    { header: "승인번호", kind: "text", width: 12, value: (row) => row.approvalNumber },
  ];
  const writer = xlsxFormat("승인", columns).open();
  const live = () => { globalThis.gc(); return process.memoryUsage().arrayBuffers; };
  const baseline = live();
  let peakGrowth = 0;
  let fileBytes = 0;
  for (let batch = 0; batch < ${batches}; batch++) {
    const rows = Array.from({ length: ${batchSize} }, (_, index) => {
      const n = batch * ${batchSize} + index;
      return {
        billId: "BILL" + String(n).padStart(12, "0"),
        amount: n * 10,
        approvedAt: new Date(1764000000000 + n * 1000),
        issuer: "신한카드",
        approvalNumber: String(n % 100000000).padStart(8, "0"),
      };
    });
    fileBytes += (await writer.write(rows)).byteLength;
    if (batch % 10 === 9) peakGrowth = Math.max(peakGrowth, live() - baseline);
  }
  fileBytes += (await writer.finish()).byteLength;
  console.log(JSON.stringify({ peakGrowth, fileBytes }));
`;

async function runWriter(): Promise<{ peakGrowth: number; fileBytes: number }> {
  const { code, stdout } = await runChildScript(script, { nodeFlags: ["--expose-gc"] });
  if (code !== 0) throw new Error(`exit ${code}`);
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
}

describe("the Excel writer", () => {
  it("keeps at most a few MB of sheet XML waiting for zlib, however many rows", async () => {
    const { peakGrowth, fileBytes } = await runWriter();
    console.log(
      `xlsx writer: ${batches * batchSize} rows, live buffer growth at most ${(peakGrowth / 2 ** 20).toFixed(1)} MiB`,
    );
    expect(peakGrowth).toBeLessThan(24 * 1024 * 1024);
    // ...and every batch reached the file (300,000 rows compress to about 7 MB).
    expect(fileBytes).toBeGreaterThan(5 * 1024 * 1024);
  }, 180_000);
});
