// Reads a request body without ever holding more than the limit in memory.

export const maxCallbackBodyBytes = 1024 * 1024;

export type BodyRead =
  | { tooLarge: false; text: string; bytes: number }
  | { tooLarge: true; head: string; bytes: number };

export async function readBody(request: Request, limit = maxCallbackBodyBytes): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!request.body) return { tooLarge: false, text: "", bytes: 0 };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let tooLarge = Number.isFinite(declared) && declared > limit;
  while (!tooLarge) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) tooLarge = true;
    else chunks.push(value);
  }
  const decoder = new TextDecoder();
  if (tooLarge) {
    await reader.cancel().catch(() => {});
    const head = decoder.decode(concat(chunks).subarray(0, 4096));
    return { tooLarge: true, head, bytes: Number.isFinite(declared) ? Math.max(declared, bytes) : bytes };
  }
  return { tooLarge: false, text: decoder.decode(concat(chunks)), bytes };
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
