import { describe, expect, it } from "vitest";
import { maskAccountNumber, maskRawBody, maskSecret } from "@/lib/mask";
import { formatWon } from "@/lib/money";

describe("masking", () => {
  it("masks an API key to its last four characters", () => {
    expect(maskSecret("sandbox-0123456789abcdef0123456")).toBe("****3456");
    expect(maskSecret("short")).toBe("****");
    expect(maskSecret("****3456")).toBe("****3456");
  });

  it("masks apiKey and apikey values in raw bodies, valid JSON or not", () => {
    expect(maskRawBody('{"apiKey":"sandbox-0123456789abcdef0123456","billId":"1"}')).toBe(
      '{"apiKey":"****3456","billId":"1"}',
    );
    expect(maskRawBody('{"apikey" : "live-key-with-\\"quote\\"-abcdef", broken')).toBe(
      '{"apikey" : "****cdef", broken',
    );
    expect(maskRawBody("a\u0000b")).toBe("a\\u0000b");
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
