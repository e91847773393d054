/**
 * The translation refuses what no server SDK evaluates, naming it (never a silent false), and
 * shapes the v2 document as statsig-server-core reads it (spec_types.rs).
 */
import { hashIdForIdList, toV2, translateProject, UntranslatableError } from "../../emulator/sdk/translate";

const gateWith = (condition: Record<string, unknown>) => ({
  gates: [
    {
      id: "g",
      isEnabled: true,
      rules: [{ id: "r", name: "r", passPercentage: 100, conditions: [condition as never] }],
    },
  ],
});

describe("untranslatable conditions are errors naming them", () => {
  test.each(["url", "javascript", "device_model"])("condition type %s", (type) => {
    expect(() => translateProject(gateWith({ type, operator: "any", targetValue: ["x"] }))).toThrow(
      new RegExp(`gate "g"\\.rules\\[0\\] \\("r"\\)\\.conditions\\[0\\]: condition type "${type}" cannot be evaluated`),
    );
  });
  test.each(["matches_any", "IS_NULL", ""])("operator %j", (operator) => {
    const attempt = () => translateProject(gateWith({ type: "email", operator, targetValue: ["x"] }));
    expect(attempt).toThrow(UntranslatableError);
    expect(attempt).toThrow(operator ? `operator "${operator}"` : "has no operator");
  });
  test("an unknown condition type", () => {
    expect(() => translateProject(gateWith({ type: "zodiac_sign", operator: "any", targetValue: ["leo"] }))).toThrow(
      'condition type "zodiac_sign" is not evaluated',
    );
  });
  test("unit_id without customID, custom_field without field", () => {
    expect(() => translateProject(gateWith({ type: "unit_id", operator: "any", targetValue: ["x"] }))).toThrow(
      "needs customID",
    );
    expect(() => translateProject(gateWith({ type: "custom_field", operator: "any", targetValue: ["x"] }))).toThrow(
      "needs field",
    );
  });
  test("a segment condition in a config names the config", () => {
    const p = { dynamicConfigs: [{ id: "c", rules: [{ name: "x", conditions: [{ type: "url", operator: "any" }] }] }] };
    expect(() => translateProject(p)).toThrow('dynamic config "c".rules[0] ("x").conditions[0]');
  });
});

test("the v2 document keys entities by name and conditions by hash", () => {
  const t = translateProject({
    ...gateWith({ type: "email", operator: "str_ends_with_any", targetValue: ["@corp.example"] }),
    layers: [{ id: "l", parameters: { a: 1 } }],
    experiments: [{ id: "e", status: "active", layerID: "l", groups: [{ name: "a", size: 100 }] }],
  });
  const v2 = toV2(t.specs) as {
    feature_gates: Record<string, { rules: { conditions: string[] }[] }>;
    condition_map: Record<string, { type: string; field: string }>;
    experiment_to_layer: Record<string, string>;
  };
  const [key] = v2.feature_gates.g.rules[0].conditions;
  expect(v2.condition_map[key]).toMatchObject({ type: "user_field", field: "email" });
  expect(v2.experiment_to_layer).toEqual({ e: "l" });
});

test("id-list files hold the first 8 base64 characters of each id's sha256", () => {
  // sha256("alice") = 2bd806c9...; base64 of those bytes starts "K9gGyX8O".
  expect(hashIdForIdList("alice")).toBe("K9gGyX8O");
});
