// TRUSTED_PROXY's forms; see client-address.ts for what each means. Its own module: lib/env.ts
// validates the setting with it, and client-address.ts reads the environment.

export type TrustedProxy =
  | { kind: "vercel" }
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "header"; name: string };

/** Parses TRUSTED_PROXY; null when the value is not one of the documented forms. */
export function parseTrustedProxy(value: string | undefined, onVercel: boolean): TrustedProxy | null {
  const setting = value?.trim().toLowerCase() ?? "";
  if (setting === "") return onVercel ? { kind: "vercel" } : { kind: "none" };
  if (setting === "vercel") return { kind: "vercel" };
  if (setting === "none") return { kind: "none" };
  if (/^[1-9]$/.test(setting)) return { kind: "hops", hops: Number(setting) };
  const header = /^header:([a-z0-9!#$%&'*+.^_`|~-]+)$/.exec(setting);
  if (header && header[1] !== "x-forwarded-for") return { kind: "header", name: header[1] };
  return null;
}
