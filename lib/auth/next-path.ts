// Where to go after signing in (?next= on the login page, the first-administrator form, a
// callbackURL sent to the sign-in endpoint). Only a path on this site is accepted.
//
// The order matters: the value is normalised first (as a browser would resolve it: dot
// segments, "%2e", "/a/..//x"), and only the normalised result is checked and returned. Checking
// the raw text and returning the normalised one is how "/.//evil.example" became "//evil.example".

const probeOrigin = "http://payssam.invalid";

// Control characters (browsers drop tab, CR and LF inside URLs: "/\t/evil" is "//evil") and
// backslashes (browsers read "\" as "/").
const unsafeCharacter = /[\p{Cc}\\]/u;

// Look-alikes of "/" and "\" (full-width, division and set-minus signs, …): harmless to a browser
// once percent-encoded, but no dashboard path has them, and some software folds them to ASCII.
const lookAlikeSlash = /[\u2044\u2215\u2216\u29F5\u29F8\u29F9\uFE68\uFF0F\uFF3C]/u;

function isPlainPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !unsafeCharacter.test(path);
}

function resolve(path: string): URL | null {
  try {
    const url = new URL(path, probeOrigin);
    return url.origin === probeOrigin ? url : null;
  } catch {
    return null;
  }
}

const pathOf = (url: URL) => `${url.pathname}${url.search}${url.hash}`;

function decodedPathname(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/** The same-origin path to send the user to, normalised; null when `value` is anything else. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!isPlainPath(value)) return null;
  const url = resolve(value);
  if (!url) return null;
  const path = pathOf(url);
  if (!isPlainPath(path)) return null;
  // Encoded slashes and dots stay encoded in a Location header, but a proxy that decodes the path
  // once and normalises it must not find "//host" or "/\host" either.
  const decoded = decodedPathname(url);
  if (decoded === null || !isPlainPath(decoded) || lookAlikeSlash.test(decoded)) return null;
  const decodedUrl = resolve(decoded);
  if (!decodedUrl || !isPlainPath(decodedUrl.pathname)) return null;
  // What is returned must read the same way again: a browser resolving it lands on this path.
  const again = resolve(path);
  if (!again || pathOf(again) !== path) return null;
  // The login page itself and API answers are no place to land after signing in.
  if (url.pathname === "/login" || url.pathname === "/api" || url.pathname.startsWith("/api/")) return null;
  return path;
}

export function loginPathFor(next: string | null): string {
  const target = safeNextPath(next);
  return target && target !== "/" ? `/login?next=${encodeURIComponent(target)}` : "/login";
}
