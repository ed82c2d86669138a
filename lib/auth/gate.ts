// What proxy.ts (the cookie-presence gate) and the server-side checks (session.ts) share. Kept
// free of the database and of Better Auth's server so that the proxy stays small.

export const sessionCookiePrefix = "payssam";

// Dashboard API answers use the receiver's four-digit style; 12xx: who is asking.
export const accessCodes = { signInRequired: "1201", adminRequired: "1203" } as const;

// Set by proxy.ts on the request so that a page found signed out can send the user back here.
export const requestPathHeader = "x-payssam-path";

const noStore = { "cache-control": "no-store" };

export function signInRequiredAnswer(): Response {
  return Response.json(
    { code: accessCodes.signInRequired, message: "Sign in required." },
    { status: 401, headers: noStore },
  );
}

export function adminRequiredAnswer(): Response {
  return Response.json(
    { code: accessCodes.adminRequired, message: "This needs the admin role." },
    { status: 403, headers: noStore },
  );
}
