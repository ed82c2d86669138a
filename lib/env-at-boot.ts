import { type Env, settleEnv } from "./env";

/**
 * The configuration, checked (and in production settled) when the server starts. Invalid (a CALLBACK_TOKEN shorter than 24
 * characters in production, a malformed DATABASE_URL, …): one log line saying why, then the process
 * ends, since Next.js would otherwise keep running and answer 500 to every request.
 */
export function configurationOrExit(): Env {
  try {
    return settleEnv();
  } catch (error) {
    // The logger reads the configuration too, so this line is written by hand, in its format.
    console.error(
      JSON.stringify({
        level: "fatal",
        time: new Date().toISOString(),
        event: "config",
        msg: `refusing to start: ${(error as Error).message}`,
      }),
    );
    process.exit(1);
  }
}
