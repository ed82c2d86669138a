import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { decodeBody, firstInvalidUtf8, showBytes } from "@/lib/callbacks/decode-body";
import { excessiveNestingOffset, findUnstorableMember, maxNestingDepth } from "@/lib/callbacks/json-checks";
import { bodyFromRequest, bodyFromStream, bodyFromText } from "@/lib/callbacks/read-body";
import { storableText, unstorableCharacter } from "@/lib/callbacks/storable-text";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part, "utf8")] : part)));

describe("decoding a body", () => {
  it("accepts UTF-8, with or without a byte order mark", () => {
    expect(decodeBody(bytes('{"a":"해오름"}'))).toEqual({ ok: true, text: '{"a":"해오름"}' });
    expect(decodeBody(bytes([0xef, 0xbb, 0xbf], '{"a":1}'))).toEqual({ ok: true, text: '{"a":1}' });
    expect(decodeBody(new Uint8Array())).toEqual({ ok: true, text: "" });
  });

  it.each([
    ["a lone 0xFF", bytes('{"billId":"AB', [0xff], '1"}'), 13],
    ["an overlong NUL", bytes('{"a":"', [0xc0, 0x80], '"}'), 6],
    ["an encoded surrogate", bytes('{"a":"', [0xed, 0xa0, 0x80], '"}'), 6],
    ["a truncated sequence", bytes('{"a":"', [0xe2, 0x82]), 6],
    ["a stray continuation byte", bytes([0x80], "{}"), 0],
  ])("refuses %s with 400 1004 naming the byte offset", (_, body, offset) => {
    const decoded = decodeBody(body);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.status).toBe(400);
    expect(decoded.answer.code).toBe("1004");
    expect(decoded.answer.message).toContain(`byte offset ${offset}`);
    expect(firstInvalidUtf8(body)).toBe(offset);
  });

  it.each([
    ["UTF-16LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', "utf16le")]), "UTF-16LE"],
    ["UTF-16LE without one", Buffer.from('{"a":1}', "utf16le"), "UTF-16LE"],
    ["UTF-16BE", Buffer.from('{"a":1}', "utf16le").swap16(), "UTF-16BE"],
    ["UTF-32LE", Uint8Array.from([0x7b, 0, 0, 0, 0x7d, 0, 0, 0]), "UTF-32LE"],
    ["UTF-32BE with a BOM", Uint8Array.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]), "UTF-32BE"],
  ])("refuses %s with 415 1004", (_, body, encoding) => {
    const decoded = decodeBody(body);
    expect(decoded).toMatchObject({ ok: false, status: 415, answer: { code: "1004" } });
    if (!decoded.ok) expect(decoded.answer.message).toContain(encoding);
  });

  it("shows any bytes as storable text: valid UTF-8 as is, the rest as \\xNN", () => {
    expect(showBytes(bytes("가", [0xff], "b", [0xe2, 0x82]))).toBe("가\\xFFb\\xE2\\x82");
  });

  test.prop([fc.uint8Array({ maxLength: 64 })], { numRuns: 500 })(
    "agrees with the platform's strict decoder on any bytes",
    (body) => {
      let strict: string | null;
      try {
        strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body);
      } catch {
        strict = null;
      }
      expect(firstInvalidUtf8(body) === -1).toBe(strict !== null);
    },
  );
});

