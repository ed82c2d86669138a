// Where to go after signing in, taken from ?next=. Only a path on this site is accepted: anything
// that a browser could read as another origin ("//evil.kr", "/\evil.kr", "https://…", encoded or
// with control characters) falls back to the overview, so the login page cannot be used as an
// open redirect.

const probeOrigin = "http://payssam.invalid";

export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith("/") || value.startsWith("//")) return null;
  // Browsers treat "\" as "/" and drop tabs and newlines inside URLs.
  if (value.includes("\\") || /\p{Cc}/u.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, probeOrigin);
  } catch {
    return null;
  }
  if (url.origin !== probeOrigin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The login page itself and API answers are no place to land after signing in.
  if (url.pathname === "/login" || url.pathname.startsWith("/api/")) return null;
  return path;
}

export function loginPathFor(next: string | null): string {
  const target = safeNextPath(next);
  return target && target !== "/" ? `/login?next=${encodeURIComponent(target)}` : "/login";
}
