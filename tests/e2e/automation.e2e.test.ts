/**
 * Issue 17, item 5: the Automation API with an inline program, run by a script from a working
 * directory outside the program (a platform team's deploy script started from anywhere). Pulumi
 * takes an inline program's `main` from the process's working directory and starts the dynamic
 * provider plugin there, which must resolve `@pulumi/pulumi`; the package makes that work from any
 * directory. The script is a real Node process (not Jest), as a user runs it: up, preview, refresh,
 * destroy.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { E2E_DIR, installPackage, offlineEnv, pulumiCli } from "./harness";

jest.setTimeout(300_000);

/** The deploy script, as a user writes it (plain JavaScript, the package imported at the top). */
const SCRIPT = `
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
const statsig = require("pulumi-statsig");

async function main() {
  const [root, apiUrl, apiKey] = process.argv.slice(2);
  const program = async () => {
    const gate = new statsig.Gate("automated", { name: "automated gate", description: "from code" });
    return { id: gate.id };
  };
  const pulumiCommand = await PulumiCommand.get({ root, skipVersionCheck: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: "automation", stackName: "dev", program },
    { pulumiCommand, envVars: { STATSIG_API_URL: apiUrl, STATSIG_CONSOLE_API_KEY: apiKey } },
  );
  const up = await stack.up();
  console.log("up:", up.summary.result, up.outputs.id.value);
  const preview = await stack.preview();
  console.log("preview:", JSON.stringify(preview.changeSummary));
  const refresh = await stack.refresh();
  console.log("refresh:", refresh.summary.result);
  const destroy = await stack.destroy();
  console.log("destroy:", destroy.summary.result);
}
main().catch((err) => {
  console.error(String(err && err.stack || err));
  process.exit(1);
});
`;

describe("Automation API inline program from another working directory", () => {
  let emu: RunningEmulator;
  let dir: string;
  let foreign: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    installPackage();
    fs.mkdirSync(E2E_DIR, { recursive: true });
    // The script lives with its node_modules (this repository's); it runs from a directory that has none.
    dir = fs.mkdtempSync(path.join(E2E_DIR, "automation-"));
    fs.mkdirSync(path.join(dir, "backend"));
    fs.writeFileSync(path.join(dir, "deploy.js"), SCRIPT);
    foreign = fs.mkdtempSync(path.join(os.tmpdir(), "automation-cwd-"));
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(foreign, { recursive: true, force: true });
    await emu?.close();
  });

  it("runs up, preview, refresh and destroy", async () => {
    const { root } = pulumiCli();
    const env = { ...process.env, ...offlineEnv(dir) };
    let out: string;
    try {
      const r = await promisify(execFile)(
        process.execPath,
        [path.join(dir, "deploy.js"), root, emu.apiUrl, emu.apiKey],
        { cwd: foreign, env, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      );
      out = r.stdout;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`the script failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    }
    expect(out).toContain("up: succeeded automated_gate");
    expect(out).toMatch(/preview: \{"same":2\}/);
    expect(out).toContain("refresh: succeeded");
    expect(out).toContain("destroy: succeeded");
    expect(emu.store.get("gates", "automated_gate")).toBeUndefined();
    expect(emu.requests().some((r) => r.method === "DELETE" && r.path === "/gates/automated_gate")).toBe(true);
  });
});
