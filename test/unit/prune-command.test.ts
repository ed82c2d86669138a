import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { UsageError } from "@/scripts/cli";
import { parsePruneCommand } from "@/scripts/prune/command";

// `npm run db:prune` arguments: every command line either parses into bounded numbers or is refused
// with a usage error (exit 2), never a crash or an unbounded batch.

describe("parsePruneCommand", () => {
  it("defaults to a full run in batches of 2,000", () => {
    expect(parsePruneCommand([])).toEqual({ help: false, dryRun: false, batchSize: 2000, maxSeconds: null });
    expect(parsePruneCommand(["--dry-run", "--batch-size", "500", "--max-seconds=60"])).toEqual({
      help: false,
      dryRun: true,
      batchSize: 500,
      maxSeconds: 60,
    });
    expect(parsePruneCommand(["-h"])).toEqual({ help: true });
  });

  it("refuses what it cannot honour, naming the flag", () => {
    for (const [argv, message] of [
      [["--batch-size", "0"], /--batch-size must be a whole number from 100 to 50000/],
      [["--batch-size", "1e3"], /--batch-size/],
      [["--max-seconds", "-5"], /--max-seconds/],
      [["now"], /Unexpected argument "now"/],
    ] as const) {
      expect(() => parsePruneCommand([...argv]), argv.join(" ")).toThrow(message);
    }
    expect(() => parsePruneCommand(["--force"])).toThrow(/Unknown option/);
  });

  test.prop([
    fc.array(fc.oneof(fc.constantFrom("--dry-run", "--batch-size", "--max-seconds", "-h"), fc.string()), {
      maxLength: 6,
    }),
  ])("any argv parses within bounds or is a usage error", (argv) => {
    let parsed: ReturnType<typeof parsePruneCommand>;
    try {
      parsed = parsePruneCommand(argv);
    } catch (error) {
      const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
      expect(usage, String(error)).toBe(true);
      return;
    }
    if (parsed.help) return;
    expect(parsed.batchSize).toBeGreaterThanOrEqual(100);
    expect(parsed.batchSize).toBeLessThanOrEqual(50_000);
    expect(parsed.maxSeconds === null || (parsed.maxSeconds >= 1 && parsed.maxSeconds <= 86_400)).toBe(true);
  });
});
