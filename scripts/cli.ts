// What the command-line scripts share: a usage error type, and turning a parse into either the
// command or the exit code (2 with the usage text for a bad flag, 0 after --help).

export class UsageError extends Error {}

export function parseOrExplain<Parsed extends { help: boolean }>(
  parse: () => Parsed,
  usage: string,
): { command: Exclude<Parsed, { help: true }> } | { exitCode: number } {
  let parsed: Parsed;
  try {
    parsed = parse();
  } catch (error) {
    if (!(error instanceof UsageError) && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") !== true) {
      throw error;
    }
    console.error(`${(error as Error).message}\n\n${usage}`);
    return { exitCode: 2 };
  }
  if (parsed.help) {
    console.log(usage);
    return { exitCode: 0 };
  }
  return { command: parsed as Exclude<Parsed, { help: true }> };
}
