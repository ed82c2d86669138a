import { readFileSync } from "node:fs";
import path from "node:path";
import * as approvalRoute from "@/app/api/callbacks/approval/route";
import * as authMappingRoute from "@/app/api/callbacks/auth-mapping/route";
import * as anyKind from "@/app/api/callbacks/route";

// Sends HTTP-shaped requests straight into the route handlers, as Next.js would.

export const endpoints = {
  any: "/api/callbacks",
  approval: "/api/callbacks/approval",
  authMapping: "/api/callbacks/auth-mapping",
} as const;

type Endpoint = (typeof endpoints)[keyof typeof endpoints];

type RouteModule = Partial<
  Record<"POST" | "GET" | "PUT" | "PATCH" | "DELETE", (request: Request) => Promise<Response> | Response>
>;

const routes: Record<Endpoint, RouteModule> = {
  [endpoints.any]: anyKind,
  [endpoints.approval]: approvalRoute,
  [endpoints.authMapping]: authMappingRoute,
};

export interface SentCallback {
  status: number;
  body: { code: string; msg?: string; message?: string; errors?: { path: string; message: string }[] };
}

export async function send(
  endpoint: Endpoint,
  body: unknown,
  options: { token?: string; method?: string; headers?: Record<string, string>; raw?: boolean } = {},
): Promise<SentCallback> {
  const url = new URL(`http://localhost${endpoint}`);
  if (options.token !== undefined) url.searchParams.set("token", options.token);
  const method = options.method ?? "POST";
  const handler = routes[endpoint][method as keyof RouteModule];
  if (!handler) throw new Error(`${endpoint} exports no ${method} handler`);
  const request = new Request(url, {
    method,
    body: method === "GET" || method === "HEAD" ? undefined : options.raw ? (body as string) : JSON.stringify(body),
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7", ...options.headers },
  });
  const response = await handler(request);
  return { status: response.status, body: await response.json() };
}

// Copies of PaySsam's sample payloads from ../shared/payssam/samples.
const fixturesDir = path.resolve(process.cwd(), "test", "fixtures");

export function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(fixturesDir, `${name}.json`), "utf8"));
}

export const success = { code: "0000", msg: "성공하였습니다." };
