import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseFlags, UsageError, wholeNumberFlag } from "@/scripts/cli";
import { parseBulkArgs } from "@/scripts/seed/bulk-cli";
import { parseSimulateArgs } from "@/scripts/simulate/args";

// The scripts' command lines are an input boundary: whatever is typed either parses into bounded
// values or is a usage error (exit 2 with the usage text), never a crash or a silently odd number.

const isUsageError = (error: unknown) =>
  error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") === true;

describe("command-line arguments", () => {
  test.prop([fc.string(), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.boolean()])(
    "a whole-number flag is within its bounds or a usage error naming the flag",
    (value, a, b, grouped) => {
      const [min, max] = a <= b ? [a, b] : [b, a];
      let parsed: number | undefined;
      try {
        parsed = wholeNumberFlag("--n", value, { min, max, grouped });
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).toContain("--n");
        return;
      }
      expect(Number.isSafeInteger(parsed)).toBe(true);
      expect(parsed).toBeGreaterThanOrEqual(min);
      expect(parsed).toBeLessThanOrEqual(max);
      expect(String(parsed)).toBe(value.replaceAll(/[,_]/g, "").replace(/^0+(?=\d)/, ""));
    },
  );

  test.prop([
    fc.array(fc.oneof(fc.constantFrom("--a", "--b", "--c", "-h", "--help", "x"), fc.string()), { maxLength: 6 }),
  ])("flags are only the ones named: anything else is refused", (argv) => {
    try {
      const { values, positionals } = parseFlags(argv, { strings: ["a"], booleans: ["b"], lists: ["c"] });
      expect(positionals).toEqual([]);
      expect(Object.keys(values).every((key) => ["a", "b", "c", "help"].includes(key))).toBe(true);
    } catch (error) {
      expect(isUsageError(error), String(error)).toBe(true);
    }
  });

  test.prop([
    fc.array(
      fc.oneof(
        fc.constantFrom(
          "--approvals",
          "--merchants",
          "--threads",
          "--years",
          "--bills",
          "--open-bills",
          "--restore-indexes",
        ),
        fc.stringMatching(/^[\d,_]{1,8}$/),
        fc.string(),
      ),
      { maxLength: 8 },
    ),
  ])("the bulk seed's command line gives whole counts or a usage error", (argv) => {
    let parsed: ReturnType<typeof parseBulkArgs>;
    try {
      parsed = parseBulkArgs(argv, { approvals: 10, merchants: 2 });
    } catch (error) {
      expect(isUsageError(error), String(error)).toBe(true);
      return;
    }
    const { options, bills } = parsed;
    for (const value of [options.approvals, options.merchants, bills.bills, bills.openBills]) {
      expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
    }
    expect(options.threads === undefined || options.threads >= 1).toBe(true);
    expect(options.approvals === 0 || options.merchants >= 1).toBe(true);
  });

  test.prop([
    fc.array(
      fc.oneof(
        fc.constantFrom(
          "approval",
          "auth-mapping",
          "--count",
          "--fake-payssam",
          "http://127.0.0.1:3261",
          "--register",
          "--withhold-rate",
          "--mismatch-rate",
          "--unpaid",
          "--billers",
          "--reconcile",
          "--dry-run",
          "--duplicate-rate",
        ),
        fc.stringMatching(/^(\d{1,3}|0?\.\d{1,2}|1)$/),
        fc.string(),
      ),
      { maxLength: 10 },
    ),
  ])("the simulator's command line is a consistent plan or a usage error", (argv) => {
    let parsed: ReturnType<typeof parseSimulateArgs>;
    try {
      parsed = parseSimulateArgs(argv);
    } catch (error) {
      expect(isUsageError(error), String(error)).toBe(true);
      return;
    }
    if (parsed.help) return;
    expect(parsed.withholdRate >= 0 && parsed.mismatchRate >= 0).toBe(true);
    expect(parsed.withholdRate + parsed.mismatchRate).toBeLessThanOrEqual(1);
    expect(parsed.duplicateRate >= 0 && parsed.duplicateRate <= 0.9).toBe(true);
    // What a reconciliation pass could never find is refused, not silently planted.
    if (parsed.withholdRate > 0 || parsed.unpaid > 0) expect(parsed.register && parsed.fakePayssam).toBeTruthy();
    if (parsed.mismatchRate > 0) expect(parsed.fakePayssam).not.toBeNull();
    if (parsed.dryRun) expect(parsed.register || parsed.reconcile || parsed.fakePayssam !== null).toBe(false);
    if (parsed.endpoint === "auth-mapping") {
      expect(parsed.register || parsed.reconcile || parsed.fakePayssam !== null).toBe(false);
    }
    expect(Number.isSafeInteger(parsed.count) && parsed.count >= 1).toBe(true);
  });
});
