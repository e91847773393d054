/**
 * Experiments: CRUD, overrides and the lifecycle. The published API also accepts `groups` and
 * `targetingGateID` in PATCH, but not once the experiment has started: both are fixed while it
 * runs (changing them would reassign users mid-experiment), and the service answers 400.
 *
 * Lifecycle (each transition its own endpoint, refusing what the service refuses with 400):
 * `setup` —start→ `active` —make_decision→ `decision_made` (the launched group by its id) or
 * —abandon→ `abandoned`; `active` —reset→ `setup`; any status —archive→ `archived` —unarchive→ the
 * status it had before. A decision is final: a decided or abandoned experiment is neither reset,
 * restarted nor decided again (the published API offers `restart_as_new` for that). Groups carry
 * server-assigned `id`s (kept for a group whose name is unchanged), which `make_decision` names.
 */
import { randomId, Store } from "../store";
import { JsonSchema } from "../spec";
import { EntityHandlers, Handler, HandlerContext, HttpError } from "../types";
import { mustExist, mustGet, mustMutate, touch } from "./common";
import { crud } from "./crud";
import { overrides } from "./overrides";

const C = "experiments";

/** "No targeting gate" is spelled undefined, null or "" by clients and the service alike. */
const gateOf = (v: unknown): unknown => (v === "" || v === null ? undefined : v);

type Group = { id?: string; name?: string; [k: string]: unknown };

/** Groups without their server-assigned ids: what a client sends back. */
const withoutIds = (groups: unknown): unknown =>
  Array.isArray(groups) ? groups.map(({ id: _id, ...g }: Group) => (void _id, g)) : groups;

/** Every group gets an id: the one it sent, else that of the previous group of its name, else a new one. */
function withGroupIds(groups: unknown, previous: unknown): unknown {
  if (!Array.isArray(groups)) return groups;
  const prev = new Map<unknown, string>();
  if (Array.isArray(previous)) for (const g of previous as Group[]) if (g?.name && g.id) prev.set(g.name, g.id);
  return groups.map((g: Group) => ({ ...g, id: g.id || prev.get(g.name) || randomId("grp_") }));
}

/** Statuses in which the experiment runs (the published API's enum has the two "stopped" ones). */
const RUNNING = new Set(["active", "experiment_stopped", "assignment_stopped"]);

/** The service's answer to a decision or abandonment of an experiment that is not running. */
function notRunning(status: unknown, action: string): HttpError {
  if (status === "setup") return new HttpError(400, "Experiment has not yet started");
  return new HttpError(400, `Experiment is ${String(status)}; only an active experiment can be ${action}`);
}

/** Applies one lifecycle change to the stored experiment, answering it. */
function transition(ctx: HandlerContext, change: (e: Record<string, unknown>) => void, message: string) {
  const e = mustMutate(ctx.store, C, ctx.params.id, (e) => {
    change(e);
    touch(ctx.store, e);
  });
  return { body: e, message };
}

/** Where an archived experiment returns when unarchived (kept beside it, not in it). */
const beforeArchive = (store: Store, id: string) => store.extra<string>("statusBeforeArchive", C, id);

/** `PUT /experiments/{id}/make_decision` body (published `ExperimentStatusUpdateDto`; autotunes' too). */
export const decisionBody: JsonSchema = {
  type: "object",
  required: ["id", "decisionReason"],
  properties: {
    id: { type: "string" },
    decisionReason: { type: "string" },
    removeTargeting: { type: "boolean" },
  },
};

/** `PUT /experiments/{id}/abandon` body (published `ExperimentAbandonDto`). */
const abandonBody: JsonSchema = {
  type: "object",
  required: ["decisionReason"],
  properties: { decisionReason: { type: "string" } },
};

/** `POST`/`PATCH /experiments/{id}/overrides` body (published `ExperimentOverridesDto`). */
const overridesBody: JsonSchema = {
  type: "object",
  required: ["overrides", "userIDOverrides"],
  properties: {
    overrides: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        required: ["type", "id", "groupID"],
        properties: {
          type: { enum: ["gate", "segment"] },
          id: { type: "string" },
          groupID: { type: "string" },
          environment: { type: ["string", "null"] },
        },
      },
    },
    userIDOverrides: {
      type: "array",
      items: {
        type: "object",
        required: ["groupID", "ids"],
        properties: {
          groupID: { type: "string" },
          ids: { type: "array", maxItems: 1000, items: { type: "string" } },
          environment: { type: ["string", "null"] },
          unitType: { type: ["string", "null"] },
        },
      },
    },
  },
};

interface ExperimentOverrides {
  overrides: { type: string; id: string; groupID: string; environment?: string | null }[];
  userIDOverrides: { groupID: string; ids: string[]; environment?: string | null; unitType?: string | null }[];
}

/**
 * Checks an overrides body against the experiment: every `groupID` names one of its groups (by id,
 * or by name as the published examples write it: `"groupID": "Control"`) and every gate or segment
 * exists.
 */
