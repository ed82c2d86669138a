import { readFileSync } from "node:fs";
import path from "node:path";

// The Quick start (scripts/start-embedded.sh) keeps a generated callback token beside the embedded
// database; the simulator and the seed use it when CALLBACK_TOKEN is not set.
export function localCallbackToken(): string | undefined {
  try {
    return readFileSync(path.join(process.cwd(), ".data", "callback-token"), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}
