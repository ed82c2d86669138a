import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseBulkArgs } from "@/scripts/seed/bulk-cli";

// The bulk seed's command line (npm run db:seed -- --approvals N --merchants M).

describe("bulk seed command line", () => {
  const defaults = { approvals: 10, merchants: 2 };

  test.prop([fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 1, max: 1_000_000 })])(
    "reads counts written plainly or grouped with commas and underscores",
    (approvals, merchants) => {
      const grouped = approvals.toLocaleString("en").replaceAll(",", approvals % 2 === 0 ? "," : "_");
      const { options } = parseBulkArgs(["--approvals", grouped, `--merchants=${merchants}`], defaults);
      expect(options.approvals).toBe(approvals);
      expect(options.merchants).toBe(merchants);
    },
  );

  test.prop([fc.string().filter((value) => !/^\d[\d,_]*$/.test(value))])(
    "refuses a count that is not a whole number",
    (value) => {
      expect(() => parseBulkArgs(["--approvals", value, "--merchants", "5"], defaults)).toThrow();
    },
  );

  it("refuses approvals without merchants to bill them, zero threads and unknown options", () => {
    for (const value of ["", " ", "1e3", "-5", "0x10", "5 "]) {
      expect(() => parseBulkArgs([`--approvals=${value}`, "--merchants", "5"], defaults)).toThrow(/whole number/);
    }
    expect(() => parseBulkArgs(["--approvals", "5", "--merchants", "0"], defaults)).toThrow(/merchants/);
    expect(() => parseBulkArgs(["--threads", "0"], defaults)).toThrow(/threads/);
    expect(() => parseBulkArgs(["--approval", "5"], defaults)).toThrow();
  });
});
