/**
 * Autotunes: the seed's list and create, and the published API's get, PATCH and delete by id, and
 * its lifecycle: `setup` —`PUT .../start`→ `active` —`PUT .../make_decision`→ `decision_made` (the
 * winning variant by its id, the variant's name formatted as an id: "Buy Now" → `buy_now`, as the
 * published `AutotuneExperimentDto.variants[].id` says); `PUT .../reset` takes a started autotune
 * back to `setup`. A decision or reset of an autotune that has not started is refused as the
 * published example says ("Autotune experiment has not yet started").
 */
import { idFromName } from "../rules";
import { EntityHandlers, HandlerContext, HttpError } from "../types";
import { mustMutate } from "./common";
import { crud } from "./crud";
// `PUT /autotunes/{id}/make_decision` takes the experiments' body (published `ExperimentStatusUpdateDto`).
import { decisionBody } from "./experiments";

const C = "autotunes";

function transition(ctx: HandlerContext, change: (a: Record<string, unknown>) => void, message: string) {
  return { body: mustMutate(ctx.store, C, ctx.params.id, (a) => void change(a)), message };
}

const NOT_STARTED = "Autotune experiment has not yet started";

/** Autotune handlers, named for the route table. */
export const autotunes = {
  ...crud({
    collection: C,
    patchSchemaFrom: "AutotuneCreate",
    createDefaults: { description: "", status: "setup", variants: [], successMetric: undefined },
    updatable: ["description", "variants", "successMetric"],
    timestamps: { created: false, modified: false },
  }),

  start: (ctx) =>
    transition(
      ctx,
      (a) => {
        if (a.status !== "setup")
          throw new HttpError(400, `Autotune experiment is ${String(a.status)}; it has already started`);
        a.status = "active";
        a.isStarted = true;
      },
      "Autotune experiment started",
    ),

  makeDecision: (ctx) => {
    const b = ctx.body as { id: string; decisionReason: string };
    return transition(
      ctx,
      (a) => {
        if (a.status === "setup") throw new HttpError(400, NOT_STARTED);
        if (a.status !== "active")
          throw new HttpError(400, `Autotune experiment is ${String(a.status)}; a decision is made once`);
        const variants = (Array.isArray(a.variants) ? a.variants : []) as { name?: string }[];
        const winner = variants.find((v) => typeof v.name === "string" && idFromName(v.name) === b.id);
        if (!winner)
          throw new HttpError(
            400,
            `id: "${b.id}" is not a variant of this autotune (${variants.map((v) => idFromName(String(v.name))).join(", ")})`,
          );
        a.status = "decision_made";
        a.isStarted = false;
        a.winner = { id: b.id, name: winner.name };
        a.decisionReason = b.decisionReason;
      },
      "Autotune experiment decision made",
    );
  },
  decisionBody,

  reset: (ctx) =>
    transition(
      ctx,
      (a) => {
        if (a.status === "setup") throw new HttpError(400, NOT_STARTED);
        a.status = "setup";
        a.isStarted = false;
        delete a.winner;
        delete a.decisionReason;
      },
      "Autotune experiment reset",
    ),
} satisfies EntityHandlers;
