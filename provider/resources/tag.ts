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
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef } from "../spec";
import { nameSchema } from "./common";
import { collectionCalls, EntityDefinition, makeProvider, withOutputKeys } from "./framework";
import { AdoptArgs, rejectImport, withAdopt } from "./adopt";
import { ProjectArgs, withProject } from "./project";
import { shimProvider } from "./shim";

/**
 * Arguments of a `Tag` (the seed's `TagCreate`).
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (the id derives from it; deleted first when the new name maps to the same id) |
 * | `description`, `color` | update (`PATCH`) |
 */
export interface TagArgs extends AdoptArgs, ProjectArgs {
  /** Tag name; other resources refer to tags by name (use this resource's `name` output). */
  name: pulumi.Input<string>;
  /** What the tag groups. */
  description?: pulumi.Input<string>;
  /** Display colour, e.g. `#00AA88`. */
  color?: pulumi.Input<string>;
}

/** Resolved inputs. */
export interface TagInputs {
  name: string;
  description?: string;
  color?: string;
}

/** Outputs: what the service returns. */
export type TagOutputs = Pick<api.Tag, "id" | (typeof FIELDS)[number]>;

const FIELDS = ["name", "description", "color"] as const;

/** The tag's definition for the generic provider. */
export const tagDefinition: EntityDefinition<TagInputs, TagOutputs> = {
  kind: "tag",
  typeName: "Tag",
  inputSchema: {
    type: "object",
    allOf: [schemaRef("TagCreate")],
    properties: { name: nameSchema("default") },
    unevaluatedProperties: false,
  },
  fields: { name: { replace: true }, description: {}, color: {} },
  ...collectionCalls((c: ConsoleClient) => statsig(c).tags, {
    createFields: FIELDS,
    patchFields: ["description", "color"],
    outputs: FIELDS,
  }),
};

/** The provider the runtime dispatches to. */
export const tagProvider = withProject(withAdopt(tagDefinition, makeProvider(tagDefinition)));
const shim = shimProvider("Tag");

/**
 * A Statsig tag.
 *
 * ```ts
 * const team = new statsig.Tag("checkout-team", { name: "checkout team", description: "Owned by checkout" });
 * new statsig.Gate("g", { name: "new_checkout", tags: [team.name] });
 * ```
 *
 * Changing `name` replaces the tag. Type token: `pulumi-nodejs:dynamic/statsig:Tag`.
 *
 * What a change to each argument does:
 *
 * | field | on change |
 * |---|---|
 * | `name` | **replace** (the id derives from it; deleted first when the new name maps to the same id) |
 * | `description`, `color` | update (`PATCH`) |
 */
export class Tag extends pulumi.dynamic.Resource {
  /** Tag name. */
  declare readonly name: pulumi.Output<string>;
  /** Description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Colour. */
  declare readonly color: pulumi.Output<string | undefined>;

  /** Declares a tag. */
  constructor(name: string, args: TagArgs, opts?: pulumi.CustomResourceOptions) {
    rejectImport("Tag", name, opts);
    super(shim, name, withOutputKeys(FIELDS, args), opts, "statsig", "Tag");
  }
}
