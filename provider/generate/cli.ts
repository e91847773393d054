#!/usr/bin/env node
/**
 * `npx pulumi-statsig generate --out <dir> [--api-url <url>] [--overrides]`: writes a Pulumi program declaring
 * every entity of an existing Statsig project (see `index.ts`). The key comes from
 * `STATSIG_CONSOLE_API_KEY` only (never a flag: it would land in shell history and process lists).
 */
import * as path from "path";
import { ENV_KEYS, getClient, setting } from "../settings";
import { DEFAULT_API_URL } from "../client";
import type * as Generate from "./index";
import type * as Source from "./source";
import { simulateMain } from "../simulate/cli";

/**
 * The usage text. A function, loading `./source` only when it is printed: `source` reads the entity
 * registry, which loads every resource module and `@pulumi/pulumi` (0.4 s of start-up that
 * `simulate`, which shares this bin, need not pay; tests/unit/generate/startup.test.ts).
 */
async function help(): Promise<string> {
  const { OVERRIDES_NOUNS }: typeof Source = await import("./source");
  return `Usage: pulumi-statsig generate --out <dir> [--api-url <url>] [--overrides] [--protect] [--retain-on-delete]

Reads every gate, dynamic config, experiment, segment (with its id list), layer, holdout, tag and
autotune of a Statsig project through the Console API and writes <dir>/index.ts: a Pulumi program
declaring each of them with adopt: true, so the first \`pulumi up\` takes them over without writing.
Pulumi.yaml, package.json and tsconfig.json are written only when missing.
It reads the lists in pages of 100, plus each id-list segment's ids when it has any; the overrides
of every ${OVERRIDES_NOUNS} only with --overrides
(one request each): without it, the program leaves them unmanaged.

Options:
  --out <dir>       where to write the program (required)
  --api-url <url>   Console API base URL (default: ${ENV_KEYS.apiUrl}, else ${DEFAULT_API_URL})
  --overrides       also read and declare the overrides of every ${OVERRIDES_NOUNS}
                    (one request each; a kind the service has no endpoint for stays unmanaged)
  --protect         set \`protect: true\` on every resource: Pulumi refuses to delete any of them
                    (destroy, removal from the program, replace) until the option is removed
  --retain-on-delete
                    set \`retainOnDelete: true\` on every resource: a delete (destroy, removal,
                    replace) only forgets it, and the entity stays in Statsig
  --help            this text

Environment:
  ${ENV_KEYS.apiKey}   the Console API key (required)
  ${ENV_KEYS.apiUrl}           base URL when --api-url is not given
  ${ENV_KEYS.rateLimit}        request budget (default: the published one, 100 per 10 s)`;
}

/** Flags that take no value. */
const SWITCHES = new Set(["help", "protect", "retain-on-delete", "overrides"]);

/** Parses `generate --flag value` / `--flag=value`, and the switches (`--protect`). */
export function parseArgs(argv: string[]): { command?: string; flags: Record<string, string> } {
  const flags: Record<string, string> = {};
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) {
      if (command) throw new Error(`unexpected argument ${a}`);
      command = a;
      continue;
    }
    const eq = a.indexOf("=");
    if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
    else if (SWITCHES.has(a.slice(2))) flags[a.slice(2)] = "true";
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      flags[a.slice(2)] = v;
      i++;
    }
  }
  return { command, flags };
}

/** Runs the command; returns the exit code. */
export async function main(argv: string[], log = console.log, warn = console.error): Promise<number> {
  // `simulate` has flags of its own (provider/simulate/cli.ts).
  if (argv[0] === "simulate") return simulateMain(argv.slice(1), log, warn);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    warn(`pulumi-statsig: ${(err as Error).message}\n\n${await help()}`);
    return 2;
  }
  const { command, flags } = parsed;
  if (flags.help) {
    log(await help());
    return 0;
  }
  const unknown = Object.keys(flags).filter((k) => k !== "out" && k !== "api-url" && !SWITCHES.has(k));
  if (command !== "generate" || unknown.length || !flags.out) {
    const why =
      command !== "generate"
        ? command
          ? `unknown command ${command}`
          : "missing command"
        : unknown.length
          ? `unknown option --${unknown[0]}`
          : "--out <dir> is required";
    warn(`pulumi-statsig: ${why}\n\n${await help()}`);
    return 2;
  }
  if (!setting("apiKey")) {
    warn(`pulumi-statsig: set ${ENV_KEYS.apiKey} to a Console API key of the project to read`);
    return 2;
  }
  // Loaded only here: the generator brings prettier (seconds of start-up `simulate` need not pay).
  const { KIND_LABELS, generate }: typeof Generate = await import("./index");
  const { KINDS, OVERRIDES_KINDS, phrase }: typeof Source = await import("./source");
  // The flag wins over the environment; readSettings validates it like any configured URL.
  if (flags["api-url"]) process.env[ENV_KEYS.apiUrl] = flags["api-url"];
  const client = getClient();
  log(`Reading the project from ${client.baseUrl} ...`);
  const out = path.resolve(flags.out);
  const r = await generate(client, out, {
    protect: flags.protect === "true",
    retainOnDelete: flags["retain-on-delete"] === "true",
    overrides: flags.overrides === "true",
  });
  const total = KINDS.reduce((s, k) => s + r.counts[k], 0);
  log(`Wrote ${path.join(out, "index.ts")}: ${total} resources`);
  for (const k of KINDS) log(`  ${KIND_LABELS[k].padEnd(16)}${r.counts[k]}`);
  if (r.written.length > 1) log(`Created ${r.written.slice(1).join(", ")}`);
  if (r.kept.length) log(`Kept the existing ${r.kept.join(", ")}`);
  for (const w of r.warnings) warn(`warning: ${w}`);
  const withOverrides = OVERRIDES_KINDS.filter((k) => r.counts[k]);
  if (flags.overrides !== "true" && withOverrides.length)
    log(
      `Overrides of the ${phrase(withOverrides.map((k) => KIND_LABELS[k]))} were not read (left unmanaged): ` +
        "add --overrides to read and declare them (one request each)",
    );
  if (flags.overrides === "true") for (const note of r.unread) warn(`warning: ${note}`);
  // The program must talk to the URL it was generated from: a default one needs no setting.
  const apiUrl = client.baseUrl === DEFAULT_API_URL ? "" : `pulumi config set statsig:apiUrl ${client.baseUrl} && `;
  log(
    `Next: cd ${flags.out} && npm install && pulumi stack init && ${apiUrl}` +
      "pulumi config set --secret statsig:consoleApiKey <key> && pulumi up",
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    // Exit once stdout is flushed: a large report written to a pipe is otherwise cut short.
    (code) => process.stdout.write("", () => process.exit(code)),
    (err) => {
      console.error(`pulumi-statsig: ${err?.message ?? err}`);
      process.exit(1);
    },
  );
}
