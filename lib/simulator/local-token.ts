import { readFileSync } from "node:fs";
import path from "node:path";

// The Quick start (scripts/start-embedded.sh) keeps a generated callback token beside the embedded
// database; the simulator and the seed use it when CALLBACK_TOKEN is not set. Like CALLBACK_TOKEN
// it may list several (new,old while rotating): the first is the current one.
export function localCallbackToken(): string | undefined {
  try {
    const saved = readFileSync(path.join(process.cwd(), ".data", "callback-token"), "utf8");
    return saved.split(",")[0].trim() || undefined;
  } catch {
    return undefined;
  }
}
