import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type FakeOptions, FakePayssam } from "./fake";

// The fake PaySsam on a real socket: `npm run fake-payssam`, and tests that go through the network.

export interface RunningFake {
  fake: FakePayssam;
  /** The base URL to use as PAYSSAM_API_BASE. */
  url: string;
  close(): Promise<void>;
}

export async function startFakePayssam(
  options: FakeOptions & { port?: number; host?: string } = {},
): Promise<RunningFake> {
  const fake = new FakePayssam(options);
  const hanging = new Set<import("node:http").ServerResponse>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://fake").pathname;
      const answer = fake.answer(request.method ?? "GET", path, Buffer.concat(chunks).toString("utf8"));
      if (answer.hang) {
        hanging.add(response);
        response.on("close", () => hanging.delete(response));
        return;
      }
      response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8" });
      response.end(answer.body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    fake,
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
