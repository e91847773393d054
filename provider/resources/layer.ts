/**
 * Layers.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /layers`, then `POST /layers/{id}/overrides` when set (published API). Against the published API, `parameters` follow in a `PATCH` as the `{ name, type, defaultValue }` list (its create DTO has none) |
 * | read   | `GET /layers/{id}` (+ `GET .../overrides` when the program manages overrides) |
 * | update | `PATCH /layers/{id}` with the changed fields (`parameters` as the published list there), `POST .../overrides` when they changed (published API; the seed has no layer update) |
 * | delete | `DELETE /layers/{id}` (the service refuses while experiments are in the layer; Pulumi deletes them first when they reference `layer.id`) |
 */
import * as pulumi from "@pulumi/pulumi";
import { withoutDot } from "../spec";
import { ConsoleClient, statsig } from "../client";
import { publishedParameters, seedParameters } from "../client/layers";
import type * as api from "../client/extras";
import { closedObject, entityIdentity, JsonInputObject, NULLABLE_STRING } from "./common";
import type { EntityDefinition, Fields, InputsOf, OutputProperties, OutputsOf } from "./framework";
import { collectionCalls, entityParams, listsCanonical, makeProvider, overridesCalls, plainFields } from "./framework";
import { AdoptArgs } from "./adopt";
import { ProjectArgs } from "./project";
import { ID_TYPE_SCHEMA, TEAM_SCHEMA } from "./published";

/**
 * The layer fields of the published API beyond the seed's create body (`LayerCreateContractDto`).
 * The published update (`LayerPartialUpdateContractDto`) takes neither, so a change to either
 * replaces the layer (deleting it first: the new one has the same id; Statsig refuses to delete a
 * layer that still has experiments). Each is unmanaged when omitted.
 */
export interface LayerPublishedArgs {
  /**
   * The unit the layer's experiments randomise on: `userID`, `stableID` or a custom id type. It
   * cannot change. Changing it replaces the layer (not in the published update; deleted first,
   * refused by Statsig while the layer has experiments).
   */
  idType?: pulumi.Input<string>;
  /**
   * The owning team's name (Statsig Enterprise). Set at create only. Changing it replaces the layer
   * (not in the published update; deleted first, refused by Statsig while the layer has
   * experiments).
   */
  team?: pulumi.Input<string>;
}

/**
 * Arguments of a `Layer` (the seed's `LayerCreate`).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
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
  /** What the layer is for. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /**
   * Parameters and their default values, shared by the layer's experiments. Updated in place
   * (PATCH).
   */
  parameters?: pulumi.Input<JsonInputObject>;
  /**
   * Units forced into a group of an experiment in the layer (see `LayerOverrides`); an output only
   * when managed. Replaced with one `POST .../overrides` when changed. Updated in place
   * (`POST /layers/{id}/overrides`).
   */
  overrides?: pulumi.Input<api.LayerOverrides>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type LayerInputs = InputsOf<LayerArgs>;

/** Fields only the service sets. */
const OUTPUT_ONLY = ["createdTime"] as const;

/**
 * Outputs. The layer's experiment list is deliberately not an output: it changes whenever an
 * experiment joins, which would make every refresh report a change; `GET /layers/{id}/experiments`
 * has it.
 */
export interface LayerOutputs extends OutputsOf<api.Layer, LayerInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no default.
  /**
   * Default parameter values (a JSON object) of units in no experiment of the layer, as Statsig
   * holds them: the `parameters` argument when set, otherwise whatever the console holds.
   */
  parameters?: api.Layer["parameters"];
}

/** Empty lists are what the service reports when no override is set. */
const canonicalOverrides = listsCanonical<api.LayerOverrides>(["conditionalOverrides", "idOverrides"]);

/** The input schema of `overrides` (the published `LayerOverridesDto`, every list optional). */
const OVERRIDES_SCHEMA = closedObject({
  conditionalOverrides: {
    type: "array",
    items: closedObject(
      {
        type: { type: "string", minLength: 1 },
        name: { type: "string", minLength: 1 },
        experimentName: { type: "string", minLength: 1 },
        groupName: { type: "string", minLength: 1 },
      },
      ["type", "name", "experimentName", "groupName"],
    ),
  },
  idOverrides: {
    type: "array",
    items: closedObject(
      {
        groupName: { type: "string", minLength: 1 },
        ids: { type: "array", items: { type: "string" } },
        idType: NULLABLE_STRING,
        environment: NULLABLE_STRING,
        experimentName: NULLABLE_STRING,
      },
      ["groupName", "ids"],
    ),
  },
});

