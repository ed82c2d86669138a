import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

// A server stopped with SIGTERM right after a burst of callbacks must still have written every log
// line, in order: Next.js answers SIGTERM with process.exit(143). Run in a child process, as
// `next start` would, with stdout a pipe the parent reads. (An asynchronous destination failed
// this in CI under load; lib/logger.ts says why it writes synchronously.)

const lines = 20_000;
const script = `
  const { logger } = await import("@/lib/logger");
  process.on("SIGTERM", () => process.exit(143));
  for (let index = 0; index < ${lines}; index++) logger.info({ event: "callback", index }, "callback");
  process.kill(process.pid, "SIGTERM");
`;

function runLogger(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: "production", CALLBACK_TOKEN: "", VERCEL: "", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

describe("the production logger", () => {
  it("loses no line when the server is stopped with SIGTERM right after writing them", async () => {
    const { code, stdout } = await runLogger();
    expect(code).toBe(143);
    const written = stdout.trim().split("\n");
    expect(written).toHaveLength(lines);
    expect(written.map((line) => JSON.parse(line).index)).toEqual(Array.from({ length: lines }, (_, index) => index));
  }, 30_000);
});
