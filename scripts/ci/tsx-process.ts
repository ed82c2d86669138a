import { spawn } from "node:child_process";
import path from "node:path";

// A project script (`scripts/….ts`) in a Node process of its own, as `npm run` would start it, with
// what it printed: for the production smoke test and the tests that drive a CLI end to end.

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runTsxScript(args: string[], env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
