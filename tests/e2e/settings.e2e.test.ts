/**
 * Issue 17, item 7, through the real CLI: `refresh` and `destroy` configure the provider from the
 * state (the last `up`'s stack config), so a setting changed since is not used; the provider warns,
 * naming the setting, its current value and the recorded value it uses. `up` uses (and records)
 * the current one, and warns about nothing.
 */
import { useEmulator, useStack } from "./harness";

jest.setTimeout(300_000);

const program = `
import * as statsig from "pulumi-statsig";
new statsig.Gate("g", { name: "settings gate" });
`;

describe("settings changed after the last up (real CLI)", () => {
  const emu = useEmulator();
  const t = useStack("settings", program, emu, async (s) => {
    await s.stack.setConfig("statsig:maxRetries", { value: "3" });
    const up = await s.stack.up();
    expect(up.stdout + up.stderr).not.toContain("recorded at the stack's last");
  });

  it("refresh warns naming the changed setting and the recorded value it uses", async () => {
    await t.stack.setConfig("statsig:maxRetries", { value: "abc" });
    const r = await t.stack.refresh();
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      'warning: statsig:maxRetries is "abc" in Pulumi.e2e.yaml, but this command uses "3": the value recorded at the stack\'s last `pulumi up`',
    );
    expect(out).toContain("--run-program");
    // With the program run, the current value is used (and recorded): here "abc", which fails naming it.
    const run = await t.stack.refresh({ runProgram: true }).then(
      (x) => x.stdout + x.stderr,
      (e: Error) => String(e),
    );
    expect(run).toContain('invalid statsig:maxRetries "abc"');
    expect(run).not.toContain("recorded at the stack's last");
  });

  it("destroy warns too, also about a setting removed since", async () => {
    await t.stack.setConfig("statsig:maxRetries", { value: "3" });
    await t.stack.up(); // records 3 again (the refresh --run-program above recorded "abc")
    await t.stack.removeConfig("statsig:maxRetries");
    const d = await t.stack.destroy();
    const out = d.stdout + d.stderr;
    expect(out).toContain('warning: statsig:maxRetries is not set in Pulumi.e2e.yaml, but this command uses "3"');
    expect(emu.store.get("gates", "settings_gate")).toBeUndefined();
  });
});
