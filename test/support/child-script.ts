import { spawn } from "node:child_process";

// A test's script run in a Node process of its own (with the project's TypeScript and "@/" paths),
// for what must not share the test runner's process: its exit, its signals, its memory.

export interface ChildScriptRun {
  code: number | null;
  stdout: string;
}

export function runChildScript(
  script: string,
  options: { nodeFlags?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), "--import", "tsx", "--input-type=module", "--eval", script],
      { cwd: process.cwd(), env: options.env ?? process.env, stdio: ["ignore", "pipe", "inherit"] },
    );
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}
