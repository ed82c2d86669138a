import pino, { type DestinationStream } from "pino";
import { env } from "@/lib/env";

// One JSON object per line on stdout: what Vercel's log drains and most log stores ingest.
// Secrets never reach here: callers log codes and outcomes, not payloads.

// A long-running production server writes asynchronously: a synchronous write to stdout held the
// callback's answer for the length of a write(2) (2.8 % of the receiver's CPU profile), and under
// load the lines of concurrent callbacks now go out in one write. pino flushes what is pending
// when the process exits (Next.js turns SIGTERM and SIGINT into process.exit), so no line is lost
// on a shutdown. A Vercel function stays synchronous: it may be frozen the moment it has
// answered, with a line still unwritten. Development and tests stay synchronous too, so a line is
// out by the time the call returns.
const destinationKey = Symbol.for("payssam.logDestination");

function destination(): DestinationStream {
  const { NODE_ENV, VERCEL } = env();
  if (NODE_ENV !== "production" || VERCEL) return pino.destination({ dest: 1, sync: true });
  // One for the process, on globalThis: Next.js evaluates this module once per bundle, and two
  // asynchronous writers on one descriptor could interleave parts of their lines.
  const shared = globalThis as unknown as { [destinationKey]?: DestinationStream };
  shared[destinationKey] ??= pino.destination({ dest: 1, sync: false });
  return shared[destinationKey];
}
export const logger = pino(
  {
    level: env().LOG_LEVEL,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // A safety net for a careless log call; the session cookie and passwords included.
    redact: {
      paths: [
        "apiKey",
        "apikey",
        "token",
        "password",
        "cookie",
        "authorization",
        "*.apiKey",
        "*.token",
        "*.password",
        "*.cookie",
        "*.authorization",
        "headers.cookie",
        'headers["set-cookie"]',
      ],
      censor: "[masked]",
    },
  },
  destination(),
);
