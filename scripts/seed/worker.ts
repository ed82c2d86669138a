import { once } from "node:events";
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from "node:worker_threads";
import { type ApprovalSlice, type SliceResult, writeApprovalSlice } from "./approval-slice";
import { copyRow, type SeededTable, tableOrder } from "./copy";

// Generating approval rows is most of a bulk seed's work, so each slice of the history runs in a
// worker thread that hands its rows back as UTF-8 COPY text, one ~1 MB chunk per table in flight
// at a time: the bytes are transferred, not copied, and the main thread only writes them to the
// connection, so memory stays bounded and the main thread is no bottleneck.

const workerChunkSize = 1 << 20;
const encoder = new TextEncoder();

type WorkerMessage =
  | { kind: "rows"; table: SeededTable; bytes: Uint8Array<ArrayBuffer>; rows: number }
  | { kind: "done"; result: SliceResult };

/** Runs a slice in a worker thread; its rows come back as COPY text, one chunk in flight at a time. */
export function runSliceWorker(
  slice: ApprovalSlice,
  writeEncoded: (table: SeededTable, rows: Uint8Array<ArrayBuffer>) => Promise<void>,
  onProgress: (rows: number) => void,
): Promise<SliceResult> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit tsx's loader on Node 20: register it, then load this module.
    const loader = JSON.stringify(import.meta.resolve("tsx/esm/api"));
    const worker = new Worker(
      `import(${loader}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`,
      { eval: true, workerData: { bulkSeedSlice: slice } },
    );
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "done") {
        resolve(message.result);
        return;
      }
      onProgress(message.rows);
      writeEncoded(message.table, message.bytes).then(
        () => worker.postMessage("next"),
        (error) => {
          reject(error);
          worker.terminate();
        },
      );
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (code !== 0) reject(new Error(`Bulk seed worker exited with ${code}`));
    });
  });
}

async function sliceWorkerMain(slice: ApprovalSlice, port: MessagePort) {
  const buffers = new Map<SeededTable, string>();
  let rows = 0;
  const send = async (table: SeededTable) => {
    const text = buffers.get(table) ?? "";
    if (text === "") return;
    buffers.set(table, "");
    const bytes = encoder.encode(text);
    const answered = once(port, "message");
    port.postMessage({ kind: "rows", table, bytes, rows } satisfies WorkerMessage, [bytes.buffer]);
    await answered;
  };
  const result = await writeApprovalSlice(
    slice,
    async (table, values) => {
      const text = (buffers.get(table) ?? "") + copyRow(values);
      buffers.set(table, text);
      if (text.length > workerChunkSize) await send(table);
    },
    (written) => {
      rows = written;
    },
  );
  rows = result.approvals;
  for (const table of tableOrder) await send(table);
  port.postMessage({ kind: "done", result } satisfies WorkerMessage);
}

if (!isMainThread && workerData?.bulkSeedSlice && parentPort) {
  await sliceWorkerMain(workerData.bulkSeedSlice as ApprovalSlice, parentPort as unknown as MessagePort);
}
