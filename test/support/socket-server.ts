import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

// Route handlers behind a real node:http socket, handed the body as a stream the way Next.js hands
// it: for what an in-process Request cannot show (a sender that stalls mid-body, a slow body
// beside another request).

export interface SocketServer {
  port: number;
  close: () => Promise<void>;
}

export async function serveOnSocket(handle: (request: Request) => Promise<Response>): Promise<SocketServer> {
  const server = http.createServer(async (incoming, outgoing) => {
    const request = new Request(`http://127.0.0.1${incoming.url}`, {
      method: incoming.method,
      headers: incoming.headers as Record<string, string>,
      // A GET has no body; a Request refuses one.
      body: incoming.method === "GET" ? undefined : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>),
      duplex: "half",
    } as RequestInit);
    const response = await handle(request);
    const body = Buffer.from(await response.arrayBuffer());
    outgoing.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": body.byteLength });
    outgoing.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
