/**
 * Dynamic configs.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /dynamic_configs` (name, description, defaultValue, tags), then `PATCH /dynamic_configs/{id}` for `isEnabled`/`rules` only when set (the seed's create body has neither) |
 * | read   | `GET /dynamic_configs/{id}` |
 * | update | `PATCH /dynamic_configs/{id}` with the changed fields (`rules` in PATCH follows the published API) |
 * | delete | `DELETE /dynamic_configs/{id}` |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef } from "../spec";
import {
  RuleArgs,
  RuleInput,
  RuleOutput,
  STRING_LIST,
  nameSchema,
  ruleSchema,
  validateRules,
  RULES_FIELD,
} from "./common";
import {
  collectionCalls,
  definedFields,
  EntityDefinition,
  makeProvider,
  PartialCreateError,
  withOutputKeys,
} from "./framework";
import { AdoptArgs, rejectImport, withAdopt } from "./adopt";
import { ProjectArgs, withProject } from "./project";
import { shimProvider } from "./shim";

/**
 * Arguments of a `DynamicConfig` (the seed's `DynamicConfigCreate` names, plus `isEnabled` and
 * `rules`).
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (the id derives from it; deleted first when the new name maps to the same id) |
 * | `description`, `isEnabled`, `defaultValue`, `rules`, `tags` | update (`PATCH`) |
 *
 * Omitted optional fields are not managed.
 */
export interface DynamicConfigArgs extends AdoptArgs, ProjectArgs {
  /** Config name, 3–100 characters of letters, digits, `_`, `-`, `.` and spaces. */
  name: pulumi.Input<string>;
  /** What the config is for. */
  description?: pulumi.Input<string>;
  /** Whether the config serves its rules (disabled: everyone gets `defaultValue`). */
  isEnabled?: pulumi.Input<boolean>;
  /** The value returned when no rule matches. */
  defaultValue?: pulumi.Input<Record<string, unknown>>;
  /** Targeting rules; each rule's `returnValue` is what a matching user gets. */
  rules?: pulumi.Input<RuleArgs[]>;
  /** Tag names. */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Resolved inputs. */
export interface DynamicConfigInputs {
  name: string;
  description?: string;
  isEnabled?: boolean;
  defaultValue?: Record<string, unknown>;
  rules?: RuleInput[];
  tags?: string[];
}

/** Outputs: what the service returns. */
export type DynamicConfigOutputs = Pick<api.DynamicConfig, "id" | (typeof OUTPUTS)[number]>;

const FIELDS = ["name", "description", "isEnabled", "defaultValue", "rules", "tags"] as const;
const OUTPUTS = [...FIELDS, "createdTime", "lastModifiedTime"] as const;

const calls = collectionCalls((c: ConsoleClient) => statsig(c).dynamicConfigs, {
  createFields: ["name", "description", "defaultValue", "tags"],
  // `rules` in PATCH follows the published API (the seed's update schema lacks it).
  patchFields: ["description", "isEnabled", "defaultValue", "rules", "tags"],
  outputs: OUTPUTS,
});

/** The dynamic config's definition for the generic provider. */
export const dynamicConfigDefinition: EntityDefinition<DynamicConfigInputs, DynamicConfigOutputs> = {
  kind: "dynamic config",
  typeName: "DynamicConfig",
  inputSchema: {
    type: "object",
    allOf: [schemaRef("DynamicConfigCreate")],
    properties: {
      name: nameSchema("default"),
      isEnabled: { type: "boolean" },
      rules: { type: "array", items: ruleSchema({ returnValue: true }) },
      tags: STRING_LIST,
    },
    unevaluatedProperties: false,
  },
  validate: (i) => validateRules(i.rules),
  fields: {
    name: { replace: true },
    description: {},
    isEnabled: {},
    defaultValue: {},
    rules: RULES_FIELD,
    tags: { unordered: true },
  },

  ...calls,

  // The seed's create body has no isEnabled and no rules: those follow in one PATCH.
  async create(c, i) {
    const id = await calls.create(c, i);
    const rest = definedFields(i, ["isEnabled", "rules"]);
    if (rest) {
      try {
        await statsig(c).dynamicConfigs.update(id, rest);
      } catch (err) {
        throw new PartialCreateError(id, err);
      }
    }
    return id;
  },
};

/** The provider the runtime dispatches to. */
export const dynamicConfigProvider = withProject(
  withAdopt(dynamicConfigDefinition, makeProvider(dynamicConfigDefinition)),
);
const shim = shimProvider("DynamicConfig");

/**
 * A Statsig dynamic config.
 *
 * ```ts
 * const pricing = new statsig.DynamicConfig("pricing", {
 *   name: "pricing",
 *   defaultValue: { currency: "USD", trialDays: 14 },
 *   rules: [{ name: "eu", conditions: [{ type: "country", operator: "any", targetValue: ["DE", "FR"] }],
 *             returnValue: { currency: "EUR", trialDays: 30 } }],
 * });
 * ```
 *
 * Changing `name` replaces the config; everything else updates in place (see
 * `DynamicConfigArgs`). Type token: `pulumi-nodejs:dynamic/statsig:DynamicConfig`.
 *
 * What a change to each argument does:
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (the id derives from it; deleted first when the new name maps to the same id) |
 * | `description`, `isEnabled`, `defaultValue`, `rules`, `tags` | update (`PATCH`) |
 */
export class DynamicConfig extends pulumi.dynamic.Resource {
  /** Name. */
  declare readonly name: pulumi.Output<string>;
  /** Description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Whether it is enabled. */
  declare readonly isEnabled: pulumi.Output<boolean | undefined>;
  /** Default value. */
  declare readonly defaultValue: pulumi.Output<Record<string, unknown> | undefined>;
  /** Rules as read back, with server-assigned ids. */
  declare readonly rules: pulumi.Output<RuleOutput[] | undefined>;
  /** Tags. */
  declare readonly tags: pulumi.Output<string[] | undefined>;
  /** Creation time (epoch ms). */
  declare readonly createdTime: pulumi.Output<number | undefined>;
  /** Last modification time (epoch ms). */
  declare readonly lastModifiedTime: pulumi.Output<number | undefined>;

  /** Declares a dynamic config. */
  constructor(name: string, args: DynamicConfigArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImport("DynamicConfig", name, opts);
    super(shim, name, withOutputKeys(OUTPUTS, args), opts, "statsig", "DynamicConfig");
  }
}
