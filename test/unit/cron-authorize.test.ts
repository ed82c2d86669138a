import { fc, test } from "@fast-check/vitest";
import { afterEach, describe, expect, it, vi } from "vitest";
import { refuseUnlessCron } from "@/lib/cron/authorize";

// Vercel Cron's `Authorization: Bearer <CRON_SECRET>`: the one header that lets a scheduled job run.

const secret = "cron-secret-for-tests-0123456789";

function request(authorization: string | undefined) {
  return new Request("http://localhost/api/cron/prune", {
    headers: authorization === undefined ? {} : { authorization },
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("refuseUnlessCron", () => {
  it("lets Vercel Cron's header through", () => {
    vi.stubEnv("CRON_SECRET", secret);
    expect(refuseUnlessCron(request(`Bearer ${secret}`))).toBeNull();
  });

  it("refuses everything while CRON_SECRET is unset, never skipping the check", async () => {
    vi.stubEnv("CRON_SECRET", "");
    for (const header of [undefined, "", "Bearer ", "Bearer undefined", `Bearer ${secret}`]) {
      const refused = refuseUnlessCron(request(header));
      expect(refused?.status).toBe(503);
      expect(await refused?.json()).toMatchObject({ status: "not_configured" });
    }
  });

  test.prop([fc.string({ maxLength: 300 }), fc.constantFrom("", "Bearer ", "bearer ", `Bearer ${secret}`)], {
    numRuns: 300,
  })("any other Authorization header is refused with 401", (noise, prefix) => {
    const header = prefix + noise;
    fc.pre(header !== `Bearer ${secret}`);
    vi.stubEnv("CRON_SECRET", secret);
    let candidate: Request;
    try {
      candidate = request(header);
    } catch {
      return; // not a valid header value: no request can carry it
    }
    // Header values lose surrounding whitespace on the way in; that one is the real secret again.
    fc.pre(candidate.headers.get("authorization") !== `Bearer ${secret}`);
    expect(refuseUnlessCron(candidate)?.status).toBe(401);
  });
});
