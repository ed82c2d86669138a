import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { carriedApiKeys, maskBody, maskRawBody } from "@/lib/mask";

// maskBody lexes a callback's body once and answers both what maskRawBody stores and the secrets
// it redacted (the configured keys and those the body carries). For any text, in any of the
// syntaxes the masker knows, it must answer exactly what the two separate calls answer.

const key = fc.stringMatching(/^[A-Za-z0-9+/=_-]{4,24}$/);
const fragment = fc.oneof(
  fc.constantFrom('{"apiKey":"', '"apikey":', "'api_key':'", "apiKey=", "&", '"', "'", ",", "}", "[", "]", ":"),
  fc.constantFrom("<apiKey>", "</apiKey>", "<![CDATA[", "]]>", 'name="apiKey"\r\n\r\n', "%41piKey=", "\\u0061piKey"),
  key,
  fc.string({ maxLength: 12 }),
);
const body = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(""));

describe("maskBody", () => {
  it("answers what carriedApiKeys and maskRawBody answer, for any body and configured keys", () => {
    fc.assert(
      fc.property(body, fc.array(key, { maxLength: 3 }), (text, configured) => {
        const secrets = [...new Set([...configured, ...carriedApiKeys(text)])];
        expect(maskBody(text, configured)).toStrictEqual({ masked: maskRawBody(text, { secrets }), secrets });
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the key an approval carries and redacts it where it appears again", () => {
    const { masked, secrets } = maskBody('{"apiKey":"K1234567890abcd","memo":"K1234567890abcd"}', []);
    expect(secrets).toEqual(["K1234567890abcd"]);
    expect(masked).toBe('{"apiKey":"****abcd","memo":"****abcd"}');
  });
});
