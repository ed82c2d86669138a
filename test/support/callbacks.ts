import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import * as approvalRoute from "@/app/api/callbacks/approval/route";
import * as authMappingRoute from "@/app/api/callbacks/auth-mapping/route";
import * as anyKind from "@/app/api/callbacks/route";
import { type CallbackEndpointName, type CallbackEndpointPath, callbackEndpoint } from "@/lib/callbacks/endpoints";
import { peerAddressHeader } from "@/lib/http/client-address";

// Sends HTTP-shaped requests straight into the route handlers, as Next.js would.

export const endpoints = {
  any: callbackEndpoint("any").path,
  approval: callbackEndpoint("approval").path,
  authMapping: callbackEndpoint("auth-mapping").path,
} as const;

export type RouteModule = Partial<
  Record<"POST" | "GET" | "PUT" | "PATCH" | "DELETE" | "OPTIONS", (request: Request) => Promise<Response> | Response>
>;

// Each route file under the path the registry gives it (a test checks every registered path has one).
export const routeModules: Record<CallbackEndpointName, RouteModule> = {
  any: anyKind,
  approval: approvalRoute,
  "auth-mapping": authMappingRoute,
};

export function routeFor(endpoint: string): RouteModule {
  const entry = Object.entries(routeModules).find(
    ([name]) => callbackEndpoint(name as CallbackEndpointName).path === endpoint,
  );
  if (!entry) throw new Error(`No route module for ${endpoint}`);
  return entry[1];
}

export interface SentCallback {
  status: number;
  body: { code: string; msg?: string; message?: string; errors?: { path: string; message: string }[] };
}

export interface SendOptions {
  token?: string;
  method?: string;
  headers?: Record<string, string>;
  /** Send `body` as it is (a string or bytes) instead of as JSON. */
  raw?: boolean;
}

/** The request Next.js would hand the route for this call. */
export function callbackRequest(endpoint: CallbackEndpointPath, body: unknown, options: SendOptions = {}): Request {
  const url = new URL(`http://localhost${endpoint}`);
  if (options.token !== undefined) url.searchParams.set("token", options.token);
  const method = options.method ?? "POST";
  return new Request(url, {
    method,
    body:
      method === "GET" || method === "HEAD"
        ? undefined
        : options.raw
          ? (body as string | Uint8Array<ArrayBuffer>)
          : JSON.stringify(body),
    // What instrumentation.ts stamps on every request: the TCP peer's address.
    headers: { "content-type": "application/json", [peerAddressHeader]: "203.0.113.7", ...options.headers },
  });
}

/** The route's response to a call. */
export async function respond(endpoint: CallbackEndpointPath, body: unknown, options: SendOptions = {}) {
  const method = options.method ?? "POST";
  const handler = routeFor(endpoint)[method as keyof RouteModule];
  if (!handler) throw new Error(`${endpoint} exports no ${method} handler`);
  return handler(callbackRequest(endpoint, body, options));
}

export async function send(
  endpoint: CallbackEndpointPath,
  body: unknown,
  options: SendOptions = {},
): Promise<SentCallback> {
  const response = await respond(endpoint, body, options);
  const text = await response.text();
  return { status: response.status, body: text === "" ? { code: "" } : JSON.parse(text) };
}

// Copies of PaySsam's sample payloads from ../shared/payssam/samples.
const fixturesDir = path.resolve(process.cwd(), "test", "fixtures");

export function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), "utf8"));
}

export const success = { code: "0000", msg: "성공하였습니다." };

/**
 * Sends each batch's callbacks at once, each `copies` times (retries racing each other), one batch
 * after another, and expects 0000 for every delivery.
 */
export async function sendBatches<Callback extends { copies: number }>(
  endpoint: CallbackEndpointPath,
  batches: Callback[][],
  payloadOf: (callback: Callback) => unknown,
) {
  for (const batch of batches) {
    const answers = await Promise.all(
      batch.flatMap((callback) => Array.from({ length: callback.copies }, () => send(endpoint, payloadOf(callback)))),
    );
    for (const answer of answers) expect(answer.body).toEqual(success);
  }
}
