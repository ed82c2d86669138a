import { createHash, timingSafeEqual } from "node:crypto";

// Compare digests, not the secrets: equal lengths always, so unequal input lengths neither
// throw nor leak through timing.
export function secretsEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function isAcceptedApiKey(given: string | null, acceptedKeys: string[]): boolean {
  let accepted = false;
  // Every key is compared, so the time taken does not say which one matched.
  for (const key of acceptedKeys) accepted = secretsEqual(given ?? "", key) || accepted;
  return accepted && given !== null;
}
