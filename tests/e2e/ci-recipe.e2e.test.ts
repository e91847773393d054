/**
 * Issue 17, item 4: the CI recipe (examples/ci-preview/pulumi-preview.yml) run for real. The
 * `preview-emulator` job's steps run as a script, as GitHub runs them (`bash -eo pipefail`, one
 * process per step, `$GITHUB_ENV` carried to later steps), in a scratch git repository whose pull
 * request changes the committed `Pulumi.ci-preview.yaml`, twice in a row in the same checkout:
 * `pulumi stack select --create` writes `encryptionsalt:` into that file, which used to abort the
 * next `git checkout` ("Your local changes ... would be overwritten"). Real npm installs, the real
 * emulator bin, the real Pulumi CLI; only the emulator's port differs (this machine runs tests in
 * parallel; a runner has 8080 to itself). And both jobs cache npm downloads.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { REPO, pulumiCli } from "./harness";

jest.setTimeout(900_000);

const WORKFLOW = path.join(REPO, "examples", "ci-preview", "pulumi-preview.yml");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

const PROGRAM = (gates: string[]) => `const pulumi = require("@pulumi/pulumi");
const statsig = require("pulumi-statsig");
const cfg = new pulumi.Config();
${gates.map((g) => `new statsig.Gate(${JSON.stringify(g)}, { name: ${JSON.stringify(g)}, description: cfg.require("description") });`).join("\n")}
`;

describe("examples/ci-preview run as a script", () => {
  const workflow = YAML.parse(fs.readFileSync(WORKFLOW, "utf8"));
  let scratch: string;
  let repo: string;
  let base: string;
  let head: string;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ci-recipe-"));
    repo = path.join(scratch, "repo");
    const infra = path.join(repo, workflow.env.PROGRAM_DIR);
    fs.mkdirSync(infra, { recursive: true });
    // The package as users get it (npm pack of the build), a dependency of the program.
    const tgz = execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", scratch], {
      cwd: REPO,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    fs.writeFileSync(
      path.join(infra, "package.json"),
      JSON.stringify({
        name: "infra",
        private: true,
        main: "index.js",
        dependencies: { "@pulumi/pulumi": "3.248.0", "pulumi-statsig": `file:${path.join(scratch, tgz)}` },
      }),
    );
    fs.writeFileSync(path.join(infra, "Pulumi.yaml"), "name: infra\nruntime: nodejs\n");
    fs.writeFileSync(path.join(infra, ".gitignore"), "node_modules/\n");
    fs.writeFileSync(path.join(infra, "index.js"), PROGRAM(["checkout"]));
    fs.writeFileSync(path.join(infra, "Pulumi.ci-preview.yaml"), "config:\n  infra:description: first\n");
    execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: infra,
      stdio: "ignore",
    });
    git(repo, "init", "--quiet", "--initial-branch=main");
    git(repo, "config", "user.email", "ci@example.com");
    git(repo, "config", "user.name", "ci");
    git(repo, "add", ".");
    git(repo, "commit", "--quiet", "-m", "base");
    base = git(repo, "rev-parse", "HEAD");
    // The pull request: a new gate, and a changed description in the committed stack config.
    fs.writeFileSync(path.join(infra, "index.js"), PROGRAM(["checkout", "banner"]));
    fs.writeFileSync(path.join(infra, "Pulumi.ci-preview.yaml"), "config:\n  infra:description: second\n");
    git(repo, "commit", "--quiet", "-am", "the pull request");
    head = git(repo, "rev-parse", "HEAD");
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** Runs the job's `run` steps in order, as a runner would; returns the preview it wrote. */
  async function runJob(n: number, port: number): Promise<string> {
    const job = workflow.jobs["preview-emulator"];
    const runner = path.join(scratch, `runner-${n}`);
    const temp = path.join(runner, "temp");
    fs.mkdirSync(temp, { recursive: true });
    const githubEnv = path.join(runner, "github_env");
    const summary = path.join(runner, "summary.md");
    fs.writeFileSync(githubEnv, "");
    const jobEnv: Record<string, string> = { ...workflow.env, ...job.env, BASE_SHA: base, HEAD_SHA: head };
    const env: Record<string, string> = {
      PATH: `${path.dirname(pulumiCli().pulumi)}${path.delimiter}${process.env.PATH}`,
      HOME: process.env.HOME ?? os.homedir(),
      PULUMI_HOME: path.join(runner, "pulumi-home"),
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      RUNNER_TEMP: temp,
      GITHUB_ENV: githubEnv,
      GITHUB_STEP_SUMMARY: summary,
      ...jobEnv,
    };
    const groups: number[] = [];
    try {
      for (const step of job.steps as Step[]) {
        if (!step.run) continue;
        const added = Object.fromEntries(
          fs
            .readFileSync(githubEnv, "utf8")
            .split("\n")
            .filter((l) => l.includes("="))
            .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
        );
        const script = step.run.replaceAll("8080", String(port));
        const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
          cwd: repo,
          env: { ...env, ...added },
          detached: true, // its own process group: the emulator it starts in the background is stopped below
          stdio: ["ignore", "pipe", "pipe"],
        });
        groups.push(child.pid!);
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        if (code !== 0) throw new Error(`run ${n}, step "${step.name}" exited ${code}:\n${out}`);
      }
    } finally {
      for (const g of groups)
        try {
          process.kill(-g, "SIGTERM");
        } catch {
          // the group is gone already
        }
    }
    return fs.readFileSync(path.join(temp, "preview.txt"), "utf8");
  }

  it("runs twice in a row in the same checkout without a conflict, previewing the pull request's changes", async () => {
    for (const n of [1, 2]) {
      const preview = await runJob(n, await freePort());
      // `pulumi preview --diff`: the new gate is created, the existing one's description updated.
      expect(preview).toMatch(/\+ pulumi-nodejs:dynamic\/statsig:Gate: \(create\)\s+\[urn=[^\]]*Gate::banner\]/);
      expect(preview).toMatch(/~ description: "first" => "second"/);
      expect(preview).toMatch(/\+ 1 to create\s+~ 1 to update/);
    }
  });

  it("caches npm downloads in both jobs, keyed by the program's lock file", () => {
    for (const job of ["preview-emulator", "preview-statsig"]) {
      const setup = (workflow.jobs[job].steps as Step[]).find((s) => s.uses?.startsWith("actions/setup-node"));
      expect(setup?.with).toMatchObject({
        cache: "npm",
        "cache-dependency-path": "${{ env.PROGRAM_DIR }}/package-lock.json",
      });
    }
  });
});