describe("JSON checks without recursion", () => {
  it(`finds nesting deeper than ${maxNestingDepth} levels, ignoring brackets in strings`, () => {
    expect(excessiveNestingOffset(`${"[".repeat(32)}${"]".repeat(32)}`)).toBe(-1);
    expect(excessiveNestingOffset(`${"[".repeat(33)}${"]".repeat(33)}`)).toBe(32);
    expect(excessiveNestingOffset(`{"a":"${"[".repeat(100)}\\"{{{{"}`)).toBe(-1);
    expect(excessiveNestingOffset(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`)).toBe(32 * 5);
  });

  it("names the first member holding a NUL or an unpaired surrogate, keys included", () => {
    expect(findUnstorableMember({ billId: "A\u0000" })).toEqual({
      path: "billId",
      message: "contains a NUL character (\\u0000)",
    });
    expect(findUnstorableMember({ udItem: { ok: "😀", list: ["x", "\ud800"] } })?.path).toBe("udItem.list.1");
    expect(findUnstorableMember({ udItem: { "a\u0000b": 1 } })).toEqual({
      path: "udItem.a\u0000b",
      message: "has a name that contains a NUL character (\\u0000)",
    });
    expect(findUnstorableMember({ a: "fine", b: ["😀", { c: null }] })).toBeNull();
  });

  it("writes NUL and unpaired surrogates as escapes, and leaves pairs alone", () => {
    expect(storableText("a\u0000b\ud800c\udfff😀")).toBe("a\\u0000b\\ud800c\\udfff😀");
    expect(unstorableCharacter("😀")).toBeNull();
    expect(unstorableCharacter("\udc00x")).toContain("unpaired surrogate");
  });
});

describe("reading a body", () => {
  it("reads a small body whole", async () => {
    expect(await bodyFromText("hello").read()).toMatchObject({ state: "complete", byteLength: 5 });
  });

  it("stops at the limit and keeps only the head", async () => {
    const read = await bodyFromText("x".repeat(5000)).read({ limit: 4096 });
    expect(read).toMatchObject({ state: "too_large", byteLength: 5000 });
    if (read.state !== "complete") expect(read.head.byteLength).toBe(4096);
  });

  it("reads no further than the head when only the head is wanted", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const head = await bodyFromStream(stream, null).readHead(4096);
    expect(head.complete).toBe(false);
    expect(head.head.byteLength).toBe(4096);
    expect(pulled).toBeLessThanOrEqual(6);
  });

  it("reads at most the head from a byte stream, however large its network reads", async () => {
    // Issue 18, finding 8: one whole 64 KiB chunk was read to keep 4 KiB of an unauthenticated body.
    const chunk = 64 * 1024;
    const stream = new ReadableStream({
      type: "bytes",
      pull(controller) {
        controller.enqueue(new Uint8Array(chunk).fill(0x78));
      },
    });
    const head = await bodyFromStream(stream, null).readHead(4096);
    expect(head).toMatchObject({ byteLength: 4096, complete: false });
    expect(head.head.byteLength).toBe(4096);
    const fromRequest = await bodyFromRequest(
      new Request("http://localhost/", { method: "POST", body: "x".repeat(chunk) }),
    ).readHead(4096);
    expect(fromRequest.byteLength).toBe(4096);
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 64 * 1024 }), { minLength: 1, maxLength: 20 })])(
    "reads at most the head plus one network read from any other stream",
    async (sizes) => {
      let index = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (index === sizes.length) return controller.close();
            controller.enqueue(new Uint8Array(sizes[index++]));
          },
        },
        { highWaterMark: 0 },
      );
      const head = await bodyFromStream(stream, null).readHead(4096);
      // The chunk that carries the 4,096th byte is read whole: it left the socket in one read.
      expect(head.byteLength).toBeLessThanOrEqual(4095 + Math.max(...sizes));
      expect(index, "chunks pulled").toBeLessThanOrEqual(Math.ceil(4096 / Math.min(...sizes)) + 1);
      expect(head.head.byteLength).toBe(
        Math.min(
          4096,
          sizes.reduce((total, size) => total + size, 0),
        ),
      );
    },
  );

  it("gives up on a body that stops arriving, after the stall time", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"billId":"st'));
      },
    });
    const started = performance.now();
    const read = await bodyFromStream(stream, 1000).read({ stallMs: 50 });
    expect(read).toMatchObject({ state: "stalled", byteLength: 13, declaredLength: 1000 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("gives up on a body that trickles in slower than the total time", async () => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setInterval(() => controller.enqueue(new Uint8Array([0x20])), 10);
      },
      cancel() {
        clearInterval(timer);
      },
    });
    const read = await bodyFromStream(stream, null).read({ stallMs: 1000, totalMs: 100 });
    clearInterval(timer);
    expect(read.state).toBe("stalled");
  });

  it("reports a sender that went away mid-body", async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new Uint8Array([0x7b]));
        else controller.error(new Error("aborted"));
      },
    });
    expect(await bodyFromStream(stream, 10).read()).toMatchObject({ state: "aborted", byteLength: 1 });
  });
});
