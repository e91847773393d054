/**
 * Name rules through the real CLI: a layer named with a "." fails at `pulumi preview` (it used to
 * pass preview and fail at `up` with the service's 400), naming the property, the value and the
 * rule; a one-character tag and an autotune named with punctuation, which the service accepts,
 * go through `up`.
 */
import { rejection } from "../rejection";
import { useEmulator, useStack } from "./harness";

jest.setTimeout(180_000);

const program = `
import * as statsig from "pulumi-statsig";
new statsig.Tag("t", { name: "x" });
new statsig.Autotune("a", { name: "cta.copy/v2", successMetric: "purchase", variants: [{ name: "buy" }] });
if (process.env.WITH_DOTTED_LAYER) new statsig.Layer("l", { name: "checkout.layer" });
`;

describe("name rules per kind (real CLI)", () => {
  const emu = useEmulator();
  const t = useStack("names", program, emu);

  it("preview refuses a dotted layer name before any write", async () => {
    t.stack.workspace.envVars.WITH_DOTTED_LAYER = "1";
    const err = await rejection(t.stack.preview());
    // Pulumi renders a check failure as "property <p> value {<v>} has a problem: <reason>".
    expect(String(err)).toMatch(/property name value \{checkout\.layer\} has a problem: .*layer names cannot contain/);
    expect(emu.requests().filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("up creates the names the service accepts", async () => {
    delete t.stack.workspace.envVars.WITH_DOTTED_LAYER;
    await t.stack.up();
    expect(emu.store.get("tags", "x")).toBeDefined();
    expect(emu.store.get("autotunes", "cta.copy/v2")).toBeDefined();
    await t.stack.destroy();
  });
});
