import { sql } from "drizzle-orm";
import * as authRoute from "@/app/api/auth/[...all]/route";
import type { Database } from "@/db";
import { createStaffUser } from "@/lib/auth/staff-users";

// Requests into the real /api/auth route handler, shaped as `next start` passes them: the client
// is the TCP peer that instrumentation.ts stamps under x-payssam-peer-address.

export const authOrigin = "http://dashboard.test";
export const staffPassword = "correct horse battery";
export const authTables = sql`TRUNCATE auth_sessions, auth_accounts, auth_users, auth_setup, auth_setup_codes, auth_rate_limits, auth_sign_in_throttle, auth_verifications`;

export async function authPost(
  path: string,
  body: unknown,
  options: { peer: string; headers?: Record<string, string> },
): Promise<Response> {
  const request = new Request(`${authOrigin}/api/auth${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: authOrigin,
      "x-payssam-peer-address": options.peer,
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
  return authRoute.POST(request);
}

export async function authGet(path: string, options: { peer: string; headers?: Record<string, string> }) {
  const request = new Request(`${authOrigin}/api/auth${path}`, {
    headers: { "x-payssam-peer-address": options.peer, ...options.headers },
  });
  return authRoute.GET(request);
}

export function signInAs(email: string, password: string, peer: string, headers: Record<string, string> = {}) {
  return authPost("/sign-in/email", { email, password }, { peer, headers });
}

export function sessionCookie(response: Response): string {
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("payssam.session_token="));
  if (!setCookie) throw new Error(`no session cookie in ${response.status} answer`);
  return setCookie.split(";")[0];
}

export async function createTestUser(db: Database, email: string, role: "admin" | "viewer" = "viewer") {
  const outcome = await createStaffUser(db, { email, password: staffPassword, role });
  if (outcome.status !== "created") throw new Error(outcome.status);
  return outcome.user;
}
