/**
 * `generate` renders the published API's entity fields (issue 16): a project whose entities carry
 * every one of them, as the published API returns them, becomes a program declaring each field with
 * its value, passing the resources' own validation (no field left out, no warning). The program is
 * run with a recording stand-in for the package, so the test reads the exact arguments it declares.
 */
import { render, ProjectSnapshot } from "../../provider/generate";
import { experimentSettings } from "../fixtures/publishedFields";

const metric = { name: "purchase", type: "event_count" };

/** The experiment's published fields, as the API returns them and as the program must declare them. */
const experimentFields = {
  idType: "stableID",
  team: "checkout",
  primaryMetrics: [{ ...metric, direction: "increase", hypothesizedValue: 0.05 }],
  secondaryMetrics: [{ name: "dau", type: "user" }],
  primaryMetricTags: ["core"],
  secondaryMetricTags: ["guardrail"],
  controlGroupID: "g0",
  ...experimentSettings,
};

/** One entity per kind with every new field set, as the published API returns them. */
const snapshot: ProjectSnapshot = {
  tags: [{ id: "core_tag", name: "core tag", description: "d", isCore: true }],
  segments: [{ id: "companies", name: "companies", type: "rule_based", idType: "companyID", team: "growth" }],
  gates: [
    {
      id: "new_checkout",
      name: "new checkout",
      isEnabled: true,
      idType: "stableID",
      team: "checkout",
      measureMetricLifts: false,
      monitoringMetrics: [metric],
    },
  ],
  dynamicConfigs: [
    {
      id: "pricing",
      name: "pricing",
      defaultValue: { currency: "USD" },
      idType: "userID",
      team: "checkout",
      targetApps: ["web", "ios"],
      schema: '{"type":"object"}',
    },
  ],
  layers: [{ id: "checkout_layer", name: "checkout layer", parameters: {}, idType: "stableID", team: "checkout" }],
  experiments: [
    {
      id: "button_color",
      name: "button color",
      status: "setup",
      layerID: "checkout_layer",
      // Group ids are the service's; a group's "" description and false disabled are as good as absent.
      groups: [
        {
          id: "g0",
          foreignGroupID: "f0",
          name: "control",
          size: 50,
          parameterValues: { a_bool: true },
          description: "",
          disabled: false,
        },
        { id: "g1", name: "green", size: 50, parameterValues: {}, description: "greener", disabled: true },
      ],
      ...experimentFields,
    },
  ],
  holdouts: [{ id: "q3_holdout", name: "q3 holdout", passPercentage: 5, idType: "stableID" }],
  autotunes: [],
};

/** Runs the rendered program with a stand-in for `pulumi-statsig` that records each declaration. */
function declarations(source: string): Map<string, Record<string, unknown>> {
  const declared = new Map<string, Record<string, unknown>>();
  const statsig = new Proxy(
    {},
    {
      get: (_t, type: string) =>
        class {
          id: string;
          name: unknown;
          constructor(id: string, args: Record<string, unknown>) {
            declared.set(`${type}:${id}`, args);
            this.id = id;
            this.name = args.name;
          }
        },
    },
  );
  const body = source.replace(/^import \* as statsig from "pulumi-statsig";$/m, "");
  new Function("statsig", body)(statsig);
  return declared;
}

const { source, warnings } = render(snapshot);
const declared = declarations(source);

it("declares every entity without a warning (every field passes the resource's check)", () => {
  expect(warnings).toEqual([]);
  expect([...declared.keys()].sort()).toEqual([
    "DynamicConfig:pricing",
    "Experiment:button_color",
    "Gate:new_checkout",
    "Holdout:q3_holdout",
    "Layer:checkout_layer",
    "Segment:companies",
    "Tag:core_tag",
  ]);
});

it.each([
  ["Tag:core_tag", { isCore: true }],
  ["Segment:companies", { idType: "companyID", team: "growth" }],
  [
    "Gate:new_checkout",
    { idType: "stableID", team: "checkout", measureMetricLifts: false, monitoringMetrics: [metric] },
  ],
  [
    "DynamicConfig:pricing",
    { idType: "userID", team: "checkout", targetApps: ["ios", "web"], schema: '{"type":"object"}' },
  ],
  ["Layer:checkout_layer", { idType: "stableID", team: "checkout" }],
  ["Holdout:q3_holdout", { idType: "stableID" }],
  ["Experiment:button_color", experimentFields],
])("%s declares its published fields", (key, fields) => {
  expect(declared.get(key)).toMatchObject(fields);
});

it("declares experiment groups with their description and disabled, without what the service adds", () => {
  expect(declared.get("Experiment:button_color")?.groups).toEqual([
    { name: "control", size: 50, parameterValues: { a_bool: true }, description: "", disabled: false },
    { name: "green", size: 50, parameterValues: {}, description: "greener", disabled: true },
  ]);
});
