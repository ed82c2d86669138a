import http from "node:http";
import https from "node:https";
import type { CallbackEndpoint, SimulatedDelivery } from "./plan";
import type { DeliveryAnswer, SendDelivery } from "./run";

// POSTs deliveries over keep-alive connections, at most `concurrency` at once, as PaySsam would:
// a JSON body, no auth header, the token in the URL.

export class AppNotRunningError extends Error {
  constructor(readonly url: string) {
    super(`The app isn't running at ${url} (connection refused). Start it (npm start) or pass --url.`);
    this.name = "AppNotRunningError";
  }
}

/** The URL as shown to people: the token's value hidden. */
export function displayUrl(url: URL): string {
  const shown = new URL(url);
  if (shown.searchParams.has("token")) shown.searchParams.set("token", "***");
  return shown.toString();
}

export interface HttpSender {
  send: SendDelivery;
  close: () => void;
}

export function createHttpSender(options: {
  urlFor: (endpoint: CallbackEndpoint, wrongToken: boolean) => URL;
  concurrency: number;
  timeoutMs?: number;
}): HttpSender {
  const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
  const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

  function send(delivery: SimulatedDelivery): Promise<DeliveryAnswer> {
    const url = options.urlFor(delivery.endpoint, delivery.wrongToken ?? false);
    const body = Buffer.from(delivery.body, "utf8");
    const client = url.protocol === "https:" ? https : http;
    const agent = agents[url.protocol as keyof typeof agents];
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const request = client.request(
        url,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": body.byteLength },
          timeout: options.timeoutMs ?? 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const latencyMs = performance.now() - started;
            resolve({
              status: response.statusCode ?? 0,
              code: answerCode(Buffer.concat(chunks).toString()),
              latencyMs,
            });
          });
          response.on("error", (error) => resolve(noAnswer(error, started)));
        },
      );
      request.on("timeout", () => request.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
      request.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ECONNREFUSED") reject(new AppNotRunningError(displayUrl(url)));
        else resolve(noAnswer(error, started));
      });
      request.end(body);
    });
  }

  return {
    send,
    close: () => {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

function noAnswer(error: NodeJS.ErrnoException, started: number): DeliveryAnswer {
  return { status: null, code: null, latencyMs: performance.now() - started, error: error.code ?? error.message };
}

function answerCode(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { code?: unknown };
    return typeof parsed.code === "string" ? parsed.code : null;
  } catch {
    return null;
  }
}
