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
import { ConsoleClient, statsig } from "../client";
import { BadRequestError } from "../client/errors";
import type * as api from "../client/extras";
import { JsonSchema, schemaRef, ValidationIssue, withoutDot } from "../spec";
import { inputSchema, JsonInputObject, nameSchema, STRING_LIST } from "./common";
import {
  collectionCalls,
  containsUnknown,
  EntityDefinition,
  entityParams,
  Fields,
  InputsOf,
  makeProvider,
  NAME_FIELD,
  orNotFound,
  OutputProperties,
  OutputsOf,
} from "./framework";
import { AdoptArgs } from "./adopt";
import { applied } from "./lifecycle";
import { ProjectArgs } from "./project";
import {
  EXPERIMENT_METRIC_LIST_SCHEMA,
  ID_TYPE_SCHEMA,
  PLAIN_STRING_LIST,
  SET_FIELD,
  TARGET_APPS_FIELD,
  TARGET_APPS_SCHEMA,
  TEAM_SCHEMA,
} from "./published";

/** One experiment group: its share of allocated units and its parameter values. */
export interface ExperimentGroup {
  /** Group name, unique within the experiment (e.g. `control`). */
  name: string;
  /** Share of the experiment's units, 0–100; all groups sum to 100. */
  size: number;
  /**
   * Parameter values this group gets. Groups may set different parameters: Statsig takes them (the
   * published `ExperimentCreateDto` ties no group's keys to another's).
   */
  parameterValues?: JsonInputObject;
  /** What the group gets (published API); `""` and omitted are the same. */
  description?: string;
  /** Whether the group is disabled (published API); `false` and omitted are the same. */
  disabled?: boolean;
}

/**
 * Lifecycle a program can ask for: `setup` → `active` → `decision_made` (a group launched) or
 * `abandoned`, and `archived` from any of them. See `ExperimentArgs.status`.
 */
export type ExperimentStatus = "setup" | "active" | "decision_made" | "abandoned" | "archived";

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
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type ExperimentInputs = InputsOf<ExperimentArgs>;

/**
 * Outputs: what the service returns, `launchedGroup` (the launched group's name, derived from
 * `launchedGroupID`) once decided, and the overrides when managed.
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

/** Fields only the service sets (`launchedGroupID`: the id behind `launchedGroup`). */
const OUTPUT_ONLY = [
  "createdTime",
  "lastModifiedTime",
  "launchedGroupID",
] as const satisfies readonly (keyof api.Experiment)[];

/** Empty lists are what the service reports when no override is set. */
function canonicalOverrides(v: unknown): unknown {
  if (!v || typeof v !== "object") return v;
  const o = v as api.ExperimentOverrides;
  return { overrides: o.overrides ?? [], userIDOverrides: o.userIDOverrides ?? [] };
}

/** The input schema of `overrides` (the published `ExperimentOverridesDto`, every list optional). */
const OVERRIDES_SCHEMA: JsonSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    overrides: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["type", "id", "groupID"],
        properties: {
          type: { enum: ["gate", "segment"] },
          id: { type: "string", minLength: 1 },
          groupID: { type: "string", minLength: 1 },
          environment: { type: ["string", "null"] },
        },
      },
    },
    userIDOverrides: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["groupID", "ids"],
        properties: {
          groupID: { type: "string", minLength: 1 },
          ids: { type: "array", maxItems: 1000, items: { type: "string" } },
          environment: { type: ["string", "null"] },
          unitType: { type: ["string", "null"] },
        },
      },
    },
  },
};

/** Statuses in which the experiment runs (the published enum's "stopped" states included). */
const RUNNING = new Set<string>(["active", "experiment_stopped", "assignment_stopped"]);
/** Statuses a decision has ended: final in Statsig (only archiving is left). */
const DECIDED = new Set<string>(["decision_made", "abandoned"]);

/** One lifecycle call. */
type Step = "start" | "reset" | "make_decision" | "abandon" | "archive" | "unarchive";

/** Where each call takes the experiment (unarchive: back to where it was, known from its answer). */
const STEP_TARGET = {
  start: "active",
  reset: "setup",
  make_decision: "decision_made",
  abandon: "abandoned",
  archive: "archived",
} as const satisfies Record<Exclude<Step, "unarchive">, string>;

