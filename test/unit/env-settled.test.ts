import { afterEach, describe, expect, it, vi } from "vitest";
import { env, settleEnv } from "@/lib/env";

// A started production server reads its environment once (settleEnv from instrumentation.ts);
// everything else keeps seeing changes, which these tests themselves rely on.

const settledHolder = globalThis as unknown as Record<symbol, unknown>;

afterEach(() => {
  delete settledHolder[Symbol.for("payssam.settledEnv")];
  vi.unstubAllEnvs();
});

describe("settleEnv", () => {
  it("in production, keeps the configuration it read: later changes to process.env are not seen", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CALLBACK_TOKEN", "settled-token-0123456789abcdef");
    expect(settleEnv().CALLBACK_TOKEN).toEqual(["settled-token-0123456789abcdef"]);
    vi.stubEnv("CALLBACK_TOKEN", "changed-token-0123456789abcdef");
    expect(env().CALLBACK_TOKEN).toEqual(["settled-token-0123456789abcdef"]);
  });

  it("outside production, settles nothing: a changed value is read again", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("CALLBACK_TOKEN", "first");
    expect(settleEnv().CALLBACK_TOKEN).toEqual(["first"]);
    vi.stubEnv("CALLBACK_TOKEN", "second");
    expect(env().CALLBACK_TOKEN).toEqual(["second"]);
  });

  it("refuses an invalid configuration as env() does", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CALLBACK_TOKEN", "short");
    expect(() => settleEnv()).toThrow(/CALLBACK_TOKEN: entry 1 is 5 characters/);
    vi.stubEnv("CALLBACK_TOKEN", "long-enough-token-0123456789");
    expect(env().CALLBACK_TOKEN).toEqual(["long-enough-token-0123456789"]);
  });
});
