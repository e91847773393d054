/**
 * The experiment's definition for the generic provider: what a change to each field does
 * (`fields`), and the calls that create, read and update an experiment (overrides, lifecycle).
 */
import { ConsoleClient, statsig } from "../../client";
import { withoutDot } from "../../spec";
import type * as api from "../../client/extras";
import { entityIdentity } from "../common";
import type { EntityDefinition, Fields } from "../framework";
import { collectionCalls, listsCanonical, makeProvider, NAME_FIELD, overridesCalls } from "../framework";
import { SET_FIELD, TARGET_APPS_FIELD } from "../published";
import { OUTPUT_ONLY, type ExperimentInputs, type ExperimentOutputs } from "./args";
import { guardExperimentChanges, validateExperiment, warnExperimentChanges } from "./checks";
import { canonicalGroups, groupName, groupsAsInput } from "./groups";
import { lifecycleRefusal, moveTo, RUNNING } from "./lifecycle";
import { EXPERIMENT_INPUTS } from "./schema";

/** Empty lists are what the service reports when no override is set. */
const canonicalOverrides = listsCanonical<api.ExperimentOverrides>(["overrides", "userIDOverrides"]);

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
const overrides = overridesCalls<api.ExperimentOverrides>((c) => statsig(c).experiments.overrides, canonicalOverrides);

/** The experiment's definition for the generic provider. */
export const experimentDefinition: EntityDefinition<ExperimentInputs, ExperimentOutputs> = {
  ...entityIdentity("experiment", withoutDot, EXPERIMENT_INPUTS),
  validate: validateExperiment,
  warnChanges: warnExperimentChanges,
  guardChanges: guardExperimentChanges,

  ...calls,

  async create(c, i) {
    // Refused before anything is created: a decision needs its group.
    const refusal = i.status ? lifecycleRefusal(i.name, "setup", i) : undefined;
    if (refusal) throw new Error(refusal);
    return calls.post(c, i);
  },
  async afterCreate(c, id, i, answer) {
    const created = answer as api.Experiment | undefined;
    await overrides.create(c, id, i.overrides);
    if (i.status && i.status !== "setup") await moveTo(c, id, created?.status ?? "setup", i, created);
  },

  async read(c, id, managed) {
    const out = await calls.read(c, id);
    const launched = out && groupName(out.groups, out.launchedGroupID);
    const read: ExperimentOutputs | undefined =
      out && launched !== undefined ? { ...out, launchedGroup: launched } : out;
    return overrides.read(c, id, read, managed.overrides !== undefined);
  },

  // Reset before the PATCH (groups can only change in setup); overrides, then the rest of the way.
  async update(c, id, olds, n, changed) {
    let at = olds.status ?? "setup";
    if (changed.has("status") && n.status === "setup" && RUNNING.has(at)) {
      await statsig(c).experiments.reset(id);
      at = "setup";
    }
    await calls.update(c, id, olds, n, changed);
    await overrides.update(c, id, changed, n.overrides);
    // A change of groups gives them new ids: read them again before a decision names one.
    if (changed.has("status")) await moveTo(c, id, at, n, changed.has("groups") ? undefined : olds);
  },
};

/** The provider the runtime dispatches to. */
export const experimentProvider = makeProvider(experimentDefinition);
