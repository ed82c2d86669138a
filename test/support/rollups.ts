import { fc } from "@fast-check/vitest";
import type { CallbackEndpointPath } from "@/lib/callbacks/endpoints";
import { sendBatches } from "./callbacks";

// The rollup tables the receiver keeps beside its rows (daily totals, status counts) are checked
// the same way: emptied, fed random batches of callbacks with racing retries, then compared with a
// full count.

/** From one to `batches` batches, sent one after another, of one to `size` callbacks sent at once. */
export function batchesOf<Callback>(callback: fc.Arbitrary<Callback>, size: number, batches: number) {
  return fc.array(fc.array(callback, { minLength: 1, maxLength: size }), { minLength: 1, maxLength: batches });
}

/**
 * For any `batches` (each sent at once, one after another, as sendBatches does) on emptied tables
 * (`reset`), `expectExact` holds.
 */
export async function assertRollupAfterRandomBatches<Callback extends { copies: number }>(
  endpoint: CallbackEndpointPath,
  batches: fc.Arbitrary<Callback[][]>,
  payloadOf: (callback: Callback) => unknown,
  reset: () => Promise<unknown>,
  expectExact: () => Promise<void>,
) {
  await fc.assert(
    fc.asyncProperty(batches, async (run) => {
      await reset();
      await sendBatches(endpoint, run, payloadOf);
      await expectExact();
    }),
    { numRuns: 20 },
  );
}
