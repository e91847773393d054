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

import { inputSchema, JsonInputObject, nameSchema } from "./common";
import {
  collectionCalls,
  EntityDefinition,
  entityParams,
  InputsOf,
  makeProvider,
  OutputProperties,
  OutputsOf,
  plainFields,
} from "./framework";
import { AdoptArgs } from "./adopt";
import { ProjectArgs, withProject } from "./project";

/** One autotune variant. */
export interface AutotuneVariant {
  /** Variant name, unique within the autotune. */
  name: string;
  /** Parameter values of this variant. */
  parameterValues?: JsonInputObject;
}

/**
 * Arguments of an `Autotune` (the seed's `AutotuneCreate`).
 *
 * What a change to each field does (update in place or replace) is in the README's table, "Resources
 * and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface AutotuneArgs extends AdoptArgs, ProjectArgs {
  /**
   * Autotune name: any non-empty string (the service documents no rule). Changing it replaces the
   * autotune (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the autotune optimises. Updated in place. */
  description?: pulumi.Input<string>;
  /** The variants traffic is shifted between. Updated in place. */
  variants?: pulumi.Input<pulumi.Input<AutotuneVariant>[]>;
  /** The metric (event) the autotune optimises. Updated in place. */
  successMetric: pulumi.Input<string>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type AutotuneInputs = InputsOf<AutotuneArgs>;

/**
 * Outputs: what the service returns.
 *
 * @interface
 */
export type AutotuneOutputs = OutputsOf<api.Autotune, AutotuneInputs, (typeof OUTPUT_ONLY)[number], AutotuneOutputDocs>;

/** Docs of the autotune outputs whose spec description gives no default or who sets them. */
interface AutotuneOutputDocs {
  /**
   * Where the autotune is, as Statsig reports it (a new autotune is in `setup`). Set by the service;
   * not an argument, never shown as a change.
   */
  status?: api.Autotune["status"];
  /** The variants traffic is shifted between, each with a name and parameter values (the argument). */
  variants?: api.Autotune["variants"];
  /** The metric (event name) the autotune optimises, as the `successMetric` argument sets it. */
  successMetric?: api.Autotune["successMetric"];
}

/** Fields only the service sets. */
const OUTPUT_ONLY = ["status"] as const satisfies readonly (keyof api.Autotune)[];

/** What a change to each field does: `name` replaces, the rest is PATCHed. */
const fields = plainFields({
  description: {},
  variants: { canonical: (v) => (Array.isArray(v) ? v.map((x) => ({ parameterValues: {}, ...x })) : v) },
  successMetric: {},
});

/** The autotune's definition for the generic provider. */
export const autotuneDefinition: EntityDefinition<AutotuneInputs, AutotuneOutputs> = {
  kind: "autotune",
  typeName: "Autotune",
  inputSchema: inputSchema("AutotuneCreate", {
    name: nameSchema("autotune"),
    successMetric: { type: "string", minLength: 1 },
    variants: {
      type: "array",
      items: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
    },
  }),
  validate(i) {
    const names = (i.variants ?? []).map((v) => v?.name);
    const dup = names.findIndex((n, k) => names.indexOf(n) !== k);
    return dup >= 0
      ? [{ property: `variants[${dup}].name`, reason: `duplicates "${names[dup]}"; variant names must be unique` }]
      : [];
  },
  fields,
  outputOnly: OUTPUT_ONLY,
  ...collectionCalls((c: ConsoleClient) => statsig(c).autotunes, fields, OUTPUT_ONLY),
};

/** The provider the runtime dispatches to. */
export const autotuneProvider = withProject(makeProvider(autotuneDefinition));

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
 */
export class Autotune extends pulumi.dynamic.Resource {
  /** Declares an autotune. */
  constructor(name: string, args: AutotuneArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(autotuneDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `AutotuneOutputs` (merged into the class). */
export interface Autotune extends OutputProperties<AutotuneOutputs> {}
