import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  decideSignInAttempt,
  delayAfterFailures,
  type SignInAttemptState,
  signInThrottle,
  throttleClientKey,
} from "@/lib/auth/throttle-policy";

// The sign-in throttle's numbers and rules, without a database (sign-in-throttle.test.ts runs
// them through the real endpoint).

const calm: SignInAttemptState = {
  pairFailures: 0,
  pairWaitSeconds: 0,
  pairSinceFailureSeconds: null,
  clientHourFailures: 0,
  clientSinceFailureSeconds: null,
  accountHourFailures: 0,
};

/** Attempts one (account, client) gets in `hours` when it tries again the moment it may. */
function attemptsWithin(hours: number): number {
  let clock = 0;
  let attempts = 0;
  while (clock <= hours * 3600) {
    attempts += 1;
    clock += delayAfterFailures(attempts);
  }
  return attempts;
}

describe("sign-in throttle policy", () => {
  it("grows the delay: free typos, then 1, 2, 4, 8, 16 minutes, then every 30 minutes", () => {
    expect([1, 2, 3, 4].map(delayAfterFailures)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 1000].map(delayAfterFailures)).toEqual([60, 120, 240, 480, 960, 1800, 1800, 1800]);
  });

  it("allows 10 guesses in the first hour, 56 in a day, then 2 an hour, per account and client", () => {
    expect(attemptsWithin(1)).toBe(10);
    expect(attemptsWithin(24)).toBe(56);
    expect(attemptsWithin(25) - attemptsWithin(24)).toBe(2);
  });

  it("lets a calm attempt through and holds one that must wait", () => {
    expect(decideSignInAttempt(calm)).toEqual({ allowed: true });
    expect(decideSignInAttempt({ ...calm, pairFailures: 5, pairWaitSeconds: 59.2 })).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      reason: "account-client",
    });
  });

  it("refuses a client that failed too often on any accounts within the hour", () => {
    const spraying = {
      ...calm,
      clientHourFailures: signInThrottle.clientFailuresPerHour,
      clientSinceFailureSeconds: 600,
    };
    expect(decideSignInAttempt(spraying)).toEqual({ allowed: false, retryAfterSeconds: 3000, reason: "client" });
  });

  it("under attack, slows clients that failed on the account, never one that did not", () => {
    const attacked = { ...calm, accountHourFailures: signInThrottle.accountFailuresPerHour };
    expect(decideSignInAttempt(attacked)).toEqual({ allowed: true });
    expect(decideSignInAttempt({ ...attacked, pairFailures: 1, pairSinceFailureSeconds: 100 })).toEqual({
      allowed: false,
      retryAfterSeconds: signInThrottle.underAttackDelaySeconds - 100,
      reason: "account-under-attack",
    });
    expect(
      decideSignInAttempt({
        ...attacked,
        pairFailures: 1,
        pairSinceFailureSeconds: signInThrottle.underAttackDelaySeconds,
      }),
    ).toEqual({ allowed: true });
  });

  test.prop([fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 })])(
    "delays never shrink and never exceed the cap",
    (a, b) => {
      const [fewer, more] = a <= b ? [a, b] : [b, a];
      expect(delayAfterFailures(fewer)).toBeLessThanOrEqual(delayAfterFailures(more));
      expect(delayAfterFailures(more)).toBeLessThanOrEqual(signInThrottle.maxDelaySeconds);
    },
  );

  test.prop([
    fc.record({
      pairFailures: fc.nat({ max: 100 }),
      pairWaitSeconds: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      pairSinceFailureSeconds: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
      clientHourFailures: fc.nat({ max: 1000 }),
      clientSinceFailureSeconds: fc.option(fc.double({ min: 0, max: 3600, noNaN: true })),
      accountHourFailures: fc.nat({ max: 10_000 }),
    }),
  ])("a client that never failed anywhere is never held back by an attack on the account", (state) => {
    const fresh = {
      ...state,
      pairFailures: 0,
      pairWaitSeconds: 0,
      pairSinceFailureSeconds: null,
      clientHourFailures: 0,
    };
    expect(decideSignInAttempt(fresh)).toEqual({ allowed: true });
    const decision = decideSignInAttempt(state);
    if (!decision.allowed) {
      expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(decision.retryAfterSeconds).toBeLessThanOrEqual(1e6 + 1);
    }
  });
});

describe("throttleClientKey", () => {
  // IPv4 by address, IPv6 by its /64, and unknown clients together.
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2:ffff:eeee:dddd:cccc", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::9%eth0", "2001:db8:1:2::/64"],
    ["::1", "0:0:0:0::/64"],
    [null, "unknown"],
  ])("keys %s as %s", (address, key) => {
    expect(throttleClientKey(address)).toBe(key);
  });

  const group = fc.integer({ min: 0, max: 0xffff }).map((value) => value.toString(16));
  test.prop([fc.array(group, { minLength: 8, maxLength: 8 }), fc.array(group, { minLength: 4, maxLength: 4 })])(
    "two IPv6 addresses share a key exactly when they share a /64",
    (address, otherTail) => {
      const other = [...address.slice(0, 4), ...otherTail];
      expect(throttleClientKey(address.join(":"))).toBe(throttleClientKey(other.join(":")));
      const elsewhere = [...address];
      elsewhere[3] = ((Number.parseInt(address[3], 16) + 1) % 0x10000).toString(16);
      expect(throttleClientKey(elsewhere.join(":"))).not.toBe(throttleClientKey(address.join(":")));
      expect(throttleClientKey(address.join(":")).length).toBeLessThanOrEqual(64);
    },
  );
});
