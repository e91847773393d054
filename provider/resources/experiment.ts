/**
 * Experiments.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /experiments` (everything the create body takes), then `PUT /experiments/{id}/start` when `status: "active"` |
 * | read   | `GET /experiments/{id}` |
 * | update | `PUT .../reset` when going back to setup, `PATCH /experiments/{id}` with the changed fields (`groups`, `targetingGateID` follow the published API), `PUT .../start` when going active |
 * | delete | `DELETE /experiments/{id}` |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, StatsigApiError, statsig } from "../client";
import type * as api from "../client/extras";
import { schemaRef, ValidationIssue } from "../spec";
import { inputSchema, JsonInputObject, nameSchema, STRING_LIST } from "./common";
import {
  collectionCalls,
  containsUnknown,
  EntityDefinition,
  entityParams,
  Fields,
  InputsOf,
  jsonEqual,
  makeProvider,
  OutputProperties,
  OutputsOf,
  PartialCreateError,
} from "./framework";
import { AdoptArgs } from "./adopt";
import { ProjectArgs, withProject } from "./project";

/** One experiment group: its share of allocated units and its parameter values. */
export interface ExperimentGroup {
  /** Group name, unique within the experiment (e.g. `control`). */
  name: string;
  /** Share of the experiment's units, 0–100; all groups sum to 100. */
  size: number;
  /** Parameter values this group gets; every group sets the same keys. */
  parameterValues?: JsonInputObject;
}

/** Lifecycle a program can ask for. */
export type ExperimentStatus = "setup" | "active";

/**
 * Arguments of an `Experiment` (the seed's `ExperimentCreate`, plus `status`).
 *
 * What a change to each field does (update in place or replace) is in the README's table, "Resources
 * and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface ExperimentArgs extends AdoptArgs, ProjectArgs {
  /**
   * Experiment name: 3–100 letters, digits, `_`, `-` and spaces (no `.`). Changing it replaces the
   * experiment (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the experiment is about. Updated in place. */
  description?: pulumi.Input<string>;
  /** What the experiment is expected to show. Updated in place. */
  hypothesis?: pulumi.Input<string>;
  /**
   * Groups, each with a `name`, a `size` (percent of the experiment's units; sizes sum to 100) and
   * `parameterValues` (every group sets the same keys). Updated in place while the experiment is in
   * `setup`; refused at preview once it is active.
   */
  groups?: pulumi.Input<pulumi.Input<ExperimentGroup>[]>;
  /** Share of eligible units that enter the experiment, in percent (0–100). Updated in place. */
  allocation?: pulumi.Input<number>;
  /**
   * The layer the experiment runs in (a `statsig.Layer`'s `id`). Changing it replaces the
   * experiment (refused while the experiment is active).
   */
  layerID?: pulumi.Input<string>;
  /**
   * Only units passing this gate are eligible (a `statsig.Gate`'s `id`). Updated in place while the
   * experiment is in `setup`; refused at preview once it is active.
   */
  targetingGateID?: pulumi.Input<string>;
  /** Tag names (a `statsig.Tag`'s `name` output). Updated in place. */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * `setup` or `active`. Going to `active` starts the experiment. Going back to `setup` **resets**
   * it, which clears the data it collected: do that only on purpose. Groups cannot change while
   * active; the preview fails and says so instead of replacing the experiment. Updated in place.
   */
  status?: pulumi.Input<ExperimentStatus>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type ExperimentInputs = InputsOf<ExperimentArgs>;

/**
 * Outputs (the service's status can also be `decision_made` or `abandoned`).
 *
 * @interface
 */
export type ExperimentOutputs = OutputsOf<
  api.Experiment,
  ExperimentInputs,
  (typeof OUTPUT_ONLY)[number],
  ExperimentOutputDocs
>;

