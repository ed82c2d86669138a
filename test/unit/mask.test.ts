import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  apiKeyValues,
  carriedApiKeys,
  maskAccountNumber,
  maskRawBody,
  maskSecret,
  maxCarriedKeys,
  redactSecrets,
} from "@/lib/mask";
import { formatWon } from "@/lib/money";

const key = "sandbox-0123456789abcdef0123456";
const live = "live-9f8e7d6c5b4a39281706f5e4";

describe("masking", () => {
  it("masks an API key to its last four characters", () => {
    expect(maskSecret(key)).toBe("****3456");
    expect(maskSecret("short")).toBe("****");
    expect(maskSecret("****3456")).toBe("****3456");
    // Last four that could change the text's syntax are not shown.
    expect(maskSecret('0123456789ab"}\\x')).toBe("****");
  });

  it.each([
    ["JSON", `{"apiKey":"${key}","billId":"1"}`, '{"apiKey":"****3456","billId":"1"}'],
    [
      "JSON with blanks and v1's name",
      `{"apikey" : "live-key-with-\\"quote\\"-abcdef", broken`,
      '{"apikey" : "****cdef", broken',
    ],
    ["form-encoded", `billId=1&apiKey=${key}&apprState=F`, "billId=1&apiKey=****3456&apprState=F"],
    ["form-encoded, last", `billId=1&apikey=${key}`, "billId=1&apikey=****3456"],
    ["single quotes", `{'apiKey':'${key}','billId':'1',}`, "{'apiKey':'****3456','billId':'1',}"],
    ["bare names", `{apiKey: ${key}, billId: 1}`, "{apiKey: ****3456, billId: 1}"],
    ["snake case", `{"api_key":"${key}"}`, '{"api_key":"****3456"}'],
    ["an escaped name", `{"api\\u004bey":"${key}"}`, '{"api\\u004bey":"****3456"}'],
    ["an unterminated value", `{"apiKey":"${key.slice(0, 20)}`, '{"apiKey":"****'],
    [
      "an XML element",
      `<callback><apiKey>${key}</apiKey><billId>1</billId></callback>`,
      "<callback><apiKey>****3456</apiKey><billId>1</billId></callback>",
    ],
    [
      "an XML element with a prefix, attributes and blanks",
      `<p:api_key type="s"> ${key} </p:api_key>`,
      '<p:api_key type="s"> ****3456 </p:api_key>',
    ],
    ["an XML CDATA section", `<apiKey><![CDATA[${key}]]></apiKey>`, "<apiKey><![CDATA[****3456]]></apiKey>"],
    ["an XML attribute", `<callback apiKey="${key}" billId="1"/>`, '<callback apiKey="****3456" billId="1"/>'],
    [
      "a multipart part",
      `--x\r\nContent-Disposition: form-data; name="apiKey"\r\n\r\n${key}\r\n--x\r\nContent-Disposition: form-data; name="billId"\r\n\r\n1\r\n--x--\r\n`,
      '--x\r\nContent-Disposition: form-data; name="apiKey"\r\n\r\n****3456\r\n--x\r\nContent-Disposition: form-data; name="billId"\r\n\r\n1\r\n--x--\r\n',
    ],
    ["an array", `{"apiKey":["${key}","${live}"],"billId":"1"}`, '{"apiKey":["****3456","****f5e4"],"billId":"1"}'],
    [
      "a nested object",
      `{"apiKey":{"value":"${key}","n":[${key.length}]},"billId":"1"}`,
      '{"apiKey":{"value":"****3456","n":[****]},"billId":"1"}',
    ],
    ["an object nested in another", `{"a":{"b":[{"apiKey":"${key}"}]}}`, '{"a":{"b":[{"apiKey":"****3456"}]}}'],
  ])("masks the apiKey in %s", (_, body, masked) => {
    expect(maskRawBody(body)).toBe(masked);
  });

  it("leaves a body without a key as it was, byte for byte", () => {
    const body = '{ "billId" : "A1", "note": "apiKey is a word here", "n": [1, 2.5e3, null] }\n';
    expect(maskRawBody(body)).toBe(body);
    expect(maskRawBody(body, { secrets: [live] })).toBe(body);
  });

  it("redacts configured keys wherever they appear, escaped or percent-encoded too", () => {
    const escaped = live.replace("-", "\\u002d");
    expect(maskRawBody(`{"note":"key ${live} here","x":"${escaped}"}`, { secrets: [live] })).toBe(
      '{"note":"key ****f5e4 here","x":"****f5e4"}',
    );
    expect(maskRawBody(`memo=${encodeURIComponent(`a ${live}`)}`, { secrets: [live] })).toBe("memo=a ****f5e4");
    expect(maskRawBody(`{"${live}":1}`, { secrets: [live] })).toBe('{"****f5e4":1}');
    expect(redactSecrets(`billId ${live}`, [live])).toBe("billId ****f5e4");
  });

  it("redacts a configured key cut off at the end of a truncated head", () => {
    expect(maskRawBody(`{"memo":"${live.slice(0, 12)}`, { secrets: [live], truncated: true })).toBe('{"memo":"****');
    expect(maskRawBody(`{"apiKey":"${key}`, { truncated: true })).toBe('{"apiKey":"****');
  });

  it("finds the apiKey values in any syntax", () => {
    expect(apiKeyValues(`apiKey=${key}&x=1`)).toEqual([key]);
    expect(apiKeyValues(`<apiKey>${key}</apiKey>`)).toEqual([key]);
    expect(apiKeyValues(`{"apiKey":["${key}","${live}"]}`)).toEqual([key, live]);
    expect(apiKeyValues(`{'apikey': '${live}'}`)).toEqual([live]);
    expect(apiKeyValues('{"billId":"1"}')).toEqual([]);
  });

  it("carries a bounded number of distinct keys, of a plausible length", () => {
    const values = Array.from({ length: 40 }, (_, index) => `carried-${String(index).padStart(4, "0")}`);
    const body = ["apiKey=short", `apiKey=${"x".repeat(300)}`, ...values.map((value) => `apiKey=${value}`)].join("&");
    expect(carriedApiKeys(body)).toEqual(values.slice(0, maxCarriedKeys));
    expect(carriedApiKeys(`apiKey=${key}&apiKey=${key}`)).toEqual([key]);
    expect(maskRawBody(body)).not.toMatch(/carried-\d/);
  });

  it("redacts a carried key elsewhere in the body, in one pass over any number of secrets", () => {
    const body = `<a><apiKey>${key}</apiKey><memo>was ${key}</memo></a>`;
    expect(maskRawBody(body, { secrets: [key] })).toBe("<a><apiKey>****3456</apiKey><memo>was ****3456</memo></a>");
    const many = Array.from({ length: 500 }, (_, index) => `secret-number-${index}`);
    expect(redactSecrets(`x secret-number-499 y secret-number-4990`, many)).toBe("x ****-499 y ****-4990");
  });

  test.prop(
    [
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.constantFrom(key, live),
    ],
    {
      numRuns: 300,
    },
  )("never leaves a configured key in the text, whatever surrounds it", (before, after, secret) => {
    for (const text of [
      `${before}${secret}${after}`,
      `${before}"apiKey":"${secret}"${after}`,
      `${before}apiKey=${secret}&${after}`,
    ]) {
      expect(maskRawBody(text, { secrets: [key, live] })).not.toContain(secret);
    }
  });

  it("shows only the last four digits of a card or account number", () => {
    expect(maskAccountNumber("433012******1234")).toBe("************1234");
    expect(maskAccountNumber("110-123-456789")).toBe("**********6789");
    expect(maskAccountNumber("12")).toBe("****12");
  });

  it("formats won", () => {
    expect(formatWon(12340)).toBe("₩12,340");
    expect(formatWon(0)).toBe("₩0");
  });
});
