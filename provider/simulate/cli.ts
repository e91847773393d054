/**
 * `npx pulumi-statsig simulate --users <file> --plan <file|-> [--base <file>] [--environment <tier>]
 * [--format text|markdown|json] [--fail-on-flip]`: who does a planned change affect? See index.ts.
 */
import * as fs from "fs";
import { ENV_KEYS, getClient, setting } from "../settings";
import type * as Source from "../generate/source";
import type { ConsoleProject } from "../../emulator/sdk/translate";
import { formatReport, parseUsers, projectFromExport, projectFromPlan, simulate } from "./index";

/** The subcommand's help. */
export const SIMULATE_HELP = `Usage: pulumi-statsig simulate --users <file> --plan <file|-> [options]

Evaluates every gate, dynamic config and experiment for each user, before and after a planned
change, with Statsig's own server SDK (statsig-node, offline), and prints the users whose result
changes: "gate new_checkout: 3 of 200 users flip false → true (rule "employees"): alice@example.com, …".
Nothing is written anywhere.

Options:
  --users <file>        Statsig users, a JSON array or JSON lines ({"userID": …, "email": …, "custom": {…}})
  --plan <file|->       the output of \`pulumi preview --json\` (- reads standard input)
  --base <file>         the output of \`pulumi stack export\` (the current version); without it the
                        current version is read from the Console API (${ENV_KEYS.apiKey}, ${ENV_KEYS.apiUrl})
  --environment <tier>  evaluate as an SDK running in this environment tier (e.g. production)
  --format <f>          text (default), markdown (for a pull-request comment) or json
  --fail-on-flip        exit with status 1 when some user's result changes
  --help                this text

Results decided by a percentage depend on the bucketing salt, which the Console API does not expose:
they are marked, and may name other users than production would.`;

const VALUE_FLAGS = new Set(["users", "plan", "base", "environment", "format"]);
const BOOL_FLAGS = new Set(["fail-on-flip", "help"]);

/** Parses the subcommand's arguments (`--flag value`, `--flag=value`, boolean flags). */
function parseSimulateArgs(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (BOOL_FLAGS.has(name)) {
      flags[name] = "true";
      continue;
    }
    if (!VALUE_FLAGS.has(name)) throw new Error(`unknown option --${name}`);
    const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (v === undefined || (eq < 0 && v.startsWith("--"))) throw new Error(`${a} needs a value`);
    flags[name] = v;
  }
  return flags;
}

const readJson = (file: string, what: string): unknown => {
  const text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} ${file === "-" ? "(standard input)" : file}: not JSON (${(err as Error).message})`);
  }
};

/** Runs `simulate`; returns the exit code. */
export async function simulateMain(argv: string[], log = console.log, warn = console.error): Promise<number> {
  let flags: Record<string, string>;
  try {
    flags = parseSimulateArgs(argv);
    if (flags.help) {
      log(SIMULATE_HELP);
      return 0;
    }
    if (!flags.users) throw new Error("--users <file> is required");
    if (!flags.plan) throw new Error("--plan <file|-> is required (the output of `pulumi preview --json`)");
    if (flags.format && !["text", "markdown", "json"].includes(flags.format))
      throw new Error("--format must be text, markdown or json");
  } catch (err) {
    warn(`pulumi-statsig simulate: ${(err as Error).message}\n\n${SIMULATE_HELP}`);
    return 2;
  }
  const users = parseUsers(fs.readFileSync(flags.users, "utf8"));
  const plan = readJson(flags.plan, "--plan");
  let base: ConsoleProject;
  if (flags.base) base = projectFromExport(readJson(flags.base, "--base"));
  else {
    if (!setting("apiKey")) {
      warn(
        `pulumi-statsig simulate: give --base <stack export>, or set ${ENV_KEYS.apiKey} to read the current version`,
      );
      return 2;
    }
    // Overrides decide results before any rule, so they are read (generate skips them unless asked);
    // `unread` is generate's note about what it skipped, not a kind of entity.
    // Loaded only here: reading goes through the entity registry, which loads every resource module
    // and @pulumi/pulumi (0.4 s of start-up a run with --base need not pay).
    const { readProject }: typeof Source = await import("../generate/source");
    const { unread: _unread, ...project } = await readProject(getClient(), { overrides: true });
    void _unread;
    base = project as unknown as ConsoleProject;
  }
  const planned = projectFromPlan(base, plan);
  const report = await simulate({ users, base, planned, environment: flags.environment });
  log(formatReport(report, (flags.format as "text" | "markdown" | "json") ?? "text"));
  return flags["fail-on-flip"] && report.changes.length ? 1 : 0;
}
