import { requestClientAddress } from "@/lib/http/client-address";

// Better Auth reads the client's address (for its per-client rate limit and the session row) from
// the headers named in advanced.ipAddress.ipAddressHeaders, and believes whatever is there. It is
// pointed at this header only, which is always rewritten here from requestClientAddress(): the
// same trusted source as everything else, whatever TRUSTED_PROXY says, and never a value the
// client sent.
export const authClientAddressHeader = "x-payssam-client-address";

/** The request's headers as Better Auth must see them: with the trusted client address, or none. */
export function authRequestHeaders(headers: Headers): Headers {
  const rewritten = new Headers(headers);
  const address = requestClientAddress(headers);
  if (address) rewritten.set(authClientAddressHeader, address);
  else rewritten.delete(authClientAddressHeader);
  return rewritten;
}

/** The same for a whole request (the /api/auth route handler). */
export function authRequest(request: Request): Request {
  return new Request(request, { headers: authRequestHeaders(request.headers) });
}
