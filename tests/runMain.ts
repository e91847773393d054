/** What a command-line entry point printed and the exit code it returned. */
export interface MainRun {
  code: number;
  /** Its `log` lines, joined by newlines. */
  out: string;
  /** Its `warn` lines, joined by newlines. */
  err: string;
}

/**
 * Runs a command-line entry point (`main(argv, log, warn)` resolving to the exit code, as the bin's
 * commands are written) on `argv`, collecting what it prints instead of printing it.
 */
export async function runMain(
  main: (argv: string[], log: (line: string) => void, warn: (line: string) => void) => Promise<number>,
  argv: string[],
): Promise<MainRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}
