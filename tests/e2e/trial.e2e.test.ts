/**
 * Issue 17, item 4, through the real CLI: after a refresh that found drift, an edit's
 * `preview --diff` used to show `- idOverrides: []` on a gate whose overrides never changed
 * (refresh recorded the empty list the service reports as an input the program never set).
 */
import { RunningEmulator, startEmulator } from "../../emulator/server";
import { TestStack, newStack, outOfBand } from "./harness";

jest.setTimeout(300_000);

const program = `
import * as pulumi from "@pulumi/pulumi";
import * as statsig from "pulumi-statsig";
const cfg = new pulumi.Config();
new statsig.Gate("g", {
  name: "trial gate",
  description: cfg.require("description"),
  overrides: { userOverrides: [{ userID: "qa", value: true }] },
});
`;

describe("the trial's overrides diff (real CLI)", () => {
  let emu: RunningEmulator;
  let t: TestStack;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    t = await newStack("trial", program, emu);
    await t.stack.setConfig("description", { value: "one" });
    await t.stack.up();
  }, 20 * 60_000);
  afterAll(async () => {
    await t?.cleanup();
    await emu?.close();
  });

  it("after a refresh that found drift, an edit's diff names only the edited field", async () => {
    await outOfBand(emu, "PATCH", "/gates/trial_gate", { description: "changed in the console" });
    await t.stack.refresh();
    await t.stack.setConfig("description", { value: "two" });
    const preview = await t.stack.preview({ diff: true });
    expect(preview.stdout).toMatch(/~ description: "changed in the console" => "two"/);
    expect(preview.stdout).not.toContain("idOverrides");
    expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
  });
});