/** Why `idType` and `team` replace (documentation of `fields`). */
const NO_LAYER_UPDATE =
  "not in the published update; deleted first, refused by Statsig while the layer has experiments";

/**
 * What a change to each field does: `name` replaces, `description` and `parameters` are PATCHed,
 * `overrides` is POSTed; `idType` and `team` are in the published create body only, so they replace.
 */
const fields = {
  ...plainFields({ description: {}, parameters: {} }),
  idType: { replace: true, create: true, via: NO_LAYER_UPDATE },
  team: { replace: true, create: true, via: NO_LAYER_UPDATE },
  overrides: { canonical: canonicalOverrides, via: "`POST /layers/{id}/overrides`" },
} as const satisfies Fields<LayerInputs>;

const calls = collectionCalls((c: ConsoleClient) => statsig(c).layers, fields, OUTPUT_ONLY);
const overrides = overridesCalls<api.LayerOverrides>((c) => statsig(c).layers.overrides, canonicalOverrides);

/** Whether the service speaks the published API (the layer list answers in its envelope). */
async function published(c: ConsoleClient): Promise<boolean> {
  return (await c.shape("/layers")) === "published";
}

/** The layer's definition for the generic provider. */
export const layerDefinition: EntityDefinition<LayerInputs, LayerOutputs> = {
  ...entityIdentity("layer", withoutDot, {
    idType: ID_TYPE_SCHEMA,
    team: TEAM_SCHEMA,
    overrides: OVERRIDES_SCHEMA,
  }),
  ...calls,

  async create(c, i) {
    // The seed's create takes `parameters` (an object). The published create
    // (`LayerCreateContractDto`) takes none: a `PATCH` with the `{ name, type, defaultValue }` list
    // (`LayerPartialUpdateContractDto`) follows in `afterCreate`. Before any answer has shown the
    // shape, the create goes without them and its own answer decides the form of that `PATCH`.
    // `created` carries that decision to `afterCreate` (the create's answer changes `knownShape`).
    const inBody = i.parameters === undefined || c.knownShape === "seed";
    const id = await calls.create(c, inBody ? i : { ...i, parameters: undefined });
    return { id, created: inBody };
  },

  async afterCreate(c, id, i, parametersInBody) {
    const params = i.parameters;
    if (parametersInBody !== true && params && Object.keys(params).length > 0)
      await statsig(c).layers.update(id, {
        parameters: c.knownShape === "published" ? publishedParameters(params) : params,
      });
    await overrides.create(c, id, i.overrides);
  },

  async read(c, id, managed) {
    const read = await calls.read(c, id);
    return overrides.read(c, id, read && seedParameters(read), managed.overrides !== undefined);
  },

  async update(c, id, olds, n, changed) {
    const list = changed.has("parameters") && n.parameters && (await published(c));
    await calls.update(
      c,
      id,
      olds,
      list && n.parameters ? { ...n, parameters: publishedParameters(n.parameters) } : n,
      changed,
    );
    await overrides.update(c, id, changed, n.overrides);
  },
};

/** The provider the runtime dispatches to. */
export const layerProvider = makeProvider(layerDefinition);

/**
 * A Statsig layer: experiments in one layer are mutually exclusive and share its parameters.
 *
 * ```ts
 * const layer = new statsig.Layer("checkout-layer", { name: "checkout layer", parameters: { color: "blue" } });
 * new statsig.Experiment("exp", { name: "button color", layerID: layer.id, groups: [...] });
 * ```
 *
 * What a change to each field does is stated on each field of `LayerArgs`. Type token: `pulumi-nodejs:dynamic/statsig:Layer`.
 */
export class Layer extends pulumi.dynamic.Resource {
  /** Declares a layer. */
  constructor(name: string, args: LayerArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(layerDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `LayerOutputs` (merged into the class). */
export interface Layer extends OutputProperties<LayerOutputs> {}
