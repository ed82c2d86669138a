import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { adminRequiredAnswer, requestPathHeader, signInRequiredAnswer } from "./gate";
import { loginPathFor } from "./next-path";
import { isStaffRole, type StaffRole } from "./roles";
import { getAuth } from "./server";

// The server-side checks. proxy.ts only looks for a session cookie (fast, no database); these look
// the session up, and every page (through the dashboard layout), server action and route handler
// that shows or changes data calls one of them itself.

export interface Staff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

export class AccessDeniedError extends Error {
  constructor(message = "관리자만 할 수 있는 작업입니다.") {
    super(message);
    this.name = "AccessDeniedError";
  }
}

export async function staffFromHeaders(requestHeaders: Headers): Promise<Staff | null> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers: requestHeaders });
  if (!found) return null;
  const { user } = found;
  // Disabling deletes the user's sessions; this also covers a row disabled by hand in SQL.
  if (user.banned) return null;
  // An unknown role (edited by hand) gets the least: viewer.
  const role = isStaffRole(user.role) ? user.role : "viewer";
  return { id: user.id, email: user.email, name: user.name, role };
}

// Once per request, however many components ask.
export const getSignedInStaff = cache(async (): Promise<Staff | null> => staffFromHeaders(await headers()));

export async function requireUser(): Promise<Staff> {
  const staff = await getSignedInStaff();
  if (!staff) redirect(loginPathFor((await headers()).get(requestPathHeader)));
  return staff;
}

export async function requireAdmin(): Promise<Staff> {
  const staff = await requireUser();
  if (staff.role !== "admin") throw new AccessDeniedError();
  return staff;
}

// For route handlers: the signed-in staff member, or the 401/403 answer to return instead.
export async function authenticateRequest(
  request: Request,
  options: { role?: StaffRole } = {},
): Promise<{ staff: Staff; denied?: never } | { staff?: never; denied: Response }> {
  const staff = await staffFromHeaders(request.headers);
  if (!staff) return { denied: signInRequiredAnswer() };
  if (options.role === "admin" && staff.role !== "admin") return { denied: adminRequiredAnswer() };
  return { staff };
}
