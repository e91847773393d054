/**
 * The built `pulumi-statsig` bin's `simulate` through a pipe, as CI runs it: a report of several
 * megabytes arrives whole (the bin once exited before stdout was flushed, cutting the JSON short
 * at a few hundred kilobytes).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const BIN = path.resolve(__dirname, "..", "..", "dist", "provider", "generate", "cli.js");
const T = "pulumi-nodejs:dynamic/statsig:";

test("a large JSON report through a pipe is complete", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "simulate-cli-"));
  try {
    const gates = 40;
    const resources = [];
    const steps = [];
    for (let i = 0; i < gates; i++) {
      const rule = (value: string) => ({
        name: "all",
        conditions: [{ type: "email", operator: "str_ends_with_any", targetValue: [value] }],
      });
      resources.push({
        urn: `u${i}`,
        type: `${T}Gate`,
        id: `g${i}`,
        outputs: { name: `g${i}`, isEnabled: true, rules: [{ ...rule("@nobody.example"), id: "r" }] },
      });
      steps.push({
        op: "update",
        urn: `u${i}`,
        oldState: { type: `${T}Gate`, id: `g${i}` },
        newState: { type: `${T}Gate`, inputs: { name: `g${i}`, rules: [rule("@mail.example")] } },
      });
    }
    const users = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ userID: `user-${i}`, email: `someone-with-a-long-address-${i}@mail.example` }),
    );
    fs.writeFileSync(path.join(dir, "base.json"), JSON.stringify({ deployment: { resources } }));
    fs.writeFileSync(path.join(dir, "plan.json"), JSON.stringify({ steps }));
    fs.writeFileSync(path.join(dir, "users.jsonl"), users.join("\n"));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [BIN, "simulate", "--users", "users.jsonl", "--plan", "plan.json", "--base", "base.json", "--format", "json"],
      { cwd: dir, maxBuffer: 256 << 20 },
    );
    expect(stdout.length).toBeGreaterThan(4_000_000);
    const report = JSON.parse(stdout);
    expect(report.changes).toHaveLength(gates);
    for (const c of report.changes) expect(c.count).toBe(3000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
