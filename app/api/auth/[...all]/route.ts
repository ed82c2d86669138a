// Better Auth's endpoints for the dashboard's sign-in (/api/auth/sign-in/email, /sign-out,
// /get-session, /admin/*): it checks Origin on every cookie-carrying POST and rate-limits per
// client, with the client address taken from the trusted source (lib/auth/request-headers.ts).
import { authRequest } from "@/lib/auth/request-headers";
import { getAuth } from "@/lib/auth/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handleAuthRequest(request: Request): Promise<Response> {
  return (await getAuth()).handler(authRequest(request));
}

export { handleAuthRequest as GET, handleAuthRequest as POST };
