import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

// The session cookies are signed with this secret. A deployment on PostgreSQL must set it (every
// instance needs the same one). The embedded database is one machine's directory, so a random
// secret is generated once and kept beside the data: `npm run quickstart` needs no setup, and
// sessions survive restarts. In development and tests a fixed secret keeps things simple.

const developmentSecret = "payssam-development-secret-not-for-production-0000";

export function authSecret(): string {
  const config = env();
  const configured = config.BETTER_AUTH_SECRET ?? config.AUTH_SECRET;
  if (configured) return configured;
  if (config.NODE_ENV !== "production") return developmentSecret;
  if (config.DATABASE_URL) {
    throw new Error(
      "BETTER_AUTH_SECRET is not set. It signs the dashboard's session cookies and must be the same on every " +
        "instance: generate one with `openssl rand -base64 32` and set it in the deployment's environment.",
    );
  }
  const directory = path.resolve(config.PGLITE_DIR);
  if (directory.startsWith("memory:")) return developmentSecret;
  const file = path.join(directory, "payssam-auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(directory, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    return secret;
  } catch (error) {
    // Another bundle of the same server wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return readFileSync(file, "utf8").trim();
    throw error;
  }
}
