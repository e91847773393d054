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
import { ID_TYPE_SCHEMA, TEAM_SCHEMA } from "./published";

/**
 * Arguments of a `Layer` (the seed's `LayerCreate`).
 *
 * What a change to each field does (update in place or replace) is in the README's table, "Resources
 * and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface LayerArgs extends AdoptArgs, ProjectArgs, LayerPublishedArgs {
  /**
   * Layer name: 3–100 letters, digits, `_`, `-` and spaces (no `.`). Changing it replaces the layer
   * (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the layer is for. Updated in place. */
  description?: pulumi.Input<string>;
  /** Parameters and their default values, shared by the layer's experiments. Updated in place. */
  parameters?: pulumi.Input<JsonInputObject>;
}

/**
 * The layer fields of the published API beyond the seed's create body (`LayerCreateContractDto`).
 * The published update (`LayerPartialUpdateContractDto`) takes neither, so a change to either
 * replaces the layer (deleting it first: the new one has the same id; Statsig refuses to delete a
 * layer that still has experiments). Each is unmanaged when omitted.
 */
export interface LayerPublishedArgs {
  /**
   * The unit the layer's experiments randomise on: `userID`, `stableID` or a custom id type. It
   * cannot change: changing it replaces the layer, deleting it first.
   */
  idType?: pulumi.Input<string>;
  /**
   * The owning team's name (Statsig Enterprise). Set at create only: changing it replaces the
   * layer, deleting it first.
   */
  team?: pulumi.Input<string>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type LayerInputs = InputsOf<LayerArgs>;

/**
 * Outputs. The layer's experiment list is deliberately not an output: it changes whenever an
 * experiment joins, which would make every refresh report a change; `GET /layers/{id}/experiments`
 * has it.
 *
 * @interface
 */
export type LayerOutputs = OutputsOf<api.Layer, LayerInputs, (typeof OUTPUT_ONLY)[number], LayerOutputDocs>;

/** Docs of the layer outputs whose spec description gives no default. */
interface LayerOutputDocs {
  /**
   * Default parameter values (a JSON object) of units in no experiment of the layer, as Statsig
   * holds them: the `parameters` argument when set, otherwise whatever the console holds.
   */
  parameters?: api.Layer["parameters"];
}

/** Fields only the service sets. */
const OUTPUT_ONLY = ["createdTime"] as const satisfies readonly (keyof api.Layer)[];

/**
 * What a change to each field does: `name` replaces, `description` and `parameters` are PATCHed;
 * `idType` and `team` are in the published create body only, so they replace.
 */
const fields = {
  ...plainFields({ description: {}, parameters: {} }),
  idType: { replace: true, create: true },
  team: { replace: true, create: true },
} as const;

/** The layer's definition for the generic provider. */
export const layerDefinition: EntityDefinition<LayerInputs, LayerOutputs> = {
  kind: "layer",
  typeName: "Layer",
  inputSchema: inputSchema("LayerCreate", { name: nameSchema("layer"), idType: ID_TYPE_SCHEMA, team: TEAM_SCHEMA }),
  fields,
  outputOnly: OUTPUT_ONLY,
  ...collectionCalls((c: ConsoleClient) => statsig(c).layers, fields, OUTPUT_ONLY),
};

/** The provider the runtime dispatches to. */
export const layerProvider = withProject(makeProvider(layerDefinition));

/**
 * A Statsig layer: experiments in one layer are mutually exclusive and share its parameters.
 *
 * ```ts
 * const layer = new statsig.Layer("checkout-layer", { name: "checkout layer", parameters: { color: "blue" } });
 * new statsig.Experiment("exp", { name: "button color", layerID: layer.id, groups: [...] });
 * ```
 *
 * Changing `name` replaces the layer. Type token: `pulumi-nodejs:dynamic/statsig:Layer`.
 */
export class Layer extends pulumi.dynamic.Resource {
  /** Declares a layer. */
  constructor(name: string, args: LayerArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(layerDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `LayerOutputs` (merged into the class). */
export interface Layer extends OutputProperties<LayerOutputs> {}
