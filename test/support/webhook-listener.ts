import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A local webhook for alert tests: records every POST, and answers as the test asks (ok, an
// error status, or never).

export interface ReceivedAlert {
  at: number;
  body: { text: string } & Record<string, unknown>;
  raw: string;
}

export interface WebhookListener {
  url: string;
  received: ReceivedAlert[];
  /** "ok" (200 ok), a status to answer with, or "hang" (never answer). */
  answer: "ok" | number | "hang";
  close(): Promise<void>;
}

export async function startWebhookListener(port = 0): Promise<WebhookListener> {
  const hanging: IncomingMessage[] = [];
  const listener = {
    received: [] as ReceivedAlert[],
    answer: "ok" as WebhookListener["answer"],
  };
  const server: Server = createServer(async (request, response) => {
    let raw = "";
    for await (const chunk of request) raw += chunk;
    listener.received.push({ at: Date.now(), body: JSON.parse(raw), raw });
    if (listener.answer === "hang") {
      hanging.push(request);
      return;
    }
    response.writeHead(listener.answer === "ok" ? 200 : listener.answer, { "content-type": "text/plain" });
    response.end(listener.answer === "ok" ? "ok" : "invalid_payload");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return Object.assign(listener, {
    url: `http://127.0.0.1:${bound}/hook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
