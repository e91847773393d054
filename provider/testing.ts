/**
 * Unit-test your targeting: evaluate a gate, dynamic config or experiment for a user with
 * Statsig's own server SDK (`statsig-node`, offline), from the same arguments the Pulumi program
 * declares (or an entity read from Statsig), together with the entities it refers to.
 *
 * ```ts
 * import { evaluateGate } from "pulumi-statsig/testing";
 * import { internalUsers, searchV2 } from "./targeting"; // plain args, also given to new statsig.Gate(...)
 *
 * test("employees get the new search", async () => {
 *   const r = await evaluateGate(searchV2, { userID: "a", email: "ada@example.com" }, { segments: [internalUsers] });
 *   expect(r).toMatchObject({ value: true, rule: "internal" });
 * });
 * ```
 *
 * References between entities use ids, as the Console API does: an entity declared by name has the
 * id the service derives from it (`"internal users"` → `internal_users`). Pulumi `Output`s cannot be
 * resolved in a unit test; write the id. Percentages are bucketed with ids as salts (see README,
 * "Who does a change affect?"): a user's result under a partial rollout is stable here but may
 * differ from production's.
 *
 * `statsig-node` must be installed (`npm install --save-dev statsig-node`).
 *
 * @module pulumi-statsig/testing
 */
import type {
  ConsoleDynamicConfig,
  ConsoleExperiment,
  ConsoleGate,
  ConsoleHoldout,
  ConsoleLayer,
  ConsoleProject,
  ConsoleRule,
  ConsoleSegment,
} from "../emulator/sdk/translate";
import { translateProject } from "../emulator/sdk/translate";
import { Engine, EntityKind, SimUser, offlineEngine } from "./simulate/engines";
import { idFromName } from "./spec";

export type { SimUser } from "./simulate/engines";
export type {
  ConsoleCondition,
  ConsoleDynamicConfig,
  ConsoleExperiment,
  ConsoleGate,
  ConsoleGroup,
  ConsoleHoldout,
  ConsoleIdOverride,
  ConsoleLayer,
  ConsoleOverrides,
  ConsoleUserOverride,
  ConsoleRule,
  ConsoleSegment,
} from "../emulator/sdk/translate";

/** An entity as declared (a resource's plain arguments: `name`, no id) or as read (with `id`). */
export type Declared<T extends EntityById> = Omit<T, "id"> & (EntityById | EntityByName);

/** An entity named by its id (as read from Statsig). */
export interface EntityById {
  /** The entity's id. */
  id: string;
}

/** An entity named by its name (as declared; the id derives from it). */
export interface EntityByName {
  /** The entity's name. */
  name: string;
}

/** The entities an evaluation may refer to (and the entity itself, when not given separately). */
export interface TestProject {
  /** Gates (with their `overrides`, when they have any). */
  gates?: Declared<ConsoleGate>[];
  /** Dynamic configs. */
  dynamicConfigs?: Declared<ConsoleDynamicConfig>[];
  /** Segments (an id-list segment with its `ids`). */
  segments?: Declared<ConsoleSegment>[];
  /** Experiments (`status: "active"` to assign users). */
  experiments?: Declared<ConsoleExperiment>[];
  /** Layers. */
  layers?: Declared<ConsoleLayer>[];
  /** Holdouts. */
  holdouts?: Declared<ConsoleHoldout>[];
}

/** What an evaluation decided. */
export interface Evaluation<V> {
  /** The gate's boolean, or the config's / experiment's / layer's values. */
  value: V;
  /**
   * The rule that decided, by name: a declared rule's name, `default` (no rule matched),
   * `disabled`, `launched`, `override`, `holdout`, or for experiments `targetingGate`,
   * `allocation`, `layerAssignment` and the group's name.
   */
  rule: string;
  /** The rule's id in the evaluated document. */
  ruleID: string;
  /** The experiment group the user is in, if any. */
  groupName?: string | null;
}

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** Evaluate as an SDK running in this environment tier (rule `environments`). */
  environment?: string;
}

/** The id of a declared or read entity. */
export function entityId(e: { id?: string; name?: string }): string {
  if (e.id) return e.id;
  if (e.name) return idFromName(e.name);
  throw new Error("an entity needs an id or a name");
}

/** Declared entities with ids (declared rules without ids are named by their `name`). */
function normalize(p: TestProject): ConsoleProject {
  const withIds = <T>(list: unknown[] | undefined) =>
    (list ?? []).map((e) => {
      const x = e as { id?: string; name?: string; rules?: ConsoleRule[] };
      return { ...x, id: entityId(x) } as T;
    });
  return {
    gates: withIds<ConsoleGate>(p.gates),
    dynamicConfigs: withIds<ConsoleDynamicConfig>(p.dynamicConfigs),
    segments: withIds<ConsoleSegment>(p.segments),
    experiments: withIds<ConsoleExperiment>(p.experiments),
    layers: withIds<ConsoleLayer>(p.layers),
    holdouts: withIds<ConsoleHoldout>(p.holdouts),
  };
}

