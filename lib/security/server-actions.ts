// What proxy.ts checks before Next.js sees a server action, so that a refused call gets a 4xx
// (Next.js 16 answers a cross-origin or oversized one with 500). Next.js checks them again itself.

/** next.config.mjs's serverActions.bodySizeLimit ("1mb"), in bytes; test/unit/server-actions-edge.test.ts keeps them equal. */
export const serverActionsBodyLimitBytes = 1024 * 1024;

// A server action is a POST to a page: with a Next-Action header (the React client), or a
// multipart form whose fields name the action (a form posted before the page's script ran).
export function isServerActionRequest(method: string, headers: Headers, pathname: string): boolean {
  if (method !== "POST" || pathname === "/api" || pathname.startsWith("/api/")) return false;
  if (headers.has("next-action")) return true;
  const type = headers.get("content-type") ?? "";
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

/** The host Next.js compares Origin with: X-Forwarded-Host (first entry), else Host. */
function siteHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

export type ServerActionRefusal =
  | { status: 403; reason: "cross-origin" }
  | { status: 411; reason: "length-required" }
  | { status: 413; reason: "too-large" };

/** Why a server action call must be refused, or null. Same rule as Next.js: an Origin, when sent, must be this host. */
export function refuseServerAction(headers: Headers): ServerActionRefusal | null {
  const origin = headers.get("origin");
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = origin === "null" ? "null" : new URL(origin).host;
    } catch {
      return { status: 403, reason: "cross-origin" };
    }
    if (originHost !== siteHost(headers)) return { status: 403, reason: "cross-origin" };
  }
  const length = headers.get("content-length");
  // A body of unknown length could only be measured by reading it; browsers always say how long
  // a server action's body is (a string or FormData), so one that does not is refused.
  if (length === null) return headers.has("transfer-encoding") ? { status: 411, reason: "length-required" } : null;
  if (!/^\d+$/.test(length) || Number(length) > serverActionsBodyLimitBytes)
    return { status: 413, reason: "too-large" };
  return null;
}