/**
 * The next lifecycle call from `from` towards the inputs' status, or undefined when there is none
 * (arrived, or a change Statsig cannot make). `archived` is reached through the decision when
 * `launchedGroup` is set, through abandonment when only `decisionReason` is.
 */
function nextStep(
  from: string,
  to: Pick<ExperimentInputs, "status" | "launchedGroup" | "decisionReason">,
): Step | undefined {
  const goal = to.status;
  if (!goal || from === goal) return undefined;
  if (from === "archived") return "unarchive";
  const viaDecision = goal === "decision_made" || (goal === "archived" && to.launchedGroup !== undefined);
  const viaAbandon =
    goal === "abandoned" || (goal === "archived" && to.launchedGroup === undefined && to.decisionReason !== undefined);
  if (from === "setup") {
    if (goal === "active" || viaDecision || viaAbandon) return "start";
    return goal === "archived" ? "archive" : undefined;
  }
  if (RUNNING.has(from)) {
    if (goal === "setup") return "reset";
    if (viaDecision) return "make_decision";
    if (viaAbandon) return "abandon";
    return goal === "archived" ? "archive" : undefined;
  }
  return goal === "archived" ? "archive" : undefined;
}

/** The calls from `from` to the inputs' status, as far as can be told without asking (an archived experiment's way back is not). */
function plannedSteps(from: string, to: ExperimentInputs): Step[] {
  const steps: Step[] = [];
  for (let at = from; steps.length < 4;) {
    const step = nextStep(at, to);
    if (!step || step === "unarchive") break;
    steps.push(step);
    at = STEP_TARGET[step];
  }
  return steps;
}

/** Why the experiment cannot go from `from` to the inputs' status, when Statsig cannot take it there. */
function lifecycleRefusal(name: unknown, from: string, to: ExperimentInputs): string | undefined {
  const goal = to.status;
  if (!goal || from === goal || from === "archived") return undefined;
  const label = `experiment "${String(name)}" is ${from}`;
  if (DECIDED.has(from) && goal !== "archived")
    return (
      `${label} and cannot go to ${goal}: a decision is final in Statsig (an ended experiment can only be ` +
      `archived). Create a new experiment under a new name to run it again.`
    );
  if (RUNNING.has(from) && goal === "active") return undefined; // a "stopped" state the console set: the start endpoint decides
  if (from !== "setup" && goal === "active")
    return `${label} and cannot be started again: create a new experiment under a new name`;
  const steps = plannedSteps(from, to);
  if (steps.includes("make_decision") && to.launchedGroup === undefined)
    return (
      `${label}: status "${goal}" makes a decision, which launches a group: set launchedGroup to the name of ` +
      `the group to launch (or decisionReason alone, with status "abandoned", to launch none)`
    );
  return undefined;
}

/** The group fields a program declares (the input schema takes no other). */
const GROUP_FIELDS = ["name", "size", "parameterValues", "description", "disabled"] as const;

/**
 * A group's declarable fields: what the service adds (the group `id` it assigns, the published
 * group's `foreignGroupID`) is not the program's to declare.
 */
function declaredGroup(g: api.ExperimentGroup): api.ExperimentGroup {
  if (!g || typeof g !== "object") return g;
  const out: api.ExperimentGroup = {};
  for (const f of GROUP_FIELDS) if (f in g) Object.assign(out, { [f]: g[f] });
  return out;
}

/** A group as compared: its declarable fields; `""` description and `false` disabled are their absence. */
function canonicalGroup(g: api.ExperimentGroup): api.ExperimentGroup {
  if (!g || typeof g !== "object") return g;
  const { description, disabled, ...rest } = declaredGroup(g);
  return {
    ...rest,
    parameterValues: rest.parameterValues ?? {},
    ...(description ? { description } : {}),
    ...(disabled ? { disabled } : {}),
  };
}

function canonicalGroups(v: unknown): unknown {
  return Array.isArray(v) ? v.map(canonicalGroup) : v;
}

/** Groups as inputs (refresh's recorded inputs, `generate`): only their declarable fields. */
function groupsAsInput(v: unknown): unknown {
  return Array.isArray(v) ? v.map(declaredGroup) : v;
}

