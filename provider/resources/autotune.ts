/**
 * Autotunes (multi-armed bandits).
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /autotunes` |
 * | read   | `GET /autotunes/{id}` (published API; the seed has list and create only) |
 * | update | `PATCH /autotunes/{id}` (published API) |
 * | delete | `DELETE /autotunes/{id}` (published API) |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef } from "../spec";
import { nameSchema } from "./common";
import { collectionCalls, EntityDefinition, makeProvider, withOutputKeys } from "./framework";
import { AdoptArgs, rejectImport, withAdopt } from "./adopt";
import { ProjectArgs, withProject } from "./project";
import { shimProvider } from "./shim";

/** One autotune variant. */
export interface AutotuneVariant {
  /** Variant name, unique within the autotune. */
  name: string;
  /** Parameter values of this variant. */
  parameterValues?: Record<string, unknown>;
}

/**
 * Arguments of an `Autotune` (the seed's `AutotuneCreate`).
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (deleted first when the new name maps to the same id) |
 * | `description`, `variants`, `successMetric` | update (`PATCH`) |
 */
export interface AutotuneArgs extends AdoptArgs, ProjectArgs {
  /** Autotune name. */
  name: pulumi.Input<string>;
  /** Description. */
  description?: pulumi.Input<string>;
  /** The variants traffic is shifted between. */
  variants?: pulumi.Input<pulumi.Input<AutotuneVariant>[]>;
  /** The metric (event) the autotune optimises. */
  successMetric: pulumi.Input<string>;
}

/** Resolved inputs. */
export interface AutotuneInputs {
  name: string;
  description?: string;
  variants?: AutotuneVariant[];
  successMetric: string;
}

/** Outputs: what the service returns. */
export type AutotuneOutputs = Pick<api.Autotune, "id" | (typeof OUTPUTS)[number]>;

const FIELDS = ["name", "description", "variants", "successMetric"] as const;
const OUTPUTS = [...FIELDS, "status"] as const;

/** The autotune's definition for the generic provider. */
export const autotuneDefinition: EntityDefinition<AutotuneInputs, AutotuneOutputs> = {
  kind: "autotune",
  typeName: "Autotune",
  inputSchema: {
    type: "object",
    allOf: [schemaRef("AutotuneCreate")],
    properties: {
      name: nameSchema("default"),
      successMetric: { type: "string", minLength: 1 },
      variants: {
        type: "array",
        items: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
      },
    },
    unevaluatedProperties: false,
  },
  validate(i) {
    const names = (i.variants ?? []).map((v) => v?.name);
    const dup = names.findIndex((n, k) => names.indexOf(n) !== k);
    return dup >= 0
      ? [{ property: `variants[${dup}].name`, reason: `duplicates "${names[dup]}"; variant names must be unique` }]
      : [];
  },
  fields: {
    name: { replace: true },
    description: {},
    variants: { canonical: (v) => (Array.isArray(v) ? v.map((x) => ({ parameterValues: {}, ...x })) : v) },
    successMetric: {},
  },
  ...collectionCalls((c: ConsoleClient) => statsig(c).autotunes, {
    createFields: FIELDS,
    patchFields: ["description", "variants", "successMetric"],
    outputs: OUTPUTS,
  }),
};

/** The provider the runtime dispatches to. */
export const autotuneProvider = withProject(withAdopt(autotuneDefinition, makeProvider(autotuneDefinition)));
const shim = shimProvider("Autotune");

/**
 * A Statsig autotune.
 *
 * ```ts
 * new statsig.Autotune("cta-copy", {
 *   name: "cta copy",
 *   successMetric: "purchase",
 *   variants: [{ name: "buy", parameterValues: { text: "Buy" } }, { name: "get", parameterValues: { text: "Get it" } }],
 * });
 * ```
 *
 * Changing `name` replaces the autotune. Type token: `pulumi-nodejs:dynamic/statsig:Autotune`.
 *
 * What a change to each argument does:
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (deleted first when the new name maps to the same id) |
 * | `description`, `variants`, `successMetric` | update (`PATCH`) |
 */
export class Autotune extends pulumi.dynamic.Resource {
  /** Name. */
  declare readonly name: pulumi.Output<string>;
  /** Description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Variants. */
  declare readonly variants: pulumi.Output<AutotuneVariant[] | undefined>;
  /** Success metric. */
  declare readonly successMetric: pulumi.Output<string>;
  /** Status as the service reports it. */
  declare readonly status: pulumi.Output<string | undefined>;

  /** Declares an autotune. */
  constructor(name: string, args: AutotuneArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImport("Autotune", name, opts);
    super(shim, name, withOutputKeys(OUTPUTS, args), opts, "statsig", "Autotune");
  }
}
