import { afterEach, describe, expect, it, vi } from "vitest";
import { env, minCallbackTokenLength } from "@/lib/env";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("CALLBACK_TOKEN", () => {
  it("is a comma-separated list, the first being the current one", () => {
    vi.stubEnv("CALLBACK_TOKEN", " new-token-0123456789abcdef ,old-token-0123456789abcdef,, ");
    expect(env().CALLBACK_TOKEN).toEqual(["new-token-0123456789abcdef", "old-token-0123456789abcdef"]);
    vi.stubEnv("CALLBACK_TOKEN", "");
    expect(env().CALLBACK_TOKEN).toEqual([]);
  });

  it(`refuses in production any entry shorter than ${minCallbackTokenLength} characters, without printing it`, () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CALLBACK_TOKEN", "long-enough-token-0123456789,short-secret");
    expect(() => env()).toThrow(
      /CALLBACK_TOKEN: entry 2 is 12 characters; in production every token must be at least 24/,
    );
    try {
      env();
    } catch (error) {
      expect((error as Error).message).not.toContain("short-secret");
    }
    vi.stubEnv("CALLBACK_TOKEN", "long-enough-token-0123456789");
    expect(env().CALLBACK_TOKEN).toHaveLength(1);
  });

  it("allows short tokens outside production (tests, local development)", () => {
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("CALLBACK_TOKEN", "short");
    expect(env().CALLBACK_TOKEN).toEqual(["short"]);
  });
});
