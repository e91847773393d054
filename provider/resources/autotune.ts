/**
 * Autotunes (multi-armed bandits).
 *
 * | method | HTTP |
 * |---|---|
 * | create | `POST /autotunes`, then `PUT .../start` and `PUT .../make_decision` as `status` asks (published API) |
 * | read   | `GET /autotunes/{id}` (published API; the seed has list and create only) |
 * | update | `PATCH /autotunes/{id}` (published API), then `PUT .../reset`, `.../start`, `.../make_decision` as `status` asks |
 * | delete | `DELETE /autotunes/{id}` (published API) |
 */
import * as pulumi from "@pulumi/pulumi";
import { ConsoleClient, statsig } from "../client";
import type * as api from "../client/extras";
import { idFromName, lengthOnly } from "../spec";
import { entityIdentity, JsonInputObject } from "./common";
import type { EntityDefinition, Fields, InputsOf, OutputProperties, OutputsOf } from "./framework";
import { collectionCalls, entityParams, makeProvider, NAME_FIELD } from "./framework";
import { AdoptArgs } from "./adopt";
import { applied } from "./lifecycle";
import { ProjectArgs } from "./project";

/** One autotune variant. */
export interface AutotuneVariant {
  /** Variant name, unique within the autotune. */
  name: string;
  /** Parameter values of this variant. */
  parameterValues?: JsonInputObject;
}

/**
 * Lifecycle a program can ask for: `setup` (a new autotune), `active` (started: `PUT .../start`),
 * `decision_made` (a variant launched: `PUT .../make_decision`).
 */
export type AutotuneStatus = "setup" | "active" | "decision_made";

/**
 * Arguments of an `Autotune` (the seed's `AutotuneCreate`).
 *
 * What a change to each field does (update in place or replace) is stated on the field, generated
 * from the entity's field table, as is the README's table "Resources and what a change does".
 *
 * An omitted optional field is not managed: whatever Statsig holds is kept and never shows as a
 * change. Set it (e.g. `description: ""`) to manage it.
 */
export interface AutotuneArgs extends AdoptArgs, ProjectArgs {
  /**
   * Autotune name: any non-empty string (the service documents no rule). Changing it replaces the
   * autotune (deleted first when the new name maps to the same id).
   */
  name: pulumi.Input<string>;
  /** What the autotune optimises. Updated in place (PATCH). */
  description?: pulumi.Input<string>;
  /** The variants traffic is shifted between. Updated in place (PATCH). */
  variants?: pulumi.Input<pulumi.Input<AutotuneVariant>[]>;
  /** The metric (event) the autotune optimises. Updated in place (PATCH). */
  successMetric: pulumi.Input<string>;
  /**
   * `setup`, `active` or `decision_made`, each through its published endpoint: `setup` → `active`
   * starts it (`PUT .../start`); `active` → `decision_made` launches `launchedVariant`
   * (`PUT .../make_decision`; from `setup` it is started first); back to `setup` resets it
   * (`PUT .../reset`, discarding what it learned). A decided autotune does not start again: the
   * preview fails, saying to go through `setup`. Updated in place
   * (`PUT /autotunes/{id}/{start,make_decision,reset}`).
   */
  status?: pulumi.Input<AutotuneStatus>;
  /**
   * The variant a decision launches, by its `name` (sent as the variant's id, its name formatted as
   * an id: `"Buy Now"` → `buy_now`). Goes with `status: "decision_made"`; fixed once decided.
   * Updated in place (with the status: `PUT /autotunes/{id}/make_decision`).
   */
  launchedVariant?: pulumi.Input<string>;
  /**
   * Why the decision was made (`""` when omitted). Goes with `status: "decision_made"`. Updated in
   * place (with the status: `PUT /autotunes/{id}/make_decision`).
   */
  decisionReason?: pulumi.Input<string>;
}

