// A file format an export can be written in. A writer turns batches of rows into the bytes that
// are ready to send; the route sends them as they come, so no format holds the whole file.

export interface ExportWriter<Row> {
  /** Adds rows; answers the bytes ready so far (possibly none: a zip compresses behind). */
  write(rows: Row[]): Promise<Uint8Array>;
  /** Ends the file; answers the rest of its bytes. */
  finish(): Promise<Uint8Array>;
  /** Drops a file that will not be finished. */
  abort(): void;
}

export interface ExportFormat<Row> {
  extension: "csv" | "xlsx";
  contentType: string;
  open(): ExportWriter<Row>;
}
