/**
 * The emulator as a local Statsig, and `simulate`, through the real CLI:
 * - `pulumi up` of a program into the emulator, then both server SDKs pointed at the emulator see
 *   the declared gates and config (as an application's tests would);
 * - an edit's `pulumi preview --json | pulumi-statsig simulate --users …` (the installed bin) names
 *   exactly the users who flip, with no write request to the emulator, both with the current
 *   version read from the Console API and from `pulumi stack export` (`--base`).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator/server";
import { DEFAULT_SERVER_SDK_KEY } from "../../emulator/sdk/serve";
import { coreHttpEngine, nodeHttpEngine } from "../../provider/simulate/engines";
import { REPO, TestStack, newStack, writesSince } from "./harness";

jest.setTimeout(180_000);

const V1 = `import * as statsig from "pulumi-statsig";
const staff = new statsig.Segment("staff", {
  name: "staff",
  type: "rule_based",
  rules: [{ name: "corp", conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@corp.example"] }] }],
});
new statsig.Gate("new-checkout", {
  name: "new_checkout",
  isEnabled: true,
  rules: [{ name: "employees", conditions: [{ type: "passes_segment", operator: "any", targetValue: [staff.id] }] }],
});
new statsig.DynamicConfig("limits", {
  name: "checkout_limits",
  defaultValue: { max: 10 },
  rules: [{ name: "staff", passPercentage: 100, conditions: [{ type: "passes_segment", operator: "any", targetValue: [staff.id] }], returnValue: { max: 100 } }],
});
`;

// The edit: a typo-sized change (a second suffix), and a new gate the checkout gate now also lets in.
const V2 = V1.replace('targetValue: ["@corp.example"]', 'targetValue: ["@corp.example", "@example.com"]')
  .replace(
    `new statsig.Gate("new-checkout", {`,
    `const beta = new statsig.Gate("beta", {
  name: "beta testers",
  isEnabled: true,
  rules: [{ name: "listed", conditions: [{ type: "user_id", operator: "any", targetValue: ["bob"] }] }],
});
new statsig.Gate("new-checkout", {`,
  )
  .replace(
    `rules: [{ name: "employees", conditions: [{ type: "passes_segment", operator: "any", targetValue: [staff.id] }] }],`,
    `rules: [
    { name: "employees", conditions: [{ type: "passes_segment", operator: "any", targetValue: [staff.id] }] },
    { name: "beta", conditions: [{ type: "passes_gate", targetValue: [beta.id] }] },
  ],`,
  );

const USERS = [
  { userID: "alice", email: "alice@corp.example" },
  { userID: "bob", email: "bob@gmail.com" },
  { userID: "carol", email: "carol@example.com" },
  { userID: "dan", email: "dan@other.org" },
];

/** Runs a command asynchronously (the emulator answers from this process), feeding `input`. */
function run(cmd: string, args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv; input?: string }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

