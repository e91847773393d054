/**
 * Two Statsig projects in one stack with the real CLI, from the `npm pack` install: two emulators
 * with different keys, the second selected by `project: "beta"` through the secret
 * `statsig:projects` config. Each entity lands in its own project, the keys appear in no state file
 * (in plaintext) and in no resource's inputs, outputs or `__provider`, a lookup reads the second
 * project, changing `project` replaces, and destroy empties both.
 */
import * as fs from "fs";
import { backendFiles, useEmulator, useStack, stateByType } from "./harness";

// Each step is a real CLI run (a few seconds); leave room for a loaded CI machine.
jest.setTimeout(180_000);

const program = (tagProject: string) => `
import * as statsig from "pulumi-statsig";
new statsig.Gate("checkout-default", { name: "checkout", description: "in the default project" });
const beta = new statsig.Gate("checkout-beta", { name: "checkout", description: "in beta", project: "beta" });
new statsig.Tag("team", { name: "team" ${tagProject} });
export const betaGate = statsig.getGateOutput({ id: beta.id, project: "beta" }).apply((g) => g.description);
`;

describe("two Statsig projects in one stack with the real CLI", () => {
  const a = useEmulator({ apiKey: "console-e2e-key-project-a" });
  const b = useEmulator({ apiKey: "console-e2e-key-project-b", shape: "published" });
  const t = useStack("projects", program(""), a, (s) =>
    s.stack.setConfig("statsig:projects", {
      value: JSON.stringify({ beta: { consoleApiKey: b.apiKey, apiUrl: b.apiUrl } }),
      secret: true,
    }),
  );

  it("up puts each entity in its own project; no key in state", async () => {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(a.store.get("gates", "checkout")?.description).toBe("in the default project");
    expect(b.store.get("gates", "checkout")?.description).toBe("in beta");
    expect(a.store.get("tags", "team")).toBeDefined();
    expect(up.outputs.betaGate.value).toBe("in beta");
    const gates = (await stateByType(t.stack))("Gate");
    const beta = gates.find((g) => (g.outputs as { project?: string }).project === "beta");
    expect(beta?.inputs).toMatchObject({ project: "beta" });
    for (const file of backendFiles(t.dir)) {
      const text = fs.readFileSync(file, "utf8");
      expect(text).not.toContain(a.apiKey);
      expect(text).not.toContain(b.apiKey);
    }
  });

  it("the next preview shows no changes", async () => {
    await t.stack.preview({ expectNoChanges: true });
  });

  it("changing project replaces: created in the new project, deleted from the old", async () => {
    t.writeProgram(program(`, project: "beta"`));
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ replace: 1 });
    expect(a.store.get("tags", "team")).toBeUndefined();
    expect(b.store.get("tags", "team")).toBeDefined();
  });

  it("destroy empties both projects", async () => {
    await t.stack.destroy();
    for (const emu of [a, b]) for (const c of ["gates", "tags"]) expect(emu.store.list(c)).toEqual([]);
  });
});
