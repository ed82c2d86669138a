// Reads a callback's body without ever holding more than the limit in memory, and without waiting
// forever for bytes that do not come: a sender that stalls is answered 408 after `stallMs` without
// progress (or `totalMs` in all), instead of holding a connection for Node's default 5 minutes.

export const maxCallbackBodyBytes = 1024 * 1024;
/** How much of a body is kept when the rest is not read or not kept (too large, unauthenticated, stalled). */
export const bodyHeadBytes = 4096;
export const bodyStallMs = 10_000;
export const bodyTotalMs = 30_000;

export type BodyRead =
  | { state: "complete"; bytes: Uint8Array; byteLength: number }
  | {
      state: "too_large" | "stalled" | "aborted";
      /** The first bytes, at most bodyHeadBytes. */
      head: Uint8Array;
      /** Bytes actually read before reading stopped. */
      byteLength: number;
      /** Content-Length as the sender declared it, when it did. */
      declaredLength: number | null;
    };

export interface HeadRead {
  head: Uint8Array;
  byteLength: number;
  /** Whether the head is the whole body. */
  complete: boolean;
}

export interface ReadLimits {
  limit?: number;
  stallMs?: number;
  totalMs?: number;
}

/** A body to read once, either whole or only its beginning. */
export interface CallbackBody {
  read(limits?: ReadLimits): Promise<BodyRead>;
  readHead(bytes: number, limits?: ReadLimits): Promise<HeadRead>;
}

export function bodyFromRequest(request: Request): CallbackBody {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  return bodyFromStream(request.body, Number.isSafeInteger(declared) && declared >= 0 ? declared : null);
}

/** A body already in memory (the seed, the tests): read like one that arrives. */
export function bodyFromText(text: string | Uint8Array): CallbackBody {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return bodyFromStream(
    new ReadableStream({
      start(controller) {
        if (bytes.byteLength > 0) controller.enqueue(bytes);
        controller.close();
      },
    }),
    bytes.byteLength,
  );
}

export function bodyFromStream(stream: ReadableStream<Uint8Array> | null, declaredLength: number | null): CallbackBody {
  /** Reads until more than `stopAt` bytes arrived; `exact`: no byte past stopAt + 1 where the stream allows. */
  async function collect(stopAt: number, limits: ReadLimits, exact = false) {
    const chunks: Uint8Array[] = [];
    let byteLength = 0;
    if (!stream) return { chunks, byteLength, end: "done" as const };
    const reader = exact ? (byobReader(stream) ?? stream.getReader()) : stream.getReader();
    // A byte stream hands over only as many bytes as asked for; any other hands over whole chunks
    // (one network read each), so at most one chunk's worth is read past the head.
    const read =
      reader instanceof ReadableStreamBYOBReader
        ? () => reader.read(new Uint8Array(stopAt + 1 - byteLength))
        : () => reader.read();
    const watch = stallWatch(reader, limits);
    let end: "done" | "stopped" | "stalled" | "aborted" = "done";
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await read();
        } catch {
          // The sender went away mid-body (connection reset): what arrived is all there is.
          end = watch.expired() ? "stalled" : "aborted";
          break;
        }
        if (watch.expired()) {
          end = "stalled";
          break;
        }
        if (chunk.done || !chunk.value) break;
        watch.progressed();
        byteLength += chunk.value.byteLength;
        chunks.push(chunk.value);
        if (byteLength > stopAt) {
          end = "stopped";
          break;
        }
      }
    } finally {
      watch.stop();
    }
    // The rest is not wanted: cancelling tells the server to stop reading it from the socket.
    if (end === "stopped" || end === "aborted") reader.cancel().catch(() => {});
    return { chunks, byteLength, end };
  }

  return {
    async read(limits = {}) {
      const limit = limits.limit ?? maxCallbackBodyBytes;
      // Declared too large: read only the head that is kept, not the megabytes behind it.
      const declaredTooLarge = declaredLength !== null && declaredLength > limit;
      const { chunks, byteLength, end } = await collect(declaredTooLarge ? bodyHeadBytes : limit, limits);
      const bytes = concat(chunks);
      if (end === "done" && !declaredTooLarge) return { state: "complete", bytes, byteLength };
      return {
        state: end === "stalled" ? "stalled" : end === "aborted" ? "aborted" : "too_large",
        head: bytes.subarray(0, bodyHeadBytes),
        byteLength,
        declaredLength,
      };
    },
    async readHead(headBytes, limits = {}) {
      const { chunks, byteLength, end } = await collect(headBytes - 1, limits, true);
      return { head: concat(chunks).subarray(0, headBytes), byteLength, complete: end === "done" };
    },
  };
}

function byobReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: "byob" });
  } catch {
    // Not a byte stream: read chunk by chunk.
    return null;
  }
}

/**
 * One timer for a whole body, not one per chunk (a timer and a race per chunk cost a callback
 * about as much as decoding it). When it fires it looks at when bytes last arrived: within the
 * stall window it waits for the rest of it; past it, or past the body's total time, it cancels
 * the reader, which ends the pending read, and the read loop sees the watch expired.
 */
function stallWatch(reader: { cancel(): Promise<void> }, limits: ReadLimits) {
  const stallMs = limits.stallMs ?? bodyStallMs;
  const totalMs = limits.totalMs ?? bodyTotalMs;
  const started = performance.now();
  let lastProgress = started;
  let expired = false;
  let timer: ReturnType<typeof setTimeout>;
  const check = () => {
    const now = performance.now();
    const left = Math.min(lastProgress + stallMs, started + totalMs) - now;
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    expired = true;
    reader.cancel().catch(() => {});
  };
  timer = setTimeout(check, Math.max(Math.min(stallMs, totalMs), 0));
  return {
    expired: () => expired,
    progressed: () => {
      lastProgress = performance.now();
    },
    stop: () => clearTimeout(timer),
  };
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
