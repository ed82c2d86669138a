import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

// PGlite has no cross-process lock: two processes on one directory lose rows or corrupt it.
// A lock file holding the owner's PID makes the second process fail fast instead. A lock
// left by a dead process (kill -9) is taken over.

export class DatabaseLockedError extends Error {
  constructor(
    readonly directory: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database at ${directory} is in use by another process (PID ${ownerPid}). ` +
        "PGlite cannot be shared between processes: stop that process first, " +
        "or send the work through the running app (for example with `npm run simulate`).",
    );
    this.name = "DatabaseLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const held = new Set<string>();

export function acquirePgliteLock(directory: string): () => void {
  mkdirSync(directory, { recursive: true });
  const lockFile = path.join(directory, "payssam.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(lockFile);
      return () => release(lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const ownerPid = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
    if (ownerPid === process.pid) return () => release(lockFile);
    if (Number.isInteger(ownerPid) && ownerPid > 0 && isAlive(ownerPid)) {
      throw new DatabaseLockedError(directory, ownerPid);
    }
    rmSync(lockFile, { force: true });
  }
  throw new Error(`Could not take the lock file ${lockFile}`);
}

function release(lockFile: string) {
  if (!held.delete(lockFile)) return;
  try {
    if (readFileSync(lockFile, "utf8").trim() === String(process.pid)) rmSync(lockFile, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}

process.once("exit", () => {
  for (const lockFile of held) release(lockFile);
});
