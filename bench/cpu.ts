import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, rowsOf } from "@/db";

// CPU time spent by the servers under test while a run lasts (Linux /proc): the app's process
// tree (utime + stime) and the PostgreSQL backends connected to the benchmark's database, so a
// callback's cost can be given in CPU milliseconds, app and database apart, whatever else the
// shared machine is doing.

const ticksPerSecond = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  const value = Number(result.stdout?.trim());
  return Number.isFinite(value) && value > 0 ? value : 100;
})();

/** CPU milliseconds a process has used so far (0 when it is gone or /proc is unreadable). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) in parentheses; utime and stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** A process and all its descendants (next start may run the server in a child process). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while the list was read.
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(parents.get(tree[index]) ?? []));
  return tree;
}

async function backendPids(handle: DatabaseHandle, databaseName: string): Promise<number[]> {
  const rows = rowsOf<{ pid: number }>(
    await handle.db.execute(
      sql`SELECT pid FROM pg_stat_activity WHERE datname = ${databaseName} AND backend_type = 'client backend'`,
    ),
  );
  return rows.map((row) => Number(row.pid));
}

export interface CpuUse {
  appMs: number;
  databaseMs: number;
}

/**
 * Starts counting; `stop()` gives the CPU milliseconds used since by the app's process tree and by
 * the database's backends (the benchmark's own idle connections included: they use next to none).
 * Backends opened during the run count from zero.
 */
export async function startCpuMeter(target: {
  pid: number;
  database?: { handle: DatabaseHandle; name: string };
}): Promise<{ stop: () => Promise<CpuUse> }> {
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + processCpuMs(pid), 0);
  const appPids = processTree(target.pid);
  const appBefore = sum(appPids);
  const backendsBefore = new Map<number, number>();
  if (target.database) {
    for (const pid of await backendPids(target.database.handle, target.database.name)) {
      backendsBefore.set(pid, processCpuMs(pid));
    }
  }
  return {
    async stop() {
      const appMs = sum(processTree(target.pid)) - appBefore;
      let databaseMs = 0;
      if (target.database) {
        for (const pid of await backendPids(target.database.handle, target.database.name)) {
          databaseMs += processCpuMs(pid) - (backendsBefore.get(pid) ?? 0);
        }
      }
      return { appMs: Math.round(appMs), databaseMs: Math.round(databaseMs) };
    },
  };
}
