import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, rowsOf } from "@/db";
import { DatabaseLockedError } from "@/db/pglite-lock";

// PGlite has no lock of its own; these check ours, across real processes.

const run = promisify(execFile);
const directories: string[] = [];
const freshDirectory = () => {
  const directory = mkdtempSync(path.join(tmpdir(), "payssam-lock-"));
  directories.push(directory);
  return directory;
};

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const openInChild = (directory: string) =>
  run(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      `import("./db/index.ts").then(({ openDatabase }) => openDatabase({ pgliteDir: ${JSON.stringify(directory)} }))
        .then(() => { console.log("opened"); process.exit(0); })
        .catch((error) => { console.error(error.message); process.exit(3); });`,
    ],
    { cwd: process.cwd(), env: { ...process.env, DATABASE_URL: "" } },
  );

describe("embedded database lock", () => {
  it("makes a second process fail fast with a clear message and leaves the data intact", async () => {
    const directory = freshDirectory();
    const first = await openDatabase({ pgliteDir: directory });
    await first.db.execute(sql`INSERT INTO merchants (member_id, merchant_id, review_status) VALUES ('m', 's', 'P')`);

    const started = Date.now();
    const child = await openInChild(directory).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(child.code).toBe(3);
    expect(child.stderr).toContain(`in use by another process (PID ${process.pid})`);
    expect(Date.now() - started).toBeLessThan(15_000);

    await first.close();
    const reopened = await openDatabase({ pgliteDir: directory });
    const rows = rowsOf<{ member_id: string }>(await reopened.db.execute(sql`SELECT member_id FROM merchants`));
    expect(rows).toEqual([{ member_id: "m" }]);
    await reopened.close();
  });

  it("takes over a lock left by a process that died", async () => {
    const directory = freshDirectory();
    writeFileSync(path.join(directory, "payssam.lock"), "999999999");
    const handle = await openDatabase({ pgliteDir: directory });
    expect(readFileSync(path.join(directory, "payssam.lock"), "utf8")).toBe(String(process.pid));
    await handle.close();
  });

  it("refuses in-process too when another live process holds the lock", async () => {
    const directory = freshDirectory();
    writeFileSync(path.join(directory, "payssam.lock"), String(process.ppid));
    await expect(openDatabase({ pgliteDir: directory })).rejects.toBeInstanceOf(DatabaseLockedError);
  });
});
