import http from "node:http";

/**
 * Runs `handle` on every request any Node http.Server in this process receives, before the
 * framework's listeners see it; installed once per `name` (a module evaluated again by another
 * bundle must not wrap twice). `handle` returns true when it has answered the request itself.
 * Hooks installed later run first.
 */
export function onServerRequests(
  name: string,
  handle: (request: http.IncomingMessage, response: http.ServerResponse) => boolean,
): void {
  const installed = Symbol.for(name);
  const prototype = http.Server.prototype as http.Server & { [installed]?: true };
  if (prototype[installed]) return;
  const emit = prototype.emit;
  prototype.emit = function emitAfterHook(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && handle(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
  prototype[installed] = true;
}
