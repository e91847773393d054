/** `npm run bench`'s flags (see scripts/bench-cli.ts's file comment for what each does). */

/** What a run measures and where it writes. */
export interface Options {
  /** N of the gates program and its trivial baseline, one run each. */
  sizes: number[];
  /** Resources in the mixed project (0: not run). */
  mixed: number;
  /** The emulator's rate limit (`published`, `off` or a spec); `off` also turns the provider's pacing off. */
  rateLimit: string;
  /** Where the report is written (none: printed only). */
  out?: string;
  /** Gate counts of the takeover benchmark (empty: the command benchmark). */
  takeover: number[];
  /** Takeover sizes from this one on skip the CLI's checkpoints. */
  skipCheckpointsFrom: number;
  /** Takeover: only generate and the generated program on a trivial provider. */
  baselineOnly?: boolean;
}

/** Reads the flags; an unknown flag or a bad value throws, naming the flag. */
export function parseArgs(argv: string[]): Options {
  const opts: Options = {
    sizes: [100, 500],
    mixed: 100,
    rateLimit: "published",
    out: "BENCHMARKS.md",
    takeover: [],
    skipCheckpointsFrom: Infinity,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") {
      opts.sizes = [20];
      opts.mixed = 24;
      if (opts.out === "BENCHMARKS.md") opts.out = undefined;
    } else if (a === "--sizes") opts.sizes = value().split(",").map(Number);
    else if (a === "--mixed") opts.mixed = Number(value());
    else if (a === "--rate-limit") opts.rateLimit = value();
    else if (a === "--out") opts.out = value();
    else if (a === "--takeover") opts.takeover = value().split(",").map(Number);
    else if (a === "--skip-checkpoints-from") opts.skipCheckpointsFrom = Number(value());
    else if (a === "--takeover-baseline-only") opts.baselineOnly = true;
    else
      throw new Error(
        `unknown flag ${a} (known: --sizes 100,500, --mixed N, --quick, --rate-limit, --out, --takeover 1000,5000, --skip-checkpoints-from N, --takeover-baseline-only)`,
      );
  }
  if (opts.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes: positive integers");
  if (opts.takeover.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--takeover: positive integers");
  if (!Number.isInteger(opts.mixed) || (opts.mixed !== 0 && opts.mixed < 5))
    throw new Error("--mixed: 0 (skip) or at least 5");
  return opts;
}