/**
 * Resolved inputs, as the provider receives them.
 *
 * @interface
 */
export type AutotuneInputs = InputsOf<AutotuneArgs>;

/** Fields only the service sets. */
const OUTPUT_ONLY = ["winner"] as const;

/**
 * Outputs: what the service returns.
 */
export interface AutotuneOutputs extends OutputsOf<api.Autotune, AutotuneInputs, typeof OUTPUT_ONLY> {
  // Redeclared for their docs: the spec's description gives no default or who sets them.
  /**
   * Where the autotune is, as Statsig reports it (a new autotune is in `setup`). Shown as a change
   * only when the `status` argument is set.
   */
  status?: api.Autotune["status"];
  /** The variants traffic is shifted between, each with a name and parameter values (the argument). */
  variants?: api.Autotune["variants"];
  /** The variant launched by the decision (`id`, `name`), set by the service; the name is `launchedVariant`. */
  winner?: api.Autotune["winner"];
  /** The metric (event name) the autotune optimises, as the `successMetric` argument sets it. */
  successMetric?: api.Autotune["successMetric"];
}

/** What a change to each field does: `name` replaces; the lifecycle's take their endpoints, the rest is PATCHed. */
const fields = {
  name: NAME_FIELD,
  description: { create: true, patch: true },
  variants: {
    canonical: (v: unknown) => (Array.isArray(v) ? v.map((x) => ({ parameterValues: {}, ...x })) : v),
    create: true,
    patch: true,
  },
  successMetric: { create: true, patch: true },
  status: {
    via: "`PUT /autotunes/{id}/{start,make_decision,reset}`",
    note:
      "`setup`→`active` (`start`), →`decision_made` (`make_decision` with `launchedVariant`, by variant name, " +
      "and `decisionReason`), →`setup` (`reset`); `decision_made`→`active` refused at preview (go through `setup`)",
  },
  launchedVariant: { via: "with the status: `PUT /autotunes/{id}/make_decision`" },
  decisionReason: { via: "with the status: `PUT /autotunes/{id}/make_decision`" },
} as const satisfies Fields<AutotuneInputs>;

const calls = collectionCalls((c: ConsoleClient) => statsig(c).autotunes, fields, OUTPUT_ONLY);

/** Why the autotune cannot go from `from` to the inputs' status (undefined: it can). */
function autotuneRefusal(name: unknown, from: string | undefined, to: AutotuneInputs): string | undefined {
  if (!to.status || from === to.status) return undefined;
  if (from === "decision_made" && to.status === "active")
    return (
      `autotune "${String(name)}" is decision_made and does not start again: set status "setup" first (this ` +
      `resets it, discarding what it learned), then "active"`
    );
  if (to.status === "decision_made" && to.launchedVariant === undefined)
    return `autotune "${String(name)}": status "decision_made" launches a variant: set launchedVariant to its name`;
  return undefined;
}

/** Takes the autotune from `from` to the inputs' status, one lifecycle call at a time. */
async function moveAutotune(c: ConsoleClient, id: string, from: string | undefined, n: AutotuneInputs) {
  const tunes = statsig(c).autotunes;
  // Each call made safe to retry (lifecycle.ts): arrived when the autotune is where it takes it.
  const reaches = (status: string) => async () => (await tunes.get(id)).status === status;
  let at = from ?? "setup";
  if (n.status === "setup" && at !== "setup")
    at = (await applied(() => tunes.reset(id), reaches("setup")))?.status ?? "setup";
  if (n.status !== "setup" && at === "setup")
    at = (await applied(() => tunes.start(id), reaches("active")))?.status ?? "active";
  if (n.status === "decision_made" && at !== "decision_made") {
    // The variant's id derives from its name (`launchedVariant`), as the service derives it.
    const body = { id: idFromName(String(n.launchedVariant)), decisionReason: n.decisionReason ?? "" };
    await applied(() => tunes.makeDecision(id, body), reaches("decision_made"));
  }
}

