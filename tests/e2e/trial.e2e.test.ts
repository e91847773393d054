/**
 * Issue 17, item 4, through the real CLI: after a refresh that found drift, an edit's
 * `preview --diff` used to show `- idOverrides: []` on a gate whose overrides never changed
 * (refresh recorded the empty list the service reports as an input the program never set).
 */
import { outOfBand, useEmulator, useStack } from "./harness";

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
  const emu = useEmulator();
  const t = useStack("trial", program, emu, async (s) => {
    await s.stack.setConfig("description", { value: "one" });
    await s.stack.up();
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
