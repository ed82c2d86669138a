import type http from "node:http";
import { callbackEndpoints } from "@/lib/callbacks/endpoints";
import { errorAnswer, errorCodes } from "@/lib/payssam/answers";
import { onServerRequests } from "./server-requests";

// TRACE and TRACK (like CONNECT) are methods the fetch standard forbids: undici refuses to build a
// web Request for them, and Next.js, which builds one for every request (route handlers, pages and
// proxy.ts alike), then answers 500 on every path, before any of our code runs. So they are
// answered here, on the Node server, with the same 405 JSON a callback route gives for GET.
// (CONNECT never reaches "request": Node emits "connect" and, with no listener, closes the socket.)

const forbiddenMethods = new Set(["TRACE", "TRACK"]);
const callbackPaths = new Set<string>(callbackEndpoints.map((endpoint) => endpoint.path));

export function answerForbiddenMethods(): void {
  onServerRequests("payssam.forbiddenMethods", (request, response) => {
    if (!forbiddenMethods.has(request.method ?? "")) return false;
    refuse(request, response);
    return true;
  });
}

function refuse(request: http.IncomingMessage, response: http.ServerResponse) {
  const path = (request.url ?? "").split("?")[0];
  const isCallback = callbackPaths.has(path);
  const body = JSON.stringify(
    errorAnswer(
      errorCodes.methodNotAllowed,
      isCallback
        ? `${request.method} is not allowed here: PaySsam callbacks are POST requests.`
        : `${request.method} is not allowed.`,
    ),
  );
  response.writeHead(405, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    allow: isCallback ? "POST, OPTIONS" : "GET, HEAD, POST, OPTIONS",
    connection: "close",
  });
  response.end(body);
}
