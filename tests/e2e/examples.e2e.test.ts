/**
 * Every program in examples/ runs as a user would run it: `pulumi up` against the emulator, a
 * preview that must show no changes, and `destroy`, which must leave the emulator empty without a
 * single failed request. (`npm run lint` type-checks the same files with examples/tsconfig.json.)
 * examples/whole-project runs in project.e2e.test.ts, in both response shapes.
 */
import { SIMULATE_HELP } from "../../provider/simulate/cli";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { startEmulator, RunningEmulator } from "../../emulator/server";
import { REPO, newStack } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const EXAMPLES = path.join(REPO, "examples");

/** Examples with a program of their own (ci-preview holds a workflow, checked below). */
const PROGRAMS: { name: string; creates: number; collections: string[] }[] = [
  { name: "feature-flags", creates: 4, collections: ["segments", "gates", "dynamic_configs"] },
  { name: "experiment", creates: 4, collections: ["layers", "gates", "experiments", "holdouts"] },
];

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emu?.close();
});

it("every example folder is covered here or by project.e2e.test.ts", () => {
  const dirs = fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  // testing/ holds a Jest test of pulumi-statsig/testing (run by the suite through jest.config.js).
  expect(dirs).toEqual(["ci-preview", "testing", ...PROGRAMS.map((p) => p.name), "whole-project"].sort());
});

describe.each(PROGRAMS)("examples/$name with the real CLI", ({ name, creates, collections }) => {
  it(
    "up, a no-change preview, and destroy leaving the emulator empty",
    async () => {
      const source = fs.readFileSync(path.join(EXAMPLES, name, "index.ts"), "utf8");
      const t = await newStack(`example-${name}`, source, emu);
      try {
        const up = await t.stack.up();
        expect(up.summary.resourceChanges).toEqual({ create: creates + 1 }); // + the stack itself
        for (const c of collections) expect(emu.store.list(c).length).toBeGreaterThan(0);
        expect(Object.keys(up.outputs)).toEqual(["ids"]);

        await t.stack.preview({ expectNoChanges: true });

        await t.stack.destroy();
        for (const c of collections) expect(emu.store.list(c)).toEqual([]);
        expect(emu.requests().filter((r) => r.status >= 400)).toEqual([]);
      } finally {
        await t.cleanup();
      }
    },
    20 * 60_000,
  );
});

describe("examples/ci-preview", () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(EXAMPLES, "ci-preview", "pulumi-preview.yml"), "utf8"));
  const run = (job: string) => (workflow.jobs[job].steps as { run?: string }[]).map((s) => s.run ?? "").join("\n");

  it("previews pull requests, in a job against the emulator and one against Statsig", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(Object.keys(workflow.jobs)).toEqual(["preview-emulator", "preview-statsig"]);
    expect(run("preview-emulator")).toContain("pulumi preview");
    expect(run("preview-statsig")).toContain("pulumi preview");
  });

  it("starts the emulator with the package's own bin and admin endpoint, and needs no secret", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    expect(run("preview-emulator")).toContain(`npx ${Object.keys(pkg.bin)[0]} --port 8080`);
    expect(run("preview-emulator")).toContain("http://127.0.0.1:8080/__emulator/health");
    expect(JSON.stringify(workflow.jobs["preview-emulator"])).not.toContain("secrets.");
  });

  it("posts the simulation next to each preview, with the flags simulate has", () => {
    for (const job of ["preview-emulator", "preview-statsig"]) {
      const steps = workflow.jobs[job].steps as { name?: string; run?: string }[];
      const i = steps.findIndex((st) => /pulumi-statsig simulate/.test(st.run ?? ""));
      expect(i).toBeGreaterThan(steps.findIndex((st) => /pulumi preview --diff|--refresh --diff/.test(st.run ?? "")));
      const cmd = steps[i].run!.replace(/\\\n\s*/g, " ");
      expect(cmd).toContain("pulumi preview");
      expect(cmd).toContain("--json");
      expect(cmd).toContain("GITHUB_STEP_SUMMARY");
      const flags = [...cmd.slice(cmd.indexOf("pulumi-statsig simulate")).matchAll(/--([a-z-]+)/g)].map((m) => m[1]);
      for (const f of flags) expect(SIMULATE_HELP).toContain(`--${f}`);
    }
  });

  it("takes the real API key from a repository secret, in the environment, never from a file", () => {
    const job = workflow.jobs["preview-statsig"];
    expect(job.env.STATSIG_CONSOLE_API_KEY).toBe("${{ secrets.STATSIG_CONSOLE_API_KEY }}");
    expect(job.if).toContain("github.repository"); // forks get no secrets
  });
});
