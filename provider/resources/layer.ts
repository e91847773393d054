/**
 * Layers.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /layers` |
 * | read   | `GET /layers/{id}` |
 * | update | `PATCH /layers/{id}` (published API; the seed has no layer update) |
 * | delete | `DELETE /layers/{id}` (the service refuses while experiments are in the layer; Pulumi deletes them first when they reference `layer.id`) |
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

/**
 * Arguments of a `Layer` (the seed's `LayerCreate`).
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (deleted first when the new name maps to the same id) |
 * | `description`, `parameters` | update (`PATCH`) |
 */
export interface LayerArgs extends AdoptArgs, ProjectArgs {
  /** Layer name. */
  name: pulumi.Input<string>;
  /** Description. */
  description?: pulumi.Input<string>;
  /** Parameters and their default values, shared by the layer's experiments. */
  parameters?: pulumi.Input<Record<string, unknown>>;
}

/** Resolved inputs. */
export interface LayerInputs {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/**
 * Outputs. The layer's experiment list is deliberately not an output: it changes whenever an
 * experiment joins, which would make every refresh report a change; `GET /layers/{id}/experiments`
 * has it.
 */
export type LayerOutputs = Pick<api.Layer, "id" | (typeof OUTPUTS)[number]>;

const FIELDS = ["name", "description", "parameters"] as const;
const OUTPUTS = [...FIELDS, "createdTime"] as const;

/** The layer's definition for the generic provider. */
export const layerDefinition: EntityDefinition<LayerInputs, LayerOutputs> = {
  kind: "layer",
  typeName: "Layer",
  inputSchema: {
    type: "object",
    allOf: [schemaRef("LayerCreate")],
    properties: { name: nameSchema("default") },
    unevaluatedProperties: false,
  },
  fields: { name: { replace: true }, description: {}, parameters: {} },
  ...collectionCalls((c: ConsoleClient) => statsig(c).layers, {
    createFields: FIELDS,
    patchFields: ["description", "parameters"],
    outputs: OUTPUTS,
  }),
};

/** The provider the runtime dispatches to. */
export const layerProvider = withProject(withAdopt(layerDefinition, makeProvider(layerDefinition)));
const shim = shimProvider("Layer");

/**
 * A Statsig layer: experiments in one layer are mutually exclusive and share its parameters.
 *
 * ```ts
 * const layer = new statsig.Layer("checkout-layer", { name: "checkout layer", parameters: { color: "blue" } });
 * new statsig.Experiment("exp", { name: "button color", layerID: layer.id, groups: [...] });
 * ```
 *
 * Changing `name` replaces the layer. Type token: `pulumi-nodejs:dynamic/statsig:Layer`.
 *
 * What a change to each argument does:
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (deleted first when the new name maps to the same id) |
 * | `description`, `parameters` | update (`PATCH`) |
 */
export class Layer extends pulumi.dynamic.Resource {
  /** Name. */
  declare readonly name: pulumi.Output<string>;
  /** Description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Parameters. */
  declare readonly parameters: pulumi.Output<Record<string, unknown> | undefined>;
  /** Creation time (epoch ms). */
  declare readonly createdTime: pulumi.Output<number | undefined>;

  /** Declares a layer. */
  constructor(name: string, args: LayerArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImport("Layer", name, opts);
    super(shim, name, withOutputKeys(OUTPUTS, args), opts, "statsig", "Layer");
  }
}
