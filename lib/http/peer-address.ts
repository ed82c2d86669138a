import { peerAddressHeader } from "./client-address";
import { onServerRequests } from "./server-requests";

// Route handlers get a web Request, which carries no socket, and Next.js keeps a client's own
// X-Forwarded-For. So at start-up every incoming request is stamped with its TCP peer's address
// under a header of ours, overwriting whatever the client sent under that name.
export function stampPeerAddresses(): void {
  onServerRequests("payssam.peerAddressStamp", (request) => {
    const address = request.socket?.remoteAddress;
    if (address) request.headers[peerAddressHeader] = address;
    else delete request.headers[peerAddressHeader];
    return false;
  });
}
