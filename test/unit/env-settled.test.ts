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
  it.each([
    {
      when: "in production, keeps the configuration it read: later changes to process.env are not seen",
      nodeEnv: "production",
      read: "settled-token-0123456789abcdef",
      changed: "changed-token-0123456789abcdef",
      seen: "settled-token-0123456789abcdef",
    },
    {
      when: "outside production, settles nothing: a changed value is read again",
      nodeEnv: "development",
      read: "first",
      changed: "second",
      seen: "second",
    },
  ] as const)("$when", ({ nodeEnv, read, changed, seen }) => {
    vi.stubEnv("NODE_ENV", nodeEnv);
    vi.stubEnv("CALLBACK_TOKEN", read);
    expect(settleEnv().CALLBACK_TOKEN).toEqual([read]);
    vi.stubEnv("CALLBACK_TOKEN", changed);
    expect(env().CALLBACK_TOKEN).toEqual([seen]);
  });

  it("refuses an invalid configuration as env() does", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("CALLBACK_TOKEN", "short");
    expect(() => settleEnv()).toThrow(/CALLBACK_TOKEN: entry 1 is 5 characters/);
    vi.stubEnv("CALLBACK_TOKEN", "long-enough-token-0123456789");
    expect(env().CALLBACK_TOKEN).toEqual(["long-enough-token-0123456789"]);
  });
});