/** The autotune's definition for the generic provider. */
export const autotuneDefinition: EntityDefinition<AutotuneInputs, AutotuneOutputs> = {
  ...entityIdentity("autotune", lengthOnly(1), {
    successMetric: { type: "string", minLength: 1 },
    variants: {
      type: "array",
      items: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
    },
    status: { enum: ["setup", "active", "decision_made"] },
    launchedVariant: { type: "string", minLength: 1 },
    decisionReason: { type: "string" },
  }),
  validate(i) {
    const names = (i.variants ?? []).map((v) => v?.name);
    const dup = names.findIndex((n, k) => names.indexOf(n) !== k);
    const issues =
      dup >= 0
        ? [{ property: `variants[${dup}].name`, reason: `duplicates "${names[dup]}"; variant names must be unique` }]
        : [];
    for (const f of ["launchedVariant", "decisionReason"] as const)
      if (i[f] !== undefined && i.status !== "decision_made")
        issues.push({
          property: f,
          reason: `goes with status "decision_made", the decision that records it; status is ${JSON.stringify(i.status ?? null)}`,
        });
    if (typeof i.launchedVariant === "string" && i.variants && !names.includes(i.launchedVariant))
      issues.push({
        property: "launchedVariant",
        reason: `"${i.launchedVariant}" is not one of the variants (${names.join(", ") || "none"})`,
      });
    return issues;
  },

  guardChanges(olds, news, changed) {
    const refusal = changed.includes("status") ? autotuneRefusal(olds.name, olds.status, news) : undefined;
    if (refusal) throw new Error(refusal);
    const decision = (["launchedVariant", "decisionReason"] as const).filter((f) => changed.includes(f));
    if (olds.status === "decision_made" && news.status === "decision_made" && decision.length)
      throw new Error(
        `autotune "${olds.name}" is decision_made: its ${decision.join(" and ")} cannot change (a decision is made ` +
          `once). Set status "setup" first to reset it, or create a new autotune under a new name.`,
      );
  },

  ...calls,

  async create(c, i) {
    const refusal = autotuneRefusal(i.name, "setup", i);
    if (refusal) throw new Error(refusal);
    return calls.post(c, i);
  },
  async afterCreate(c, id, i, created) {
    const status = (created as api.Autotune | undefined)?.status;
    if (i.status && i.status !== "setup") await moveAutotune(c, id, status, i);
  },

  async read(c, id) {
    const out = await calls.read(c, id);
    if (!out) return out;
    return typeof out.winner?.name === "string" ? { ...out, launchedVariant: out.winner.name } : out;
  },

  async update(c, id, olds, n, changed) {
    await calls.update(c, id, olds, n, changed);
    if (changed.has("status")) await moveAutotune(c, id, olds.status, n);
  },
};

/** The provider the runtime dispatches to. */
export const autotuneProvider = makeProvider(autotuneDefinition);

/**
 * A Statsig autotune.
 *
 * ```ts
 * new statsig.Autotune("cta-copy", {
 *   name: "cta copy",
 *   successMetric: "purchase",
 *   variants: [{ name: "buy", parameterValues: { text: "Buy" } }, { name: "get", parameterValues: { text: "Get it" } }],
 * });
 * ```
 *
 * What a change to each field does is stated on each field of `AutotuneArgs`. Type token: `pulumi-nodejs:dynamic/statsig:Autotune`.
 */
export class Autotune extends pulumi.dynamic.Resource {
  /** Declares an autotune. */
  constructor(name: string, args: AutotuneArgs, opts?: pulumi.CustomResourceOptions) {
    super(...entityParams(autotuneDefinition, name, args, opts));
  }
}

/** The outputs, one `pulumi.Output` per field of `AutotuneOutputs` (merged into the class). */
export interface Autotune extends OutputProperties<AutotuneOutputs> {}
