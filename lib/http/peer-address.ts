import http from "node:http";
import { peerAddressHeader } from "./client-address";

// Route handlers get a web Request, which carries no socket, and Next.js keeps a client's own
// X-Forwarded-For. So at start-up every incoming request is stamped with its TCP peer's address
// under a header of ours, overwriting whatever the client sent under that name.
const installed = Symbol.for("payssam.peerAddressStamp");

export function stampPeerAddresses(): void {
  const prototype = http.Server.prototype as http.Server & { [installed]?: true };
  if (prototype[installed]) return;
  const emit = prototype.emit;
  prototype.emit = function emitWithPeerAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      const address = request.socket?.remoteAddress;
      if (address) request.headers[peerAddressHeader] = address;
      else delete request.headers[peerAddressHeader];
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  prototype[installed] = true;
}