/**
 * Checks groups: unique names and sizes summing to 100. Groups may set different parameters:
 * Statsig takes them (the published `ExperimentCreateDto.groups[].parameterValues` is a free-form
 * object per group, with no rule tying one group's keys to another's).
 */
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
  return issues;
}

/** The published fields: in the create body and in `PATCH /experiments/{id}` (`ExperimentPartialUpdateDto`). */
const PUBLISHED_FIELDS = {
  idType: { create: true, patch: true },
  team: { create: true, patch: true },
  primaryMetrics: { ...SET_FIELD, create: true, patch: true },
  secondaryMetrics: { ...SET_FIELD, create: true, patch: true },
  primaryMetricTags: { ...SET_FIELD, create: true, patch: true },
  secondaryMetricTags: { ...SET_FIELD, create: true, patch: true },
  controlGroupID: { create: true, patch: true },
  duration: { create: true, patch: true },
  targetExposures: { create: true, patch: true },
  targetApps: { ...TARGET_APPS_FIELD, create: true, patch: true },
  links: { create: true, patch: true },
  defaultConfidenceInterval: { create: true, patch: true },
  bonferroniCorrection: { create: true, patch: true },
  sequentialTesting: { create: true, patch: true },
} as const;

/** Schemas of the published fields, from `ExperimentCreateDto`. */
const PUBLISHED_SCHEMAS = {
  idType: ID_TYPE_SCHEMA,
  team: TEAM_SCHEMA,
  primaryMetrics: EXPERIMENT_METRIC_LIST_SCHEMA,
  secondaryMetrics: EXPERIMENT_METRIC_LIST_SCHEMA,
  primaryMetricTags: PLAIN_STRING_LIST,
  secondaryMetricTags: PLAIN_STRING_LIST,
  controlGroupID: { type: "string" },
  // `minimum: 1, exclusiveMinimum: true` in the published (OpenAPI 3.0) DTO: above 1.
  duration: { type: "integer", exclusiveMinimum: 1 },
  targetExposures: { type: "integer", exclusiveMinimum: 1 },
  targetApps: TARGET_APPS_SCHEMA,
  links: {
    type: "array",
    items: {
      type: "object",
      required: ["url"],
      properties: { url: { type: "string", format: "uri" }, title: { type: "string" } },
    },
  },
  defaultConfidenceInterval: { enum: ["80", "90", "95", "98", "99"] },
  bonferroniCorrection: { type: "boolean" },
  sequentialTesting: { type: "boolean" },
};

/** When `groups` and `targetingGateID` can change (documentation of `fields`). */
const IN_SETUP = "PATCH, in setup only: **refused at preview once active**, with what to do instead";

/**
 * What a change to each field does. `groups` and `targetingGateID` in PATCH follow the published
 * API, and only in setup (`guardChanges` refuses them once started); `status` is start / reset.
 */
const fields = {
  name: NAME_FIELD,
  description: { create: true, patch: true },
  hypothesis: { create: true, patch: true },
  groups: { canonical: canonicalGroups, asInput: groupsAsInput, create: true, patch: true, via: IN_SETUP },
  allocation: { create: true, patch: true },
  layerID: { replace: true, create: true, via: "refused at preview while active", refers: { ids: "Layer" } },
  targetingGateID: { create: true, patch: true, via: IN_SETUP, refers: { ids: "Gate" } },
  tags: { unordered: true, create: true, patch: true, refers: { names: "Tag" } },
  status: {
    via: "through its endpoints, `PUT /experiments/{id}/{start,reset,make_decision,abandon,archive,unarchive}`",
    note:
      "`setup`→`active` starts, `active`→`setup` resets (clears collected data), `active`→`decision_made` " +
      "(`make_decision` with `launchedGroup`, by group name, and `decisionReason`), `active`→`abandoned` " +
      "(`abandon` with `decisionReason`), any→`archived` (`archive`), `archived`→ back (`unarchive`); a decided " +
      "or abandoned experiment goes nowhere but `archived` (**refused at preview**, with the reason)",
  },
  launchedGroup: { via: "with the status: `PUT /experiments/{id}/make_decision`; fixed afterwards" },
  decisionReason: { via: "with the status: `PUT /experiments/{id}/{make_decision,abandon}`; fixed afterwards" },
  overrides: { canonical: canonicalOverrides, via: "`POST /experiments/{id}/overrides`" },
  ...PUBLISHED_FIELDS,
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
    if (!(err instanceof BadRequestError) || !err.ambiguousRetry) throw err;
    const now = await statsig(c).experiments.get(id);
    if (now?.status !== "active") throw err;
  }
}

