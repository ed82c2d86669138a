import type { Database } from "@/db";
import { registerBills } from "@/db/queries/bills";
import { type BillInput, billErrors, billSchema, koreanPart } from "./bill";
import type { UploadedRow } from "./upload-read";

// One pass over an uploaded file's rows: each row parsed by the one bill schema (lib/bills/bill.ts,
// the API's too), a billId repeated in the file refused, and the rest registered in `db`. The caller
// passes a transaction and decides: the preview rolls it back (so it shows exactly what the commit
// would do, known bills included, and writes nothing), the commit keeps it (all or nothing).

export interface RefusedUploadRow {
  rowNumber: number;
  billId: string | null;
  /** Why, in Korean. */
  reasons: string[];
}

export interface UploadTally {
  rows: number;
  /** New bills. */
  accepted: number;
  /** Bills already registered with the same content. */
  unchanged: number;
  refusedCount: number;
  /** The first refused rows, in file order (a file of 100,000 bad rows is not sent back whole). */
  refused: RefusedUploadRow[];
}

export const shownRefusals = 500;
// registerBills is one statement; about a thousand bills keep its JSON parameter small.
const registerBatch = 1_000;

// A spreadsheet shows amounts as 12,000 and pads cells with spaces; neither is the sender's meaning.
function billFields(row: UploadedRow): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(row.values)) {
    const trimmed = value.trim();
    if (trimmed === "") continue;
    fields[key] = key === "price" ? trimmed.replace(/[,\s]/g, "").replace(/원$/, "") : trimmed;
  }
  return fields;
}

export async function registerUpload(
  db: Database,
  batches: AsyncIterable<UploadedRow[]>,
  onProgress: (rows: number) => void,
): Promise<UploadTally> {
  const tally: UploadTally = { rows: 0, accepted: 0, unchanged: 0, refusedCount: 0, refused: [] };
  const firstRowOf = new Map<string, number>();
  const refuse = (row: RefusedUploadRow) => {
    tally.refusedCount++;
    if (tally.refused.length < shownRefusals) tally.refused.push(row);
  };

  for await (const batch of batches) {
    const valid: { rowNumber: number; bill: BillInput }[] = [];
    for (const row of batch) {
      tally.rows++;
      const billId = row.values.billId?.trim() || null;
      if (row.problems.length > 0) {
        refuse({ rowNumber: row.rowNumber, billId, reasons: row.problems });
        continue;
      }
      const parsed = billSchema.safeParse(billFields(row));
      if (!parsed.success) {
        const reasons = billErrors(parsed.error).map((error) => koreanPart(error.message));
        refuse({ rowNumber: row.rowNumber, billId, reasons });
        continue;
      }
      const first = firstRowOf.get(parsed.data.billId);
      if (first !== undefined) {
        refuse({
          rowNumber: row.rowNumber,
          billId,
          reasons: [`${first}행과 청구서 ID가 같습니다. 한 파일에 한 번만 적어 주세요.`],
        });
        continue;
      }
      firstRowOf.set(parsed.data.billId, row.rowNumber);
      valid.push({ rowNumber: row.rowNumber, bill: parsed.data });
    }
    for (let start = 0; start < valid.length; start += registerBatch) {
      const chunk = valid.slice(start, start + registerBatch);
      const result = await registerBills(
        db,
        chunk.map((entry) => entry.bill),
        "upload",
      );
      tally.accepted += result.accepted;
      tally.unchanged += result.unchanged;
      for (const refusal of result.refused) {
        refuse({
          rowNumber: firstRowOf.get(refusal.billId) ?? 0,
          billId: refusal.billId,
          reasons: refusal.errors.map((error) => koreanPart(error.message)),
        });
      }
    }
    onProgress(tally.rows);
  }
  // Refusals from the database come after the batch's own: the preview lists them in file order.
  tally.refused.sort((a, b) => a.rowNumber - b.rowNumber);
  return tally;
}
