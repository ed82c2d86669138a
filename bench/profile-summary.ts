import { readFileSync } from "node:fs";
import path from "node:path";

// Where a V8 CPU profile (`node --cpu-prof`) spends its time: self time per function and per
// origin (a package in node_modules, Next.js's compiled server, this project's own code, Node's
// internals, garbage collection), so the receiver's profile can be read without a browser.
//
//   node --import tsx bench/profile-summary.ts CPU.….cpuprofile [--top 25]

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byOrigin: { origin: string; ms: number; share: number }[];
  byFunction: { name: string; origin: string; ms: number; share: number }[];
  /** Time with the function anywhere on the stack (itself and what it called): named functions only. */
  inclusive: { name: string; origin: string; ms: number; share: number }[];
}

/** The package or area a script URL belongs to. */
export function originOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)") return "garbage collection";
    if (functionName === "(idle)" || functionName === "(program)") return functionName;
    return "native";
  }
  if (url.startsWith("node:")) return "node internals";
  const file = url.replace(/^file:\/\//, "");
  const modules = file.lastIndexOf("node_modules/");
  if (modules !== -1) {
    const rest = file.slice(modules + "node_modules/".length).split("/");
    const name = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    // Next.js bundles React and its own server into next/dist/compiled: name the big pieces.
    if (name === "next") {
      const inside = rest.slice(1).join("/");
      if (inside.includes("compiled/next-server")) return "next (compiled server runtime)";
      if (inside.includes("compiled/react")) return "react (compiled into next)";
      return `next (${rest.slice(1, 3).join("/")})`;
    }
    return name;
  }
  if (file.includes("/.next/server/chunks")) return "app bundle (.next/server/chunks)";
  if (file.includes("/.next/")) return "app bundle (.next)";
  return `project: ${path.basename(file)}`;
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const frameName = (callFrame: ProfileNode["callFrame"]) =>
    `${callFrame.functionName || "(anonymous)"} ${callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : ""}`.trim();
  // Inclusive time: each sample counts once for every distinct named function on its stack.
  const inclusiveUs = new Map<string, { origin: string; us: number }>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const { callFrame } = byId.get(current)!;
      if (callFrame.functionName.length < 4 || callFrame.functionName.startsWith("(")) continue;
      const name = frameName(callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      const entry = inclusiveUs.get(name) ?? { origin: originOf(callFrame.url, callFrame.functionName), us: 0 };
      entry.us += us;
      inclusiveUs.set(name, entry);
    }
  }
  const origins = new Map<string, number>();
  const functions = new Map<string, { origin: string; us: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    const origin = originOf(callFrame.url, callFrame.functionName);
    if (origin === "(idle)") continue;
    totalUs += us;
    origins.set(origin, (origins.get(origin) ?? 0) + us);
    const name =
      `${callFrame.functionName || "(anonymous)"} ${callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : ""}`.trim();
    const entry = functions.get(name) ?? { origin, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const share = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  return {
    totalMs: ms(totalUs),
    byOrigin: [...origins]
      .sort((a, b) => b[1] - a[1])
      .map(([origin, us]) => ({ origin, ms: ms(us), share: share(us) })),
    byFunction: [...functions]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, entry]) => ({ name, origin: entry.origin, ms: ms(entry.us), share: share(entry.us) })),
    inclusive: [...inclusiveUs]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top * 2)
      .map(([name, entry]) => ({ name, origin: entry.origin, ms: ms(entry.us), share: share(entry.us) })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error("Usage: bench/profile-summary.ts <file.cpuprofile> [--top N]");
  const topIndex = process.argv.indexOf("--top");
  const summary = summarizeProfile(
    JSON.parse(readFileSync(file, "utf8")),
    topIndex === -1 ? 25 : Number(process.argv[topIndex + 1]),
  );
  console.log(`busy (not idle): ${summary.totalMs} ms\n\nby origin:`);
  for (const row of summary.byOrigin) console.log(`  ${String(row.share).padStart(5)} %  ${row.ms} ms  ${row.origin}`);
  console.log("\nby function, inclusive (itself and what it called):");
  for (const row of summary.inclusive)
    console.log(`  ${String(row.share).padStart(5)} %  ${row.ms} ms  ${row.name}  [${row.origin}]`);
  console.log("\nby function (self time):");
  for (const row of summary.byFunction)
    console.log(`  ${String(row.share).padStart(5)} %  ${row.ms} ms  ${row.name}  [${row.origin}]`);
}
