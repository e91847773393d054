/**
 * Holdouts.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /holdouts` |
 * | read   | `GET /holdouts/{id}` (published API; the seed has list and create only) |
 * | update | `PATCH /holdouts/{id}` (published API) |
 * | delete | `DELETE /holdouts/{id}` (published API) |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef } from "../spec";
import { STRING_LIST, nameSchema } from "./common";
import { collectionCalls, EntityDefinition, makeProvider, withOutputKeys } from "./framework";
import { AdoptArgs, rejectImport, withAdopt } from "./adopt";
import { ProjectArgs, withProject } from "./project";
import { shimProvider } from "./shim";

/**
 * Arguments of a `Holdout` (the seed's `HoldoutCreate`).
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (deleted first when the new name maps to the same id) |
 * | `description`, `passPercentage`, `gateIDs` | update (`PATCH`) |
 */
export interface HoldoutArgs extends AdoptArgs, ProjectArgs {
  /** Holdout name. */
  name: pulumi.Input<string>;
  /** Description. */
  description?: pulumi.Input<string>;
  /** Share of units held out, 0–100 per the seed spec (the published API documents 0–10). */
  passPercentage?: pulumi.Input<number>;
  /** Gates the holdout applies to (`statsig.Gate` ids); they must exist. */
  gateIDs?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Resolved inputs. */
export interface HoldoutInputs {
  name: string;
  description?: string;
  passPercentage?: number;
  gateIDs?: string[];
}

/** Outputs: what the service returns. */
export type HoldoutOutputs = Pick<api.Holdout, "id" | (typeof OUTPUTS)[number]>;

const FIELDS = ["name", "description", "passPercentage", "gateIDs"] as const;
const OUTPUTS = [...FIELDS, "isEnabled"] as const;

/** The holdout's definition for the generic provider. */
export const holdoutDefinition: EntityDefinition<HoldoutInputs, HoldoutOutputs> = {
  kind: "holdout",
  typeName: "Holdout",
  inputSchema: {
    type: "object",
    allOf: [schemaRef("HoldoutCreate")],
    properties: { name: nameSchema("default"), gateIDs: STRING_LIST },
    unevaluatedProperties: false,
  },
  validate(i) {
    const ids = i.gateIDs ?? [];
    const dup = ids.findIndex((g, k) => ids.indexOf(g) !== k);
    return dup >= 0 ? [{ property: `gateIDs[${dup}]`, reason: `duplicates "${ids[dup]}"` }] : [];
  },
  fields: { name: { replace: true }, description: {}, passPercentage: {}, gateIDs: { unordered: true } },
  ...collectionCalls((c: ConsoleClient) => statsig(c).holdouts, {
    createFields: FIELDS,
    patchFields: ["description", "passPercentage", "gateIDs"],
    outputs: OUTPUTS,
  }),
};

/** The provider the runtime dispatches to. */
export const holdoutProvider = withProject(withAdopt(holdoutDefinition, makeProvider(holdoutDefinition)));
const shim = shimProvider("Holdout");

/**
 * A Statsig holdout: a share of units kept out of the listed gates, to measure their combined effect.
 *
 * ```ts
 * new statsig.Holdout("q3-holdout", { name: "q3 holdout", passPercentage: 5, gateIDs: [gate.id] });
 * ```
 *
 * Changing `name` replaces the holdout. Type token: `pulumi-nodejs:dynamic/statsig:Holdout`.
 *
 * What a change to each argument does:
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (deleted first when the new name maps to the same id) |
 * | `description`, `passPercentage`, `gateIDs` | update (`PATCH`) |
 */
export class Holdout extends pulumi.dynamic.Resource {
  /** Name. */
  declare readonly name: pulumi.Output<string>;
  /** Description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Held-out share. */
  declare readonly passPercentage: pulumi.Output<number | undefined>;
  /** Gate ids. */
  declare readonly gateIDs: pulumi.Output<string[] | undefined>;
  /** Whether the holdout is enabled (service-side). */
  declare readonly isEnabled: pulumi.Output<boolean | undefined>;

  /** Declares a holdout. */
  constructor(name: string, args: HoldoutArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImport("Holdout", name, opts);
    super(shim, name, withOutputKeys(OUTPUTS, args), opts, "statsig", "Holdout");
  }
}
