import { createHash, timingSafeEqual } from "node:crypto";

// Compare digests, not the secrets: equal lengths always, so unequal input lengths neither
// throw nor leak through timing.
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether `given` is one of `accepted` (URL tokens during a rotation, PaySsam API keys). Every
 * entry is compared, so the time taken does not say which one matched, or how many there are
 * before it.
 */
export function matchesAnySecret(given: string | null, accepted: readonly string[]): boolean {
  let matched = false;
  for (const secret of accepted) matched = secretsEqual(given ?? "", secret) || matched;
  return matched && given !== null;
}
