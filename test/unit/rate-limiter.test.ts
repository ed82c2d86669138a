import { describe, expect, it } from "vitest";
import { rateLimiter } from "@/lib/payssam/client";

// The reconciliation pass's duration is what the rate implies only if the limiter keeps the rate
// over thousands of requests: its turns are fixed slots 1/rate apart, so a timer that fires late
// delays one request, not every one after it.
describe("rateLimiter", () => {
  it("keeps 1,000 requests a second from many callers within a few percent over 2 seconds", async () => {
    const rate = 1000;
    const turns = 2000;
    const wait = rateLimiter(rate);
    let taken = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 60 }, async () => {
        while (taken < turns) {
          taken++;
          await wait();
          // The request itself: a few milliseconds of something else.
          await new Promise((resolve) => setTimeout(resolve, 2 + (taken % 7)));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeGreaterThanOrEqual((turns - 1) / rate);
    expect(seconds).toBeLessThan((turns / rate) * 1.08);
  });

  it("never lets two requests closer than 1/rate apart on average over a burst", async () => {
    const wait = rateLimiter(200);
    const started = performance.now();
    await Promise.all(Array.from({ length: 101 }, () => wait()));
    // 101 callers at once: the first goes now, the last 100 slots (500 ms) later.
    expect(performance.now() - started).toBeGreaterThanOrEqual(495);
  });
});
