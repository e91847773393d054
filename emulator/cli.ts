#!/usr/bin/env node
/**
 * `statsig-emulator` / `npm run emulator -- [flags]`: runs the Console API emulator until SIGINT
 * or SIGTERM. Prints `listening on http://127.0.0.1:<port>` once it accepts requests.
 */
import * as fs from "fs";
import { FaultRule, parseRules } from "./faults";
import { parseRateLimit } from "./rules";
import { DEFAULT_EMULATOR_KEY, startEmulator } from "./server";
import { Shape } from "./types";

const HELP = `Usage: statsig-emulator [options]

A local, stateful emulator of the Statsig Console API (openapi/statsig-console-api.yaml).

Options:
  --port <n>        port to listen on (0 picks a free one; default 0)
  --host <addr>     interface to bind (default 127.0.0.1)
  --api-key <key>   the STATSIG-API-KEY requests must carry (default ${DEFAULT_EMULATOR_KEY})
  --shape <s>       seed (default: the seed spec's bare entities) or published ({message, data},
                    nextPage pagination, 200 on tag and holdout create)
  --data <file>     keep state in <file> across restarts (atomic JSON snapshots); default: memory
  --rate-limit <r>  off (default), published (100/10s and 900/15m), or e.g. 5/1s,50/1m: 429 with
                    Retry-After beyond it
  --faults <f>      fault rules as JSON, or @file with JSON (see emulator/README.md)
  --log-limit <n>   request-log entries kept (default 10000)
  --sdk-keys <k>    server SDK keys the SDK endpoints accept: open (any secret-... key) or a
                    comma-separated list (default: secret-emulator-server-key)
  --help            this text

The API is served under /console/v1. Admin: GET /__emulator/requests, POST /__emulator/reset,
GET /__emulator/health, GET /__emulator/routes, GET|POST|DELETE /__emulator/faults,
GET|DELETE /__emulator/events. Statsig's server SDKs: /v1/download_config_specs/<key>.json,
/v2/download_config_specs/<key>.json, /v1/get_id_lists, /v1/log_event (see emulator/README.md).`;

/** Parses `--flag value` / `--flag=value` arguments. */
export function parseArgs(argv: string[]): Record<string, string> {
  // Null prototype: a flag such as `--__proto__` is an unknown option, not a prototype change.
  const out = Object.create(null) as Record<string, string>;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf("=");
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (a === "--help") out.help = "true";
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value`);
      out[a.slice(2)] = v;
      i++;
    }
  }
  return out;
}

async function main(): Promise<void> {
  let args: Record<string, string>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`statsig-emulator: ${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(HELP);
    return;
  }
  const known = ["port", "host", "api-key", "shape", "data", "rate-limit", "faults", "log-limit", "sdk-keys"];
  const unknown = Object.keys(args).filter((k) => !known.includes(k));
  if (unknown.length) {
    console.error(`statsig-emulator: unknown option --${unknown[0]}\n\n${HELP}`);
    process.exit(2);
  }
  const shape = (args.shape ?? "seed") as Shape;
  if (shape !== "seed" && shape !== "published") {
    console.error(`statsig-emulator: --shape must be seed or published`);
    process.exit(2);
  }
  let faults: FaultRule[] | undefined;
  try {
    if (args.faults) {
      const text = args.faults.startsWith("@") ? fs.readFileSync(args.faults.slice(1), "utf8") : args.faults;
      faults = parseRules(JSON.parse(text));
    }
    if (args["rate-limit"]) parseRateLimit(args["rate-limit"]);
  } catch (err) {
    console.error(`statsig-emulator: ${(err as Error).message}`);
    process.exit(2);
  }
  const emu = await startEmulator({
    port: Number(args.port ?? 0),
    host: args.host,
    apiKey: args["api-key"],
    shape,
    dataFile: args.data,
    rateLimit: args["rate-limit"],
    faults,
    logLimit: args["log-limit"] ? Number(args["log-limit"]) : undefined,
    sdkKeys: args["sdk-keys"] === "open" ? "open" : args["sdk-keys"]?.split(",").map((k) => k.trim()),
  });
  console.log(`listening on ${emu.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    emu.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`statsig-emulator: ${err?.stack ?? err}`);
    process.exit(1);
  });
}
