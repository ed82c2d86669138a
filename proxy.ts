import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { requestPathHeader, sessionCookiePrefix, signInRequiredAnswer } from "@/lib/auth/gate";
import { loginPathFor } from "@/lib/auth/next-path";
import { contentSecurityPolicy, createNonce } from "@/lib/security/content-security-policy";
import { isServerActionRequest, refuseServerAction } from "@/lib/security/server-actions";

// Runs before every page and dashboard API route (not PaySsam's callbacks, /api/health or static
// files: see the matcher). Three jobs:
// 0. A server action posted from another origin, announcing a body over the limit, or not saying
//    how long its body is, is answered 403/413/411 here; Next.js would refuse the first two too,
//    but with a 500.
// 1. A fast first gate: no session cookie, no page (redirect to /login?next=…) and no API answer
//    (401 JSON). It does not look the session up; a forged or expired cookie passes here and is
//    refused by the server-side checks (lib/auth/session.ts) that every page, server action and
//    route handler makes itself. Signed-out visitors simply never reach them.
// 2. A Content-Security-Policy with a per-request nonce for pages.

const signInPaths = new Set(["/login"]);
const development = process.env.NODE_ENV === "development";

function isPublic(pathname: string): boolean {
  // Better Auth's endpoints answer for themselves (sign-in must work signed out).
  return signInPaths.has(pathname) || pathname === "/api/auth" || pathname.startsWith("/api/auth/");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");

  if (isServerActionRequest(request.method, request.headers, pathname)) {
    const refusal = refuseServerAction(request.headers);
    if (refusal) {
      const message = {
        403: "Cross-origin request refused.",
        411: "Content-Length required.",
        413: "Request body too large.",
      }[refusal.status];
      return new NextResponse(message, {
        status: refusal.status,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
  }

  if (!isPublic(pathname) && !getSessionCookie(request, { cookiePrefix: sessionCookiePrefix })) {
    if (isApi) return signInRequiredAnswer();
    return NextResponse.redirect(new URL(loginPathFor(`${pathname}${search}`), request.url));
  }
  if (isApi) return NextResponse.next();

  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  // Lets a page that finds the session invalid send the user back here after signing in.
  requestHeaders.set(requestPathHeader, `${pathname}${search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Everything but static files (the app icon too: the login page shows it signed out) and the
    // endpoints that authenticate by other means: PaySsam's callbacks (URL token), the scheduled
    // jobs (CRON_SECRET), the partner's bills API (PARTNER_API_TOKEN) and the health check (public by design).
    "/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg$|robots\\.txt|api/health$|api/cron/|api/bills$|api/callbacks$|api/callbacks/approval$|api/callbacks/auth-mapping$).*)",
  ],
};
