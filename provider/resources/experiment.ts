/**
 * Experiments.
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /experiments` (everything the create body takes), then `POST .../overrides` when set, then the lifecycle `PUT`s from `setup` to `status` (`start`, `make_decision`, `abandon`, `archive`) |
 * | read   | `GET /experiments/{id}` (+ `GET .../overrides` when the program manages overrides) |
 * | update | `PUT .../reset` when going back to setup, `PATCH /experiments/{id}` with the changed fields (`groups`, `targetingGateID` follow the published API), `POST .../overrides` when they changed, then the lifecycle `PUT`s to the new `status` (`unarchive`, `start`, `make_decision`, `abandon`, `archive`) |
 * | delete | `DELETE /experiments/{id}` |
 */
import * as pulumi from "@pulumi/pulumi";
import type { OutputProperties } from "./framework";
import { entityParams } from "./framework";
import { experimentDefinition } from "./experiment/definition";
import type { ExperimentArgs, ExperimentOutputs } from "./experiment/args";

export type { ExperimentGroup } from "./experiment/groups";
export type { ExperimentStatus } from "./experiment/lifecycle";
export type { ExperimentArgs, ExperimentPublishedArgs, ExperimentInputs, ExperimentOutputs } from "./experiment/args";
export { validateGroups } from "./experiment/groups";
export { start } from "./experiment/lifecycle";
export { experimentDefinition, experimentProvider } from "./experiment/definition";

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