/** The name of the group whose id is `groupID`, among `groups`. */
function groupName(groups: api.Experiment["groups"], groupID: unknown): string | undefined {
  if (typeof groupID !== "string" || !groupID) return undefined;
  return groups?.find((g) => g.id === groupID)?.name;
}

/**
 * Takes the experiment from `from` to the inputs' status, one lifecycle call at a time, each
 * answering the experiment (`known`, whose groups give the launched group's id). Stops with an
 * error, naming where it is, when Statsig cannot go further (an unarchived experiment that was
 * decided, say).
 */
async function moveTo(
  c: ConsoleClient,
  id: string,
  from: string,
  n: ExperimentInputs,
  known: api.Experiment | undefined,
): Promise<void> {
  const exps = statsig(c).experiments;
  let at = from;
  // At most unarchive, start, decide, archive: a longer way means the service answered oddly.
  for (let step = nextStep(at, n), made = 0; step && made < 6; step = nextStep(at, n), made++) {
    let answer: api.Experiment | undefined;
    // Where the step takes the experiment (unarchive: anywhere but archived); see lifecycle.ts.
    const target = step === "unarchive" ? undefined : STEP_TARGET[step];
    const arrived = async () => {
      const now = (await exps.get(id)).status;
      return target ? now === target : now !== "archived";
    };
    if (step === "start") await start(c, id);
    else if (step === "reset") await applied(() => exps.reset(id), arrived);
    else if (step === "make_decision") {
      const groups = known?.groups?.length ? known.groups : (await exps.get(id)).groups;
      const group = groups?.find((g) => g.name === n.launchedGroup);
      if (!group?.id)
        throw new Error(
          `launchedGroup: "${String(n.launchedGroup)}" is not a group of experiment "${n.name}" (its groups: ` +
            `${(groups ?? []).map((g) => g.name).join(", ") || "none"})`,
        );
      const body = { id: group.id, decisionReason: n.decisionReason ?? "" };
      answer = await applied(() => exps.makeDecision(id, body), arrived);
    } else if (step === "abandon") answer = await applied(() => exps.abandon(id, n.decisionReason ?? ""), arrived);
    else if (step === "archive") answer = await applied(() => exps.archive(id), arrived);
    else answer = await applied(() => exps.unarchive(id), arrived);
    const next = answer?.status ?? target ?? (await exps.get(id)).status;
    known = answer ?? known;
    at = next ?? at;
    if (step === "unarchive") {
      const refusal = lifecycleRefusal(n.name, at, n);
      if (refusal) throw new Error(`${refusal} (it was archived; unarchiving brought it back to ${at})`);
    }
  }
  if (at !== n.status) throw new Error(lifecycleRefusal(n.name, at, n) ?? `experiment "${n.name}" is ${at}`);
}

async function readExperiment(c: ConsoleClient, id: string, withOverrides: boolean) {
  const out = await calls.read(c, id);
  if (!out) return out;
  const launched = groupName(out.groups, out.launchedGroupID);
  const read: ExperimentOutputs = launched === undefined ? out : { ...out, launchedGroup: launched };
  if (!withOverrides) return read;
  const o = await orNotFound(() => statsig(c).experiments.overrides.get(id));
  return o && { ...read, overrides: canonicalOverrides(o) as api.ExperimentOverrides };
}

