import pino from "pino";
import { env } from "@/lib/env";

// One JSON object per line on stdout: what Vercel's log drains and most log stores ingest.
// Secrets never reach here: callers log codes and outcomes, not payloads.
// Written synchronously (pino's default). An asynchronous destination, tried for the 2.8 % of a
// callback's CPU the write costs, lost lines when the server was stopped while stdout was backed
// up: the flush on exit cannot finish a write already in flight in the thread pool
// (test/unit/logger-shutdown.test.ts caught it in CI, under load). A line per callback is worth more.
export const logger = pino({
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
});
