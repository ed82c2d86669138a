// How hard guessing a staff password is made, as numbers (docs/sign-in.md lists them).
// Pure: lib/auth/throttle.ts reads the counts from the database and asks decideSignInAttempt().
//
// The unit is one account *from one client*: failures from one place slow that place down for that
// account and nobody else, so guessing at a colleague's email cannot lock the colleague out.

export const signInThrottle = {
  /** Requests to the sign-in endpoint per client per minute, whatever the account (Better Auth's limiter). */
  requestsPerMinutePerClient: 10,
  /** Failures per (account, client) that cost nothing: typos. */
  freeFailures: 5,
  /** The wait after the next failure; it doubles with each further one … */
  firstDelaySeconds: 60,
  /** … up to this. */
  maxDelaySeconds: 30 * 60,
  /** A (account, client) count starts over after this long without a failure (a success clears it at once). */
  forgetAfterSeconds: 24 * 60 * 60,
  /** One client's failures over all accounts it failed on within the last hour: above this it is refused everywhere. */
  clientFailuresPerHour: 30,
  /** One account's failures from all clients within the last hour: above this the account is under attack … */
  accountFailuresPerHour: 50,
  /** … and every client that has failed on it waits this long after its last failure (clients that never failed do not). */
  underAttackDelaySeconds: 15 * 60,
} as const;

/** Seconds before the next attempt is allowed after `failures` consecutive failures of one (account, client). */
export function delayAfterFailures(failures: number): number {
  const { freeFailures, firstDelaySeconds, maxDelaySeconds } = signInThrottle;
  if (failures < freeFailures) return 0;
  // 2 ** 20 is already far past the cap; the exponent is bounded so huge counts cannot overflow.
  return Math.min(maxDelaySeconds, firstDelaySeconds * 2 ** Math.min(failures - freeFailures, 20));
}

/** What the database says about one attempt, before it is made. Seconds are relative to now. */
export interface SignInAttemptState {
  /** Consecutive failures of this (account, client) not yet forgotten; 0 when none. */
  pairFailures: number;
  /** Seconds until this (account, client) may try again (≤ 0: now). */
  pairWaitSeconds: number;
  /** Seconds since this (account, client)'s last failure; null when none. */
  pairSinceFailureSeconds: number | null;
  /** This client's failures over every account it failed on within the last hour. */
  clientHourFailures: number;
  /** Seconds since this client's latest failure on any account; null when none in the hour. */
  clientSinceFailureSeconds: number | null;
  /** This account's failures from every client within the last hour. */
  accountHourFailures: number;
}

export type SignInAttemptDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; reason: "account-client" | "client" | "account-under-attack" };

const wait = (seconds: number) => Math.max(1, Math.ceil(seconds));

export function decideSignInAttempt(state: SignInAttemptState): SignInAttemptDecision {
  const policy = signInThrottle;
  if (state.pairWaitSeconds > 0) {
    return { allowed: false, retryAfterSeconds: wait(state.pairWaitSeconds), reason: "account-client" };
  }
  if (state.clientHourFailures >= policy.clientFailuresPerHour && state.clientSinceFailureSeconds !== null) {
    return {
      allowed: false,
      retryAfterSeconds: wait(3600 - state.clientSinceFailureSeconds),
      reason: "client",
    };
  }
  if (
    state.accountHourFailures >= policy.accountFailuresPerHour &&
    state.pairFailures > 0 &&
    state.pairSinceFailureSeconds !== null &&
    state.pairSinceFailureSeconds < policy.underAttackDelaySeconds
  ) {
    return {
      allowed: false,
      retryAfterSeconds: wait(policy.underAttackDelaySeconds - state.pairSinceFailureSeconds),
      reason: "account-under-attack",
    };
  }
  return { allowed: true };
}

/**
 * The client part of the key: the trusted client address, with an IPv6 address cut to its /64
 * (one household or server gets a whole /64, so counting single IPv6 addresses would let one
 * attacker pose as 2^64 clients). Unknown addresses share one key.
 */
export function throttleClientKey(address: string | null): string {
  if (!address) return "unknown";
  const withoutZone = address.replace(/%.*$/, "").toLowerCase();
  if (!withoutZone.includes(":")) return withoutZone.slice(0, 64);
  const groups = expandIpv6(withoutZone);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : withoutZone.slice(0, 64);
}

function expandIpv6(address: string): string[] | null {
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const split = (part: string) => (part === "" ? [] : part.split(":"));
  const head = split(halves[0]);
  const tail = halves.length === 2 ? split(halves[1]) : [];
  // An IPv4 tail (::ffff:1.2.3.4) counts as two groups; only the /64 prefix is kept anyway.
  const tailGroups = tail.length > 0 && tail[tail.length - 1].includes(".") ? tail.length + 1 : tail.length;
  const missing = 8 - head.length - tailGroups;
  if (halves.length === 1 ? head.length !== 8 : missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.slice(0, 4).every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? group.replace(/^0+(?=.)/, "") : group));
}