/** The experiment's definition for the generic provider. */
export const experimentDefinition: EntityDefinition<ExperimentInputs, ExperimentOutputs> = {
  kind: "experiment",
  typeName: "Experiment",
  inputSchema: inputSchema("ExperimentCreate", {
    name: nameSchema(withoutDot("experiment")),
    groups: {
      type: "array",
      items: {
        allOf: [schemaRef("ExperimentGroup")],
        required: ["name", "size"],
        properties: {
          name: { type: "string", minLength: 1 },
          description: { type: "string" },
          disabled: { type: "boolean" },
        },
        unevaluatedProperties: false,
      },
    },
    tags: STRING_LIST,
    status: { enum: ["setup", "active", "decision_made", "abandoned", "archived"] },
    launchedGroup: { type: "string", minLength: 1 },
    decisionReason: { type: "string" },
    overrides: OVERRIDES_SCHEMA,
    ...PUBLISHED_SCHEMAS,
  }),
  validate(i) {
    const issues = validateGroups(i.groups);
    if (i.status === "active" && (i.groups?.length ?? 0) < 2)
      issues.push({ property: "groups", reason: 'an experiment needs at least two groups to be "active"' });
    // Our own inputs' consistency: a launched group or a reason belongs to the decision that records it.
    if (i.launchedGroup !== undefined && i.status !== "decision_made" && i.status !== "archived")
      issues.push({
        property: "launchedGroup",
        reason: `goes with status "decision_made" (or "archived"), the decision that launches it; status is ${JSON.stringify(i.status ?? null)}`,
      });
    if (i.decisionReason !== undefined && !["decision_made", "abandoned", "archived"].includes(i.status ?? ""))
      issues.push({
        property: "decisionReason",
        reason: `goes with status "decision_made", "abandoned" or "archived"; status is ${JSON.stringify(i.status ?? null)}`,
      });
    const names = Array.isArray(i.groups) ? i.groups.map((g) => g?.name) : undefined;
    if (
      typeof i.launchedGroup === "string" &&
      names &&
      !names.some((n) => containsUnknown(n)) &&
      !names.includes(i.launchedGroup)
    )
      issues.push({
        property: "launchedGroup",
        reason: `"${i.launchedGroup}" is not one of the groups (${names.join(", ")})`,
      });
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
    if (changed.includes("status") && olds.status) {
      const refusal = lifecycleRefusal(olds.name, olds.status, news);
      if (refusal) throw new Error(refusal);
    }
    const ended = DECIDED.has(olds.status ?? "") || olds.status === "archived";
    const decision = (["launchedGroup", "decisionReason"] as const).filter((f) => changed.includes(f));
    if (ended && decision.length && news.status !== "setup" && news.status !== "active")
      throw new Error(
        `${label}: its ${decision.join(" and ")} cannot change (from ${JSON.stringify(olds[decision[0]] ?? null)} to ` +
          `${JSON.stringify(news[decision[0]] ?? null)}): they are recorded with the decision, which is final in ` +
          `Statsig. Create a new experiment under a new name to decide again.`,
      );
    if (DECIDED.has(olds.status ?? "") && (changed.includes("groups") || changed.includes("targetingGateID")))
      throw new Error(
        `${label}: its ${changed.includes("groups") ? "groups" : "targetingGateID"} cannot change once a decision ` +
          `is made. Create a new experiment under a new name.`,
      );
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
    // Refused before anything is created: a decision needs its group.
    const refusal = i.status ? lifecycleRefusal(i.name, "setup", i) : undefined;
    if (refusal) throw new Error(refusal);
    return calls.post(c, i);
  },
  async afterCreate(c, id, i, answer) {
    const created = answer as api.Experiment | undefined;
    if (i.overrides)
      await statsig(c).experiments.overrides.set(id, canonicalOverrides(i.overrides) as api.ExperimentOverrides);
    if (i.status && i.status !== "setup") await moveTo(c, id, created?.status ?? "setup", i, created);
  },

  read: (c, id, managed) => readExperiment(c, id, managed.overrides !== undefined),

  // Reset before the PATCH (groups can only change in setup); overrides, then the rest of the way.
  async update(c, id, olds, n, changed) {
    const exps = statsig(c).experiments;
    let at = olds.status ?? "setup";
    if (changed.has("status") && n.status === "setup" && RUNNING.has(at)) {
      await exps.reset(id);
      at = "setup";
    }
    await calls.update(c, id, olds, n, changed);
    if (changed.has("overrides") && n.overrides)
      await exps.overrides.set(id, canonicalOverrides(n.overrides) as api.ExperimentOverrides);
    // A change of groups gives them new ids: read them again before a decision names one.
    if (changed.has("status")) await moveTo(c, id, at, n, changed.has("groups") ? undefined : olds);
  },
};

/** The provider the runtime dispatches to. */
export const experimentProvider = makeProvider(experimentDefinition);

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
