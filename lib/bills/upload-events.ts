import type { UploadTally } from "./upload-check";

// What the upload routes stream back, one JSON object a line (NDJSON), so the page can show how far
// a 100,000-row file has got: progress while the rows are checked (and, on commit, written), then
// the outcome. The page reads the same types.

export type BillUploadEvent =
  | { type: "progress"; rows: number }
  | { type: "preview"; digest: string; tally: UploadTally }
  | { type: "committed"; tally: UploadTally }
  | { type: "error"; message: string };

export const uploadPaths = {
  preview: "/api/bill-uploads/preview",
  commit: "/api/bill-uploads/commit",
  template: "/api/bill-uploads/template",
} as const;