describe("the emulator as a local Statsig, and simulate", () => {
  let emu: RunningEmulator;
  let s: TestStack;
  let usersFile: string;
  let bin: string;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    s = await newStack("simulate", V1, emu);
    await s.stack.up();
    usersFile = path.join(s.dir, "users.jsonl");
    fs.writeFileSync(usersFile, USERS.map((u) => JSON.stringify(u)).join("\n"));
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", "pulumi-statsig", "package.json"), "utf8"));
    bin = path.join(REPO, "node_modules", "pulumi-statsig", pkg.bin["pulumi-statsig"]);
  }, 10 * 60_000);
  afterAll(async () => {
    await s?.cleanup();
    await emu?.close();
  });

  test.each([
    ["statsig-node", nodeHttpEngine],
    ["@statsig/statsig-node-core", coreHttpEngine],
  ])("%s pointed at the emulator sees what pulumi up declared", async (_sdk, make) => {
    const sdk = await make(emu.url, DEFAULT_SERVER_SDK_KEY);
    try {
      expect(sdk.evaluate("gate", "new_checkout", USERS[0])).toMatchObject({ value: true });
      expect(sdk.evaluate("gate", "new_checkout", USERS[1])).toMatchObject({ value: false });
      expect(sdk.evaluate("config", "checkout_limits", USERS[0]).value).toEqual({ max: 100 });
      expect(sdk.evaluate("config", "checkout_limits", USERS[3]).value).toEqual({ max: 10 });
    } finally {
      await sdk.close();
    }
  });

  test("an application's own script, with each SDK, and the installed pulumi-statsig/testing", async () => {
    // What an app's test or local run does: a separate Node process, the SDKs from npm, the
    // emulator's URL and the catalogue's server key.
    const script = `
      const { StatsigServer } = require("statsig-node");
      const { Statsig, StatsigUser } = require("@statsig/statsig-node-core");
      const { evaluateGate } = require("pulumi-statsig/testing");
      const url = process.env.EMULATOR_URL, key = "secret-emulator-server-key";
      (async () => {
        const node = new StatsigServer(key, { api: url + "/v1" });
        await node.initializeAsync();
        const core = new Statsig(key, { specsUrl: url + "/v2/download_config_specs", outputLogLevel: "none" });
        await core.initialize();
        const out = {};
        for (const email of ["ada@corp.example", "bob@gmail.com"]) {
          const user = { userID: email, email };
          out[email] = [
            node.checkGateSync(user, "new_checkout"),
            core.checkGate(new StatsigUser(user), "new_checkout"),
            node.getConfigSync(user, "checkout_limits").value.max,
            core.getDynamicConfig(new StatsigUser(user), "checkout_limits").value.max,
          ];
        }
        const gate = { name: "g", rules: [{ name: "corp", conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: ["@corp.example"] }] }] };
        out.testing = (await evaluateGate(gate, { userID: "1", email: "x@corp.example" })).rule;
        await node.shutdownAsync();
        await core.shutdown();
        console.log(JSON.stringify(out));
      })();
    `;
    const file = path.join(REPO, ".e2e", "app-script.js");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, script);
    try {
      const r = await run(process.execPath, [file], { env: { ...process.env, EMULATOR_URL: emu.url } });
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual({
        "ada@corp.example": [true, true, 100, 100],
        "bob@gmail.com": [false, false, 10, 10],
        testing: "corp",
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test("preview --json | simulate names exactly the users who flip, and writes nothing", async () => {
    s.writeProgram(V2);
    const env = { ...process.env, ...s.env };
    const from = emu.requests().length;
    const preview = await run("pulumi", ["preview", "--json", "--stack", "e2e"], { cwd: s.dir, env });
    expect(preview.stderr).toBe("");
    const exported = await run("pulumi", ["stack", "export", "--stack", "e2e"], { cwd: s.dir, env });
    const baseFile = path.join(s.dir, "base.json");
    fs.writeFileSync(baseFile, exported.stdout);

    // The current version from the Console API (the provider's settings from the environment)…
    const fromApi = await run(
      process.execPath,
      [bin, "simulate", "--plan", "-", "--users", usersFile, "--fail-on-flip"],
      {
        env: { ...process.env, STATSIG_CONSOLE_API_KEY: emu.apiKey, STATSIG_API_URL: emu.apiUrl },
        input: preview.stdout,
      },
    );
    // …and from the stack's state.
    const fromState = await run(
      process.execPath,
      [bin, "simulate", "--plan", "-", "--users", usersFile, "--base", baseFile, "--format", "json"],
      { env: { ...process.env, STATSIG_CONSOLE_API_KEY: "" }, input: preview.stdout },
    );
    expect(writesSince(emu, from)).toEqual([]);

    expect(fromApi.code).toBe(1); // --fail-on-flip, and users flip
    const lines = fromApi.stdout.split("\n").filter((l) => /^(gate|config|experiment) /.test(l));
    expect(lines.sort()).toEqual(
      [
        'config checkout_limits: 1 of 4 users change {"max":10} → {"max":100} (rule "staff"): carol@example.com',
        'gate beta_testers (created by the plan): 1 of 4 users flip false → true (rule "listed"): bob@gmail.com',
        'gate new_checkout: 1 of 4 users flip false → true (rule "beta"): bob@gmail.com',
        'gate new_checkout: 1 of 4 users flip false → true (rule "employees"): carol@example.com',
      ].sort(),
    );

    expect(fromState.code).toBe(0);
    const report = JSON.parse(fromState.stdout);
    const flipped = Object.fromEntries(
      report.changes.map((c: { name: string; transitions: { users: string[] }[] }) => [
        c.name,
        c.transitions.flatMap((t) => t.users).sort(),
      ]),
    );
    expect(flipped).toEqual({
      beta_testers: ["bob@gmail.com"],
      checkout_limits: ["carol@example.com"],
      new_checkout: ["bob@gmail.com", "carol@example.com"],
    });
  });
});