/** Docs of the experiment outputs whose spec description gives no unit, default or meaning. */
interface ExperimentOutputDocs {
  /**
   * Where the experiment is: `setup` (not started; groups editable), `active` (running),
   * `decision_made` or `abandoned` (both set in the console). A new experiment starts in `setup`.
   * Shown as a change only when the `status` argument is set.
   */
  status?: api.Experiment["status"];
  /**
   * Share of eligible units that enter the experiment, in percent (0–100). A new experiment gets
   * 100 when the argument is omitted.
   */
  allocation?: api.Experiment["allocation"];
  /** What the experiment tests, as Statsig holds it: the `hypothesis` argument when set. */
  hypothesis?: api.Experiment["hypothesis"];
  /**
   * Groups with their `size` (percent of the experiment's units, summing to 100) and parameter
   * values, as Statsig holds them: the `groups` argument when set.
   */
  groups?: api.Experiment["groups"];
  /** Id of the layer the experiment runs in; absent when it runs in no layer. */
  layerID?: api.Experiment["layerID"];
  /** Id of the gate units must pass to be eligible; absent when every unit is eligible. */
  targetingGateID?: api.Experiment["targetingGateID"];
}

/** Fields only the service sets. */
const OUTPUT_ONLY = ["createdTime", "lastModifiedTime"] as const satisfies readonly (keyof api.Experiment)[];

function canonicalGroups(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  return v.map((g: ExperimentGroup) => ({ ...g, parameterValues: g.parameterValues ?? {} }));
}

/** Checks groups: unique names, sizes summing to 100, the same parameter keys everywhere. */
export function validateGroups(groups: ExperimentGroup[] | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(groups) || groups.length === 0) return issues;
  const names = new Map<string, number>();
  groups.forEach((g, i) => {
    const prev = names.get(g?.name);
    if (prev !== undefined)
      issues.push({
        property: `groups[${i}].name`,
        reason: `duplicates groups[${prev}] ("${g.name}"); group names must be unique`,
      });
    else names.set(g?.name, i);
  });
  const total = groups.reduce((s, g) => s + (typeof g?.size === "number" ? g.size : 0), 0);
  if (Math.abs(total - 100) > 1e-9)
    issues.push({ property: "groups", reason: `sizes must sum to 100 (they sum to ${total})` });
  const keysOf = (g: ExperimentGroup) => Object.keys(g?.parameterValues ?? {}).sort();
  const first = keysOf(groups[0]);
  groups.slice(1).forEach((g, j) => {
    if (!jsonEqual(keysOf(g), first))
      issues.push({
        property: `groups[${j + 1}].parameterValues`,
        reason: `must set the same parameters as groups[0] (${first.join(", ") || "none"}), got ${keysOf(g).join(", ") || "none"}`,
      });
  });
  return issues;
}

/**
 * What a change to each field does. `groups` and `targetingGateID` in PATCH follow the published
 * API, and only in setup (`guardChanges` refuses them once started); `status` is start / reset.
 */
const fields = {
  name: { replace: true, create: true },
  description: { create: true, patch: true },
  hypothesis: { create: true, patch: true },
  groups: { canonical: canonicalGroups, create: true, patch: true },
  allocation: { create: true, patch: true },
  layerID: { replace: true, create: true },
  targetingGateID: { create: true, patch: true },
  tags: { unordered: true, create: true, patch: true },
  status: {},
} as const satisfies Fields<ExperimentInputs>;

const calls = collectionCalls((c: ConsoleClient) => statsig(c).experiments, fields, OUTPUT_ONLY);

/**
 * Starts an experiment, safe to repeat. Start is not idempotent at the service: when an attempt is
 * applied but its answer is lost (5xx after commit, reset, timeout), the retry is refused because
 * the experiment "is active". A refusal whose experiment is now active is the start having worked.
 */
export async function start(c: ConsoleClient, id: string): Promise<void> {
  try {
    await statsig(c).experiments.start(id);
  } catch (err) {
    if (!(err instanceof StatsigApiError) || err.status !== 400 || !err.ambiguousRetry) throw err;
    const now = await statsig(c).experiments.get(id);
    if (now?.status !== "active") throw err;
  }
}

