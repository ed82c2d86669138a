import { describe, expect, it } from "vitest";
import {
  type BadInput,
  card,
  expectRefusedAndLogged,
  invalidField,
  json,
  maskedKey,
  rejectedMapping,
  storedCounts,
  withMerchant,
} from "../support/bad-input";
import { endpoints, respond, send } from "../support/callbacks";
import { setUpTestDatabase } from "../support/database";

// What a stranger or a fuzzer sent (issue 9), each answered 0000 with altered data, or 5xx with
// nothing logged, before: now refused with a 4xx that names the problem, and logged.

const database = setUpTestDatabase();

/** The JSON text of `value` with `marker` replaced by raw bytes. */
function withBytes(value: unknown, marker: string, bytes: number[]): Uint8Array<ArrayBuffer> {
  const [head, tail] = json(value).split(marker);
  return Uint8Array.from([...Buffer.from(head), ...bytes, ...Buffer.from(tail)]);
}
const deep = (depth: number, open: string, close: string) => `${open.repeat(depth)}1${close.repeat(depth)}`;
const utf16 = (text: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);

const hostileInputs: BadInput[] = [
  {
    name: "invalid UTF-8 in billId",
    body: withBytes({ ...card, billId: "AB@@1" }, "@@", [0xff, 0xfe]),
    status: 400,
    code: "1004",
    field: "",
    mentions: "byte offset 56",
    stored: maskedKey(json({ ...card, billId: "AB@@1" })).replace("@@", "\\xFF\\xFE"),
  },
  {
    name: "invalid UTF-8 in companyName",
    endpoint: endpoints.authMapping,
    body: withBytes(withMerchant({ companyName: "바른@@" }), "@@", [0xc3, 0x28]),
    status: 400,
    code: "1004",
    field: "",
    mentions: "byte offset",
    stored: json(withMerchant({ companyName: "바른@@" })).replace("@@", "\\xC3("),
  },
  invalidField("NUL in billId", "billId", { ...card, billId: "A\u0000B" }),
  {
    name: "NUL in memberId",
    endpoint: endpoints.authMapping,
    body: json({ ...rejectedMapping, memberId: "m\u0000" }),
    status: 400,
    code: "1002",
    field: "memberId",
  },
  invalidField("NUL in a udItem key", "udItem.a\\u0000b", { ...card, udItem: { "a\u0000b": 1 } }),
  invalidField("a lone surrogate in udItem", "udItem.note", { ...card, udItem: { note: "x\ud800y" } }),
  {
    name: "a lone surrogate in companyName",
    endpoint: endpoints.authMapping,
    body: json(withMerchant({ companyName: "\udc00바른" })),
    status: 400,
    code: "1002",
    field: "merchant.companyName",
  },
  invalidField("a lone surrogate in an unknown field", "newField", { ...card, newField: "\ud83d" }),
  {
    name: "a 20,000-deep udItem",
    body: json({ ...card, udItem: "@@" }).replace('"@@"', deep(20_000, "[", "]")),
    status: 400,
    code: "1005",
    field: "",
    mentions: "32 levels",
  },
  {
    name: "a 10,000-deep object",
    endpoint: endpoints.any,
    body: deep(10_000, '{"a":', "}"),
    status: 400,
    code: "1005",
    field: "",
    mentions: "32 levels",
  },
  {
    name: "a UTF-16 body",
    body: utf16(json(card)),
    status: 415,
    code: "1004",
    field: "",
    mentions: "UTF-16LE",
    stored: maskedKey(json(card)),
  },
  {
    name: "a UTF-16 body without a byte order mark",
    body: Uint8Array.from(Buffer.from(json(card), "utf16le")),
    status: 415,
    code: "1004",
    field: "",
    stored: maskedKey(json(card)),
  },
];

describe("hostile input", () => {
  it.each(hostileInputs)("$name → $status $code, logged as rejected", async (badInput) => {
    await expectRefusedAndLogged(database, badInput);
  });

  it("accepts a UTF-8 byte order mark before the JSON, and stores the approval as sent", async () => {
    const body = Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from(json({ ...card, billId: "BOM-1" }))]);
    expect((await send(endpoints.approval, body, { raw: true })).status).toBe(200);
    expect(await storedCounts(database)).toEqual({ approvals: 1, merchants: 0 });
  });

  it("answers OPTIONS with 204 and what is allowed", async () => {
    for (const endpoint of Object.values(endpoints)) {
      const response = await respond(endpoint, undefined, { method: "OPTIONS" });
      expect(response.status).toBe(204);
      expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    }
  });
});
