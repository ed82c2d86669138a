import type { DeliveryListRow } from "@/db/queries/callback-deliveries";
import type { FieldError } from "@/lib/payssam/answers";
import { explainRefusal } from "@/lib/payssam/refusal-explanations";

// Lists show a refusal as one Korean line. The stored body is read only for refusals (and only its
// head), used to name the value received, and never sent on to the browser.

export interface StoredRefusal {
  errorCode: string | null;
  errorMessage: string | null;
  errors: FieldError[] | null;
  bodyBytes: number;
  /** The head of the stored body of a refused delivery; null for stored ones. */
  refusalBody: string | null;
}

/** A delivery as lists show it: refusals explained in one Korean line (refusalSummary). */
export type CallbackDeliveryListRow = ReturnType<typeof withRefusalSummaries<DeliveryListRow>>[number];

/** The rows with their refusal explained in one Korean line (null when not refused), bodies dropped. */
export function withRefusalSummaries<Row extends StoredRefusal>(
  rows: Row[],
): (Omit<Row, "refusalBody"> & { refusalSummary: string | null })[] {
  return rows.map(({ refusalBody, ...row }) => ({
    ...row,
    refusalSummary:
      row.errorCode === null
        ? null
        : explainRefusal({
            errorCode: row.errorCode,
            errorMessage: row.errorMessage,
            errors: row.errors,
            rawBody: refusalBody,
            bodyBytes: row.bodyBytes,
          }).summary,
  }));
}
