import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, rowsOf } from "@/db";

// `npm run user:create`: the password never comes from the command line (npm prints it in its
// banner); it comes from PAYSSAM_USER_PASSWORD, a prompt that does not echo, or standard input.

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function userCreate(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  const directory = mkdtempSync(path.join(tmpdir(), "payssam-user-create-"));
  directories.push(directory);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/user-create.ts", ...args], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: directory, LOG_LEVEL: "silent", ...options.env },
  });
  child.stdin.end(options.stdin ?? "");
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise<{ code: number | null; output: string; directory: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, output, directory })),
  );
}

async function accounts(directory: string) {
  const handle = await openDatabase({ pgliteDir: directory });
  try {
    const users = rowsOf<{ email: string; role: string }>(
      await handle.db.execute(sql`SELECT email, role FROM auth_users`),
    );
    const audit = rowsOf<{ action: string; target: string; details: unknown }>(
      await handle.db.execute(sql`SELECT action, target, details FROM audit_log`),
    );
    return { users, audit };
  } finally {
    await handle.close();
  }
}

const password = "a long passphrase here";

describe("npm run user:create", () => {
  it("refuses --password, in both spellings, and says what to do instead", async () => {
    for (const args of [["--password", password], [`--password=${password}`]]) {
      const result = await userCreate(["--email", "ops@payssam.test", ...args]);
      expect(result.code).toBe(2);
      expect(result.output).toMatch(/--password is not accepted/);
      expect(result.output).toContain("PAYSSAM_USER_PASSWORD");
      expect(result.output).not.toContain(password);
    }
  });

  it("takes the password from PAYSSAM_USER_PASSWORD and records the account in the audit log", async () => {
    const result = await userCreate(["--email", "ops@payssam.test", "--role", "admin"], {
      env: { PAYSSAM_USER_PASSWORD: password },
    });
    expect(result.output).toContain("Created admin ops@payssam.test");
    expect(result.code).toBe(0);
    expect(await accounts(result.directory)).toEqual({
      users: [{ email: "ops@payssam.test", role: "admin" }],
      audit: [
        { action: "user_created", target: "ops@payssam.test", details: { role: "admin", via: "npm run user:create" } },
      ],
    });
  });

  it("still reads it from standard input", async () => {
    const result = await userCreate(["--email", "viewer@payssam.test"], { stdin: `${password}\n` });
    expect(result.code).toBe(0);
    expect((await accounts(result.directory)).users).toEqual([{ email: "viewer@payssam.test", role: "viewer" }]);
  });
});