/** The experiment's definition for the generic provider. */
export const experimentDefinition: EntityDefinition<ExperimentInputs, ExperimentOutputs> = {
  kind: "experiment",
  typeName: "Experiment",
  inputSchema: inputSchema("ExperimentCreate", {
    name: nameSchema("experiment"),
    groups: {
      type: "array",
      items: {
        allOf: [schemaRef("ExperimentGroup")],
        required: ["name", "size"],
        properties: { name: { type: "string", minLength: 1 } },
        unevaluatedProperties: false,
      },
    },
    tags: STRING_LIST,
    status: { enum: ["setup", "active"] },
  }),
  validate(i) {
    const issues = validateGroups(i.groups);
    if (i.status === "active" && (i.groups?.length ?? 0) < 2)
      issues.push({ property: "groups", reason: 'an experiment needs at least two groups to be "active"' });
    return issues;
  },
  fields,
  outputOnly: OUTPUT_ONLY,

  warnChanges(olds, news, changed) {
    const running = olds.status && olds.status !== "setup";
    return running && changed.includes("status") && news.status === "setup"
      ? [
          `experiment "${olds.name}" goes from ${olds.status} back to setup: this resets it and discards the data ` +
            `it collected`,
        ]
      : [];
  },

  guardChanges(olds, news, changed) {
    const running = olds.status && olds.status !== "setup";
    const label = `experiment "${olds.name}" is ${olds.status}`;
    if (running && news.status === "active" && olds.status !== "active")
      throw new Error(`${label} and cannot be started again: create a new experiment under a new name`);
    const staysRunning = news.status !== "setup";
    if (running && staysRunning && changed.includes("groups"))
      throw new Error(
        `${label}: its groups cannot change. Either set status: "setup" in the same change (this resets the ` +
          `experiment and discards the data it collected), or create a new experiment under a new name.`,
      );
    // A value unknown at preview (another resource's output) is checked again at update, known by then.
    if (running && staysRunning && changed.includes("targetingGateID") && !containsUnknown(news.targetingGateID))
      throw new Error(
        `${label}: its targetingGateID cannot change (from ${JSON.stringify(olds.targetingGateID ?? null)} to ` +
          `${JSON.stringify(news.targetingGateID)}): that would change who is in it mid-experiment. Either set ` +
          `status: "setup" in the same change (this resets the experiment and discards the data it collected), or ` +
          `create a new experiment under a new name.`,
      );
    if (running && changed.includes("layerID"))
      throw new Error(
        `${label}: moving it to another layer would replace it and discard its data. Set status: "setup" and ` +
          `apply first if that is intended, or create a new experiment under a new name.`,
      );
  },

  ...calls,

  async create(c, i) {
    const id = await calls.create(c, i);
    if (i.status === "active") {
      try {
        await start(c, id);
      } catch (err) {
        throw new PartialCreateError(id, err);
      }
    }
    return id;
  },

  // Reset before the PATCH (groups can only change in setup), start after it.
  async update(c, id, olds, n, changed) {
    if (changed.has("status") && n.status === "setup" && olds.status !== "setup")
      await statsig(c).experiments.reset(id);
    await calls.update(c, id, olds, n, changed);
    if (changed.has("status") && n.status === "active") await start(c, id);
  },
};

/** The provider the runtime dispatches to. */
export const experimentProvider = withProject(makeProvider(experimentDefinition));

/**
 * A Statsig experiment.
 *
 * ```ts
 * const exp = new statsig.Experiment("button-color", {
 *   name: "button color",
 *   hypothesis: "A green button converts better",
 *   layerID: layer.id,
 *   groups: [
 *     { name: "control", size: 50, parameterValues: { color: "blue" } },
 *     { name: "green", size: 50, parameterValues: { color: "green" } },
 *   ],
 *   status: "active",
 * });
 * ```
 *
 * Going from `active` back to `setup` resets the experiment and clears its data. Changing the
 * groups of an active experiment fails the preview with what to do instead. See `ExperimentArgs`.
 * Type token: `pulumi-nodejs:dynamic/statsig:Experiment`.
 */
export class Experiment extends pulumi.dynamic.Resource {
  /** Declares an experiment. */
  constructor(name: string, args: ExperimentArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(experimentDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `ExperimentOutputs` (merged into the class). */
export interface Experiment extends OutputProperties<ExperimentOutputs> {}
