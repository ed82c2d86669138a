import { z } from "zod";
import { type RetryState, retryStateLabels } from "@/lib/callbacks/retry-deadlines";
import { dashboardList } from "./list";

// The one parser of /retry-deadlines' URL. Episodes are built in memory from a bounded window
// (see db/queries/retry-deadlines.ts), so a page is a slice of that list.

// Up to two weeks: PaySsam's deadline is a day, and older refusals are in the callback log. The
// window bounds the work (one index probe per refused subject).
export const retryWindows = [1, 3, 7, 14] as const;
export const retryPageSize = 50;

const retryStates = Object.keys(retryStateLabels) as [RetryState, ...RetryState[]];

export const retryDeadlinesSearchSchema = z.object({
  state: z.enum(retryStates).optional().catch(undefined),
  days: z.coerce
    .number()
    .int()
    .refine((days) => (retryWindows as readonly number[]).includes(days))
    .catch(7),
  // Not "page": that key is reserved for keyset cursors (parseSearchParams resets it without one).
  p: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type RetryFilters = z.output<typeof retryDeadlinesSearchSchema>;

export const retryDeadlinesList = dashboardList("/retry-deadlines", retryDeadlinesSearchSchema, [], {
  pagePosition: ["p"],
});

export const {
  defaults: retryDeadlinesDefaults,
  parse: parseRetryDeadlinesSearch,
  queryString: retryDeadlinesQueryString,
} = retryDeadlinesList;
