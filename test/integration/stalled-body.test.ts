import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackEndpoint } from "@/lib/callbacks/endpoints";
import { handleCallbackRequest } from "@/lib/callbacks/route-handlers";
import { setUpTestDatabase } from "../support/database";
import { type SocketServer, serveOnSocket } from "../support/socket-server";

// A sender that stops sending mid-body is answered 408 (code 1408) after the stall time, and the
// delivery is logged as rejected, instead of holding the connection for Node's 5 minutes. Over a
// real socket: the route handler behind a node:http server that hands it the body as a stream,
// as Next.js does, and a raw TCP client that sends part of a body and then nothing.

const database = setUpTestDatabase();
const stallMs = 300;
let server: SocketServer;

beforeAll(async () => {
  server = await serveOnSocket((request) => handleCallbackRequest(request, callbackEndpoint("approval"), { stallMs }));
});

afterAll(() => server.close());

/** Sends the headers and `sent` of a body declared `declared` bytes long, then nothing; resolves with what came back. */
function stall(sent: string, declared: number): Promise<{ raw: string; seconds: number; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(server.port, "127.0.0.1", () => {
      socket.write(
        `POST /api/callbacks/approval HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n${sent}`,
      );
    });
    let raw = "";
    socket.on("data", (chunk) => {
      raw += chunk.toString();
    });
    socket.on("error", reject);
    socket.on("close", () => resolve({ raw, seconds: (performance.now() - started) / 1000, closed: true }));
    setTimeout(() => {
      socket.destroy();
      resolve({ raw, seconds: (performance.now() - started) / 1000, closed: false });
    }, 5000).unref();
  });
}

describe("a body that stops arriving", () => {
  it("is answered 408 JSON after the stall time, logged as rejected, and the connection closed", async () => {
    const sent = '{"billId":"STALL-1","apprState":"F",';
    const { raw, seconds, closed } = await stall(sent, 1000);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw.toLowerCase()).toContain("connection: close");
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toMatchObject({ code: "1408" });
    expect(closed).toBe(true);
    expect(seconds).toBeGreaterThanOrEqual(stallMs / 1000 - 0.05);
    expect(seconds).toBeLessThan(3);

    const [delivery] = await database.query<{
      outcome: string;
      http_status: number;
      body_bytes: number;
      raw_body: string;
    }>(sql`SELECT outcome::text, http_status, body_bytes, raw_body FROM callback_deliveries`);
    expect(delivery).toMatchObject({ outcome: "rejected", http_status: 408, body_bytes: Buffer.byteLength(sent) });
    expect(delivery.raw_body).toBe(
      `${sent}\n…[incomplete: the body stopped after ${Buffer.byteLength(sent)} bytes of 1000 declared]`,
    );
  });
});
