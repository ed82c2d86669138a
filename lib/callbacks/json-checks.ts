import { unstorableCharacter } from "./storable-text";

// Checks on a body's JSON that must not recurse: a body is up to 1 MiB, enough for 500,000 levels
// of nesting, and any recursive walk (ours, zod's, JSON.stringify's) would overflow the stack.

/** Objects and arrays may nest this deep, the body itself being level 1. PaySsam's deepest is 3. */
export const maxNestingDepth = 32;

/**
 * The character offset at which the text's objects and arrays go deeper than `limit`, or -1.
 * A scan of the brackets outside strings, before JSON.parse, so a deep body costs one pass.
 */
export function excessiveNestingOffset(text: string, limit = maxNestingDepth): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return index;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return -1;
}

export interface UnstorableMember {
  /** Dotted path to the member, e.g. `udItem.note` or `merchant.companyName`; "" for the body. */
  path: string;
  message: string;
}

/**
 * Whether the value parsed from this JSON text could hold a NUL or an unpaired surrogate: only
 * through a `\u` escape, or when the text itself holds one (a string cannot split a surrogate pair
 * of the text: its quotes are ASCII). When not, findUnstorableMember has nothing to find, and a
 * callback is spared its walk of every member.
 */
export function mayHoldUnstorable(text: string): boolean {
  return text.includes("\\u") || unstorableCharacter(text) !== null;
}

/**
 * The first member (key or value, depth first) holding a NUL or an unpaired surrogate: JSON allows
 * them as escapes (`\u0000`, `\ud800`), PostgreSQL cannot store them.
 */
export function findUnstorableMember(value: unknown): UnstorableMember | null {
  const pending: { value: unknown; path: string; key: string | null }[] = [{ value, path: "", key: null }];
  while (pending.length > 0) {
    const current = pending.pop() as (typeof pending)[number];
    const keyProblem = current.key === null ? null : unstorableCharacter(current.key);
    if (keyProblem) return { path: current.path, message: `has a name that ${keyProblem}` };
    if (typeof current.value === "string") {
      const problem = unstorableCharacter(current.value);
      if (problem) return { path: current.path, message: problem };
      continue;
    }
    if (typeof current.value !== "object" || current.value === null) continue;
    const members = Object.entries(current.value);
    // Pushed in reverse, so members are visited in the order they were sent.
    for (let index = members.length - 1; index >= 0; index--) {
      const [key, member] = members[index];
      pending.push({ value: member, path: current.path ? `${current.path}.${key}` : key, key });
    }
  }
  return null;
}
