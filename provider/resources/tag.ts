/**
 * Tags.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /tags` |
 * | read   | `GET /tags/{id}` (published API; the seed has list and create only) |
 * | update | `PATCH /tags/{id}` (published API) |
 * | delete | `DELETE /tags/{id}` (published API) |
 */
import * as pulumi from "@pulumi/pulumi";
import { lengthOnly } from "../spec";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { entityIdentity } from "./common";
import type { EntityDefinition, InputsOf, OutputProperties, OutputsOf } from "./framework";
import { collectionCalls, entityParams, makeProvider, plainFields } from "./framework";
import { AdoptArgs } from "./adopt";
import { ProjectArgs } from "./project";

/**
 * Arguments of a `Tag` (the seed's `TagCreate`).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface TagArgs extends AdoptArgs, ProjectArgs {
  /**
   * Tag name, 1–100 characters of any kind; other resources refer to tags by name (use the `name`
   * output). Changing it replaces the tag (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the tag groups. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /** Display colour, e.g. `#00AA88`. Updated in place (PATCH). */
  color?: pulumi.Input<string>;
  /**
   * Whether the tag is a core tag (published API, `TagCreateDto`; Statsig's default is `false`).
   * Updated in place (PATCH).
   */
  isCore?: pulumi.Input<boolean>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type TagInputs = InputsOf<TagArgs>;

/** Fields only the service sets. */
const OUTPUT_ONLY = [] as const;

/**
 * Outputs: what the service returns.
 */
export interface TagOutputs extends OutputsOf<api.Tag, TagInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no default.
  /** Display colour in the console, as Statsig holds it: the `color` argument when set. */
  color?: api.Tag["color"];
}

/** What a change to each field does: `name` replaces, the rest is PATCHed. */
const fields = plainFields({ description: {}, color: {}, isCore: {} });

/** The tag's definition for the generic provider. */
export const tagDefinition: EntityDefinition<TagInputs, TagOutputs> = {
  ...entityIdentity("tag", lengthOnly(1, 100), { isCore: { type: "boolean" } }),
  ...collectionCalls((c: ConsoleClient) => statsig(c).tags, fields, OUTPUT_ONLY),
};

/** The provider the runtime dispatches to. */
export const tagProvider = makeProvider(tagDefinition);

/**
 * A Statsig tag.
 *
 * ```ts
 * const team = new statsig.Tag("checkout-team", { name: "checkout team", description: "Owned by checkout" });
 * new statsig.Gate("g", { name: "new_checkout", tags: [team.name] });
 * ```
 *
 * What a change to each field does is stated on each field of `TagArgs`. Type token: `pulumi-nodejs:dynamic/statsig:Tag`.
 */
export class Tag extends pulumi.dynamic.Resource {
  /** Declares a tag. */
  constructor(name: string, args: TagArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(tagDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `TagOutputs` (merged into the class). */
export interface Tag extends OutputProperties<TagOutputs> {}
