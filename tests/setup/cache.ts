/**
 * Every test file gets its own temporary cache, so no test writes into the real home directory:
 * `PULUMI_STATSIG_CACHE` (the shared pacer records) and `XDG_CACHE_HOME` (the records of creates
 * in flight) point into a fresh directory, removed after the file's tests. Child processes (the
 * Pulumi CLI and the provider it runs) inherit both.
 *
 * The Pulumi CLI that e2e tests build once (scripts/ensure-pulumi.sh) is a tool, not a test's
 * output: it stays where it was, found through `PULUMI_STATSIG_TOOLS_CACHE` (see scripts/lib/cli.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

if (process.env.PULUMI_STATSIG_TOOLS_CACHE === undefined)
  process.env.PULUMI_STATSIG_TOOLS_CACHE =
    process.env.PULUMI_STATSIG_CACHE || path.join(os.homedir(), ".cache", "pulumi-statsig");
const cache = fs.mkdtempSync(path.join(os.tmpdir(), "statsig-test-cache-"));
process.env.PULUMI_STATSIG_CACHE = path.join(cache, "pulumi-statsig");
process.env.XDG_CACHE_HOME = cache;

afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));
