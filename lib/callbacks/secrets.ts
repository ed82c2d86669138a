import { createHash, timingSafeEqual } from "node:crypto";

// Compare digests, not the secrets: equal lengths always, so unequal input lengths neither
// throw nor leak through timing.
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), acceptedDigest(expected));
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

// The accepted secrets come from the environment (a few entries): each one's digest is computed
// once, not on every callback. Which are cached says nothing about the given value.
const acceptedDigests = new Map<string, Buffer>();

function acceptedDigest(secret: string): Buffer {
  let known = acceptedDigests.get(secret);
  if (!known) {
    if (acceptedDigests.size >= 64) acceptedDigests.clear();
    known = digest(secret);
    acceptedDigests.set(secret, known);
  }
  return known;
}

/**
 * Whether `given` is one of `accepted` (URL tokens during a rotation, PaySsam API keys). Every
 * entry is compared, so the time taken does not say which one matched, or how many there are
 * before it.
 */
export function matchesAnySecret(given: string | null, accepted: readonly string[]): boolean {
  return matchingSecretIndex(given, accepted) !== -1;
}

/** Which of `accepted` `given` is (0-based), or -1; every entry is compared, as above. */
export function matchingSecretIndex(given: string | null, accepted: readonly string[]): number {
  let matched = -1;
  const givenDigest = digest(given ?? "");
  accepted.forEach((secret, index) => {
    if (timingSafeEqual(givenDigest, acceptedDigest(secret)) && matched === -1) matched = index;
  });
  return given === null ? -1 : matched;
}