function checkOverrides(store: Store, e: Record<string, unknown>, o: ExperimentOverrides): void {
  const groups = (Array.isArray(e.groups) ? e.groups : []) as Group[];
  const known = (g: string) => groups.some((x) => x.id === g || x.name === g);
  const names = groups.map((g) => g.name).join(", ") || "none";
  o.overrides.forEach((x, i) => {
    if (!known(x.groupID))
      throw new HttpError(400, `overrides[${i}].groupID: "${x.groupID}" is not a group of this experiment (${names})`);
    mustExist(store, x.type === "gate" ? "gates" : "segments", x.id, `overrides[${i}].id`);
  });
  o.userIDOverrides.forEach((x, i) => {
    if (!known(x.groupID))
      throw new HttpError(
        400,
        `userIDOverrides[${i}].groupID: "${x.groupID}" is not a group of this experiment (${names})`,
      );
  });
}

const start: Handler = (ctx) =>
  transition(
    ctx,
    (e) => {
      if (e.status !== "setup")
        throw new HttpError(400, `experiment is ${e.status}; only an experiment in setup can start`);
      if (!Array.isArray(e.groups) || e.groups.length < 2)
        throw new HttpError(400, "groups: an experiment needs at least two groups to start");
      e.status = "active";
    },
    "Experiment started",
  );

/** Experiment handlers, named for the route table. */
export const experiments = {
  ...crud({
    collection: C,
    createDefaults: {
      description: "",
      hypothesis: "",
      status: "setup",
      groups: [],
      allocation: 100,
      layerID: undefined,
      targetingGateID: undefined,
      tags: [],
    },
    updatable: ["description", "hypothesis", "allocation", "tags", "groups", "targetingGateID"],
    validate(store, next, prev) {
      if (prev && prev.status !== "setup") {
        if (JSON.stringify(withoutIds(prev.groups)) !== JSON.stringify(withoutIds(next.groups)))
          throw new HttpError(400, `groups: cannot change once the experiment has started (status ${prev.status})`);
        if (gateOf(prev.targetingGateID) !== gateOf(next.targetingGateID))
          throw new HttpError(
            400,
            `targetingGateID: cannot change once the experiment has started (status ${prev.status})`,
          );
      }
      mustExist(store, "layers", next.layerID, "layerID");
      mustExist(store, "gates", next.targetingGateID, "targetingGateID");
      const groups = (next.groups as { size?: number }[]) ?? [];
      const total = groups.reduce((s, g) => s + (g.size ?? 0), 0);
      if (groups.length && Math.abs(total - 100) > 1e-9)
        throw new HttpError(400, `groups: sizes must sum to 100 (got ${total})`);
    },
    normalize(_store, next, prev) {
      next.groups = withGroupIds(next.groups, prev?.groups);
    },
  }),

  start,

  // A reset discards what a running experiment collected; a decided, abandoned or archived one is
  // final (the published API's `restart_as_new` starts over). One in setup stays as it is.
  reset: (ctx) =>
    transition(
      ctx,
      (e) => {
        if (e.status !== "setup" && !RUNNING.has(e.status as string))
          throw new HttpError(400, `Experiment is ${e.status}; only an active experiment can be reset`);
        e.status = "setup";
      },
      "Experiment reset",
    ),

  makeDecision: (ctx) => {
    const b = ctx.body as { id: string; decisionReason: string };
    return transition(
      ctx,
      (e) => {
        if (!RUNNING.has(e.status as string)) throw notRunning(e.status, "decided");
        const groups = (Array.isArray(e.groups) ? e.groups : []) as Group[];
        if (!groups.some((g) => g.id === b.id))
          throw new HttpError(
            400,
            `id: "${b.id}" is not the id of a group of this experiment (${groups.map((g) => `${g.name}: ${g.id}`).join(", ")})`,
          );
        e.status = "decision_made";
        e.launchedGroupID = b.id;
        e.decisionReason = b.decisionReason;
      },
      "Experiment decision made",
    );
  },
  decisionBody,

  abandon: (ctx) => {
    const b = ctx.body as { decisionReason: string };
    return transition(
      ctx,
      (e) => {
        if (!RUNNING.has(e.status as string)) throw notRunning(e.status, "abandoned");
        e.status = "abandoned";
        e.decisionReason = b.decisionReason;
      },
      "Experiment abandoned",
    );
  },
  abandonBody,

  archive: (ctx) => {
    const e = mustGet(ctx.store, C, ctx.params.id);
    if (e.status === "archived") throw new HttpError(400, "Experiment is already archived");
    const reply = transition(ctx, (x) => void (x.status = "archived"), "Experiment archived");
    ctx.store.setExtra("statusBeforeArchive", C, ctx.params.id, e.status);
    return reply;
  },

  unarchive: (ctx) =>
    transition(
      ctx,
      (e) => {
        if (e.status !== "archived") throw new HttpError(400, `Experiment is not archived (it is ${e.status})`);
        e.status = beforeArchive(ctx.store, ctx.params.id) ?? "setup";
      },
      "Experiment unarchived",
    ),

  // POST replaces the overrides ("Update Experiment Overrides"), PATCH adds to them.
  ...overrides({
    collection: C,
    noun: "Experiment",
    lists: ["overrides", "userIDOverrides"],
    updated: "Experiment overrides updated successfully",
    check: (store, e, o) => checkOverrides(store, e, o as unknown as ExperimentOverrides),
    touch: true,
  }),
  overridesBody,
} satisfies EntityHandlers;
