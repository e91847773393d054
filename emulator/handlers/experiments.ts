/**
 * Experiments: CRUD, start and reset. The published API also accepts `groups` and
 * `targetingGateID` in PATCH, but not once the experiment has started: both are fixed while it
 * runs (changing them would reassign users mid-experiment), and the service answers 400.
 */
import { EntityHandlers, HttpError } from "../types";
import { mustExist, mustMutate, touch } from "./common";
import { crud } from "./crud";

const C = "experiments";

/** "No targeting gate" is spelled undefined, null or "" by clients and the service alike. */
const gateOf = (v: unknown): unknown => (v === "" || v === null ? undefined : v);

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
        if (JSON.stringify(prev.groups) !== JSON.stringify(next.groups))
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
  }),

  start: (ctx) => {
    const e = mustMutate(ctx.store, C, ctx.params.id, (e) => {
      if (e.status !== "setup")
        throw new HttpError(400, `experiment is ${e.status}; only an experiment in setup can start`);
      if (!Array.isArray(e.groups) || e.groups.length < 2)
        throw new HttpError(400, "groups: an experiment needs at least two groups to start");
      e.status = "active";
      touch(ctx.store, e);
    });
    return { body: e, message: "Experiment started" };
  },

  reset: (ctx) => {
    const e = mustMutate(ctx.store, C, ctx.params.id, (e) => {
      e.status = "setup";
      touch(ctx.store, e);
    });
    return { body: e, message: "Experiment reset" };
  },
} satisfies EntityHandlers;
