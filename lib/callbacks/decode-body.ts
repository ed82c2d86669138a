import { isUtf8 } from "node:buffer";
import { type ErrorAnswer, errorAnswer, errorCodes } from "@/lib/payssam/answers";

// Bytes to text, strictly: PaySsam sends UTF-8 JSON. A byte that is not UTF-8 is refused with its
// offset rather than replaced by U+FFFD (which would silently change a billId); a UTF-16 or UTF-32
// body (by its byte order mark, or by the NUL pattern JSON's first two characters make, RFC 4627
// section 3) is refused as unsupported. A UTF-8 byte order mark is allowed and dropped.

export type DecodedBody =
  | { ok: true; text: string }
  | { ok: false; status: 400 | 415; answer: ErrorAnswer; shown: string };

const utf8 = new TextDecoder("utf-8");

export function decodeBody(bytes: Uint8Array): DecodedBody {
  const wide = wideEncoding(bytes);
  if (wide) {
    return {
      ok: false,
      status: 415,
      answer: errorAnswer(errorCodes.invalidEncoding, `The body is ${wide}; callbacks must be UTF-8 JSON.`, [
        { path: "", message: `is ${wide}, not UTF-8` },
      ]),
      shown: showWide(bytes, wide),
    };
  }
  if (isUtf8(bytes)) return { ok: true, text: utf8.decode(bytes) };
  const offset = firstInvalidUtf8(bytes);
  const byte = bytes[offset].toString(16).toUpperCase().padStart(2, "0");
  return {
    ok: false,
    status: 400,
    answer: errorAnswer(
      errorCodes.invalidEncoding,
      `The body is not valid UTF-8: byte 0x${byte} at byte offset ${offset} does not start a valid sequence.`,
      [{ path: "", message: `invalid UTF-8 at byte offset ${offset}` }],
    ),
    shown: showBytes(bytes),
  };
}

type WideEncoding = "UTF-16LE" | "UTF-16BE" | "UTF-32LE" | "UTF-32BE";

function wideEncoding(bytes: Uint8Array): WideEncoding | null {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return b2 === 0 && b3 === 0 ? "UTF-32LE" : "UTF-16LE";
  if (b0 === 0xfe && b1 === 0xff) return "UTF-16BE";
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return "UTF-32BE";
  if (bytes.length < 4) return null;
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return "UTF-32BE";
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return "UTF-32LE";
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return "UTF-16BE";
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return "UTF-16LE";
  return null;
}

function showWide(bytes: Uint8Array, encoding: WideEncoding): string {
  if (encoding === "UTF-16LE" || encoding === "UTF-16BE") {
    return new TextDecoder(encoding.toLowerCase()).decode(bytes);
  }
  return showBytes(bytes);
}

/** Length of the valid UTF-8 sequence starting at `index`, or 0 when none starts there (WHATWG's rules). */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index];
  if (lead < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) low = 0xa0;
    // ED A0–BF would encode a UTF-16 surrogate, which is not a character.
    if (lead === 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) low = 0x90;
    if (lead === 0xf4) high = 0x8f;
  } else return 0;
  for (let next = 1; next < length; next++) {
    const byte = bytes[index + next];
    if (byte === undefined || byte < (next === 1 ? low : 0x80) || byte > (next === 1 ? high : 0xbf)) return 0;
  }
  return length;
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return -1;
}

/** Any bytes as text that can be stored and read: valid UTF-8 as it is, every other byte as `\xNN`. */
export function showBytes(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return utf8.decode(bytes);
  let shown = "";
  let runStart = 0;
  for (let index = 0; index < bytes.length; ) {
    const length = sequenceLength(bytes, index);
    if (length > 0) {
      index += length;
      continue;
    }
    shown += `${utf8.decode(bytes.subarray(runStart, index))}\\x${bytes[index].toString(16).toUpperCase().padStart(2, "0")}`;
    index++;
    runStart = index;
  }
  return shown + utf8.decode(bytes.subarray(runStart));
}