/** An evaluator over a whole project: evaluate any of its entities for any user, synchronously. */
export interface ProjectEvaluator {
  /** A gate's result. */
  gate(gate: string, user: SimUser): Evaluation<boolean>;
  /** A dynamic config's values. */
  config(config: string, user: SimUser): Evaluation<Record<string, unknown>>;
  /** An experiment's values and group. */
  experiment(experiment: string, user: SimUser): Evaluation<Record<string, unknown>>;
  /** A layer's values (from the experiment the user is in, if any). */
  layer(layer: string, user: SimUser): Evaluation<Record<string, unknown>>;
  /** Stops the SDK instance. */
  close(): Promise<void>;
}

/**
 * An evaluator for `project` (entities by id or declared by name). Translation errors (a condition
 * no server SDK evaluates) are thrown here, naming the condition.
 */
export async function createEvaluator(project: TestProject, opts: EvaluateOptions = {}): Promise<ProjectEvaluator> {
  const p = normalize(project);
  const engine: Engine = await offlineEngine(translateProject(p), { environment: opts.environment });
  const ruleNames = new Map<string, string>();
  for (const list of [p.gates, p.dynamicConfigs, p.segments])
    for (const e of list ?? [])
      for (const r of (e as { rules?: ConsoleRule[] }).rules ?? []) {
        const id = r.id || r.baseID || r.name;
        if (id) ruleNames.set(`${e.id}/${id}`, r.name ?? id);
      }
  const named = (entity: string, ruleID: string, group?: string | null): string => {
    if (group) return group;
    if (ruleID.startsWith("override:")) return "override";
    if (ruleID.startsWith("holdout:")) return "holdout";
    if (ruleID === "launchedID") return "launched";
    return ruleNames.get(`${entity}/${ruleID}`) ?? ruleID;
  };
  const run = <V>(kind: EntityKind, name: string, user: SimUser): Evaluation<V> => {
    const o = engine.evaluate(kind, name, user);
    const out: Evaluation<V> = { value: o.value as V, rule: named(name, o.ruleID, o.groupName), ruleID: o.ruleID };
    if (kind === "experiment" || kind === "layer") out.groupName = o.groupName ?? null;
    return out;
  };
  return {
    gate: (name, user) => run("gate", name, user),
    config: (name, user) => run("config", name, user),
    experiment: (name, user) => run("experiment", name, user),
    layer: (name, user) => run("layer", name, user),
    close: () => engine.close(),
  };
}

/** Adds `entity` to the project's list of its kind (replacing one with the same id). */
function withEntity(refs: TestProject, kind: keyof TestProject, entity: { id?: string; name?: string }): TestProject {
  const id = entityId(entity);
  const others = ((refs[kind] ?? []) as { id?: string; name?: string }[]).filter((e) => entityId(e) !== id);
  return { ...refs, [kind]: [...others, entity] };
}

/**
 * The evaluation of one entity of `kind` for a user (`what` asks the evaluator for it), the entities
 * it refers to in `refs`: an evaluator made around them, asked once and closed.
 */
function evaluation<E extends EntityById, V>(
  kind: keyof TestProject,
  what: (e: ProjectEvaluator, id: string, user: SimUser) => Evaluation<V>,
) {
  return async (
    entity: Declared<E>,
    user: SimUser,
    refs: TestProject = {},
    opts: EvaluateOptions = {},
  ): Promise<Evaluation<V>> => {
    const e = await createEvaluator(withEntity(refs, kind, entity), opts);
    try {
      return what(e, entityId(entity), user);
    } finally {
      await e.close();
    }
  };
}

/**
 * A gate's result for `user`; `refs` holds the gates and segments its rules refer to.
 *
 * @function
 */
export const evaluateGate = evaluation<ConsoleGate, boolean>("gates", (e, id, user) => e.gate(id, user));

/**
 * A dynamic config's values for `user`.
 *
 * @function
 */
export const evaluateConfig = evaluation<ConsoleDynamicConfig, Record<string, unknown>>(
  "dynamicConfigs",
  (e, id, user) => e.config(id, user),
);

/**
 * An experiment's values and group for `user` (its targeting gate and layer in `refs`).
 *
 * @function
 */
export const evaluateExperiment = evaluation<ConsoleExperiment, Record<string, unknown>>("experiments", (e, id, user) =>
  e.experiment(id, user),
);
