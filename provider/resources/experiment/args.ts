/**
 * The experiment's arguments and outputs, apart from the class (`../experiment.ts`) so that the
 * definition can name them without importing the module that imports it (no cycle, not even a
 * type-only one). `npm run gen:docs` writes each Args field's last sentence here.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as api from "../../client/extras";
import type { InputsOf, OutputsOf } from "../framework";
import type { AdoptArgs } from "../adopt";
import type { ProjectArgs } from "../project";
import type { ExperimentGroup } from "./groups";
import type { ExperimentStatus } from "./lifecycle";

/** Fields only the service sets (`launchedGroupID`: the id behind `launchedGroup`). */
export const OUTPUT_ONLY = ["createdTime", "lastModifiedTime", "launchedGroupID"] as const;

/**
 * The experiment fields of the published API beyond the seed's create body (`ExperimentCreateDto`;
 * `ExperimentPartialUpdateDto` takes every one of them, so each is updated in place with
 * `PATCH /experiments/{id}`). Each is unmanaged when omitted. Whether Statsig takes a change while
 * the experiment runs is Statsig's call: the preview does not guess, a refusal fails the `up`.
 */
export interface ExperimentPublishedArgs {
  /**
   * The unit the experiment randomises on: `userID`, `stableID` or a custom id type. Updated in
   * place (PATCH).
   */
  idType?: pulumi.Input<string>;
  /** The owning team's name (Statsig Enterprise). Updated in place (PATCH). */
  team?: pulumi.Input<string>;
  /**
   * Main metrics, to evaluate the hypothesis: `{ name, type, direction?, hypothesizedValue? }`
   * (order not significant). Updated in place (PATCH).
   */
  primaryMetrics?: pulumi.Input<pulumi.Input<api.ExperimentMetric>[]>;
  /**
   * Further metrics to monitor, as `primaryMetrics` (order not significant). Updated in place
   * (PATCH).
   */
  secondaryMetrics?: pulumi.Input<pulumi.Input<api.ExperimentMetric>[]>;
  /** Metric tags whose metrics are primary (order not significant). Updated in place (PATCH). */
  primaryMetricTags?: pulumi.Input<pulumi.Input<string>[]>;
  /** Metric tags whose metrics are secondary (order not significant). Updated in place (PATCH). */
  secondaryMetricTags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The id of the control group, as Statsig holds it (the published API takes an id, not a name).
   * Group ids are assigned by Statsig when the groups are created, so a new experiment cannot name
   * one on its first `up`: read it from the `groups` output (each group's `id`) or from a program
   * written by `generate`, and set it afterwards. Omitted: Statsig's choice is kept. Updated in
   * place (PATCH).
   */
  controlGroupID?: pulumi.Input<string>;
  /**
   * How long the experiment is expected to run, in days: an integer above 1. Updated in place
   * (PATCH).
   */
  duration?: pulumi.Input<number>;
  /** Exposures the experiment aims for: an integer above 1. Updated in place (PATCH). */
  targetExposures?: pulumi.Input<number>;
  /** Target app ids: a list, or one id (order not significant). Updated in place (PATCH). */
  targetApps?: pulumi.Input<string | pulumi.Input<string>[]>;
  /**
   * Links to documents about the experiment, each `{ url, title? }` (an absolute URL). Updated in
   * place (PATCH).
   */
  links?: pulumi.Input<pulumi.Input<api.ExperimentLink>[]>;
  /**
   * Default error margin of results, in percent: `"80"`, `"90"`, `"95"`, `"98"` or `"99"`. Updated
   * in place (PATCH).
   */
  defaultConfidenceInterval?: pulumi.Input<api.ConfidenceInterval>;
  /** Whether Bonferroni correction is applied per variant. Updated in place (PATCH). */
  bonferroniCorrection?: pulumi.Input<boolean>;
  /** Whether sequential testing is applied to results. Updated in place (PATCH). */
  sequentialTesting?: pulumi.Input<boolean>;
}

/**
 * Arguments of an `Experiment` (the seed's `ExperimentCreate`, plus `status` and the published
 * API's decision and overrides: `launchedGroup`, `decisionReason`, `overrides`).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface ExperimentArgs extends AdoptArgs, ProjectArgs, ExperimentPublishedArgs {
  /**
   * Experiment name: 3–100 letters, digits, `_`, `-` and spaces (no `.`). Changing it replaces the
   * experiment (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the experiment is about. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /** What the experiment is expected to show. Updated in place (PATCH). */
  hypothesis?: pulumi.Input<string>;
  /**
   * Groups, each with a `name`, a `size` (percent of the experiment's units; sizes sum to 100),
   * `parameterValues` (groups may set different parameters), and optionally `description` and
   * `disabled`. Updated in place (PATCH, in setup only: **refused at preview once active**, with
   * what to do instead).
   */
  groups?: pulumi.Input<pulumi.Input<ExperimentGroup>[]>;
  /**
   * Share of eligible units that enter the experiment, in percent (0–100). Updated in place
   * (PATCH).
   */
  allocation?: pulumi.Input<number>;
  /**
   * The layer the experiment runs in (a `statsig.Layer`'s `id`). Changing it replaces the
   * experiment (refused at preview while active).
   */
  layerID?: pulumi.Input<string>;
  /**
   * Only units passing this gate are eligible (a `statsig.Gate`'s `id`). Updated in place (PATCH,
   * in setup only: **refused at preview once active**, with what to do instead).
   */
  targetingGateID?: pulumi.Input<string>;
  /** Tag names (a `statsig.Tag`'s `name` output). Updated in place (PATCH). */
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Where the experiment is, each change through its endpoint (updated in place):
   *
   * | from → to | call |
   * |---|---|
   * | `setup` → `active` | `PUT .../start` |
   * | `active` → `setup` | `PUT .../reset`: **clears the data it collected**, do that only on purpose |
   * | `active` → `decision_made` | `PUT .../make_decision` with `launchedGroup` and `decisionReason` |
   * | `active` → `abandoned` | `PUT .../abandon` with `decisionReason` |
   * | any → `archived` | `PUT .../archive` (after the decision or abandonment when `launchedGroup` or `decisionReason` is set) |
   * | `archived` → other | `PUT .../unarchive` (back to where it was), then on from there |
   *
   * From `setup`, `decision_made` and `abandoned` go through `start` first (the experiment runs for
   * a moment). A decision is final in Statsig: a `decision_made` or `abandoned` experiment goes
   * nowhere but `archived` (the preview fails saying so; create a new experiment under a new name).
   * Groups cannot change while active; the preview fails and says so instead of replacing it.
   * Updated in place (through its endpoints,
   * `PUT /experiments/{id}/{start,reset,make_decision,abandon,archive,unarchive}`).
   */
  status?: pulumi.Input<ExperimentStatus>;
  /**
   * The group a decision launches, by its `name` (group ids are assigned by Statsig). Goes with
   * `status: "decision_made"` (or `"archived"`, decided before archiving); sent as the group's id
   * to `PUT .../make_decision`. Fixed once the decision is made (changing it fails the preview).
   * Updated in place (with the status: `PUT /experiments/{id}/make_decision`; fixed afterwards).
   */
  launchedGroup?: pulumi.Input<string>;
  /**
   * Why the experiment was decided or abandoned: sent with `make_decision` or `abandon` (`""` when
   * omitted). Goes with `status` `decision_made`, `abandoned` or `archived`; fixed afterwards.
   * Updated in place (with the status: `PUT /experiments/{id}/{make_decision,abandon}`; fixed
   * afterwards).
   */
  decisionReason?: pulumi.Input<string>;
  /**
   * Units forced into groups (see `ExperimentOverrides`); an output only when managed. Replaced
   * with one `POST .../overrides` when changed. Updated in place
   * (`POST /experiments/{id}/overrides`).
   */
  overrides?: pulumi.Input<api.ExperimentOverrides>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type ExperimentInputs = InputsOf<ExperimentArgs>;

/**
 * Outputs: what the service returns, `launchedGroup` (the launched group's name, derived from
 * `launchedGroupID`) once decided, and the overrides when managed.
 */
export interface ExperimentOutputs extends OutputsOf<api.Experiment, ExperimentInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no unit, default or meaning.
  /**
   * Where the experiment is: `setup` (not started; groups editable), `active` (running),
   * `decision_made` (a group launched: `launchedGroup`), `abandoned`, `archived`, or one of the
   * console's `experiment_stopped` and `assignment_stopped`. A new experiment starts in `setup`.
   * Shown as a change only when the `status` argument is set.
   */
  status?: api.Experiment["status"];
  /**
   * The id Statsig assigned the launched group, once a decision is made (its name is
   * `launchedGroup`). Set by the service; never an input, never shown as a change.
   */
  launchedGroupID?: api.Experiment["launchedGroupID"];
  /** Why the experiment was decided or abandoned, as Statsig holds it: the `decisionReason` argument when set. */
  decisionReason?: api.Experiment["decisionReason"];
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
