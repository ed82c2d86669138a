import http from "node:http";
import { type OwnServer, startOwnServer } from "./own-server";

// A second production server on an empty embedded database with the settings at their defaults
// (e2e/own-server.ts), reached under a public-looking host name: the findings suite uses it for
// what the shared e2e server cannot show: the first run, the default client address, and what
// the server writes to its log.

export const freshPort = Number(process.env.E2E_FRESH_PORT ?? Number(process.env.E2E_PORT ?? 3180) + 1);
/** A public-looking host name the browser maps to 127.0.0.1: to the server, not "this machine". */
export const freshHost = `ops.payssam.test:${freshPort}`;
export const freshOrigin = `http://${freshHost}`;
export const hostResolverRule = `--host-resolver-rules=MAP ops.payssam.test 127.0.0.1`;

export function startFreshServer(): Promise<OwnServer> {
  // Ready once the start-up work is done too: the setup code is printed after the database opens.
  return startOwnServer(freshPort, {}, { origin: freshOrigin, ready: (log) => log.includes('"event":"setup-code"') });
}

export interface FreshAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** False when the connection ended before the answer did (an aborted download). */
  complete: boolean;
}

/** A request to the fresh server as the browser at freshOrigin would send it (Host included). */
export function freshRequest(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<FreshAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: freshPort,
        path: pathname,
        method: options.method ?? "GET",
        headers: { host: freshHost, ...options.headers },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("close", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body, complete: response.complete }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/** The setup code the server printed, from its JSON log line. */
export function setupCodeIn(log: string): string | null {
  return /"setupCode":"([0-9A-Z-]+)"/.exec(log)?.[1] ?? null;
}
