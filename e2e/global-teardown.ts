import { rmSync } from "node:fs";

// The run's embedded database lives in a temp folder made by playwright.config.ts: remove it.
export default function globalTeardown() {
  const directory = process.env.E2E_PGLITE_DIR;
  if (directory) rmSync(directory, { recursive: true, force: true });
}
