import { describe, expect, it } from "vitest";
import { runChildScript } from "../support/child-script";

// A server stopped with SIGTERM right after a burst of callbacks must still have written every log
// line, in order: Next.js answers SIGTERM with process.exit(143). Run in a child process, as
// `next start` would, with stdout a pipe the parent reads. (An asynchronous destination failed
// this in CI under load; lib/logger.ts says why it writes synchronously.)
// The script holds a timer open as a server holds its listening socket: a signal a process sends
// itself arrives on a later turn of the event loop, and on Node 20 a script with nothing left to
// wait for exited 0 before that turn (Node 24 happened to run it), so the test measured the
// script's end rather than the SIGTERM path.

const lines = 20_000;
const script = `
  const { logger } = await import("@/lib/logger");
  process.on("SIGTERM", () => process.exit(143));
  setInterval(() => {}, 60_000);
  for (let index = 0; index < ${lines}; index++) logger.info({ event: "callback", index }, "callback");
  process.kill(process.pid, "SIGTERM");
`;

const runLogger = () =>
  runChildScript(script, {
    env: { ...process.env, NODE_ENV: "production", CALLBACK_TOKEN: "", VERCEL: "", LOG_LEVEL: "info" },
  });

describe("the production logger", () => {
  it("loses no line when the server is stopped with SIGTERM right after writing them", async () => {
    const { code, stdout } = await runLogger();
    expect(code).toBe(143);
    const written = stdout.trim().split("\n");
    expect(written).toHaveLength(lines);
    expect(written.map((line) => JSON.parse(line).index)).toEqual(Array.from({ length: lines }, (_, index) => index));
  }, 30_000);
});
