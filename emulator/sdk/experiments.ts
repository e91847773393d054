/**
 * Experiments and layers (translate.ts's "Entities" notes): how a layer's 1000 buckets are shared
 * out among its active experiments, which shipped groups change its defaults, and the specs of
 * both. Experiments and layers are built from one plan because each reads the other's state.
 */
import type { ConsoleExperiment, ConsoleLayer } from "./console";
import { Spec, SpecRule, bucket, cond } from "./document";
import { groupRanges, holdoutRules, shippedGroup, shippedToGate } from "./rules";
import type { HoldoutsOf } from "./entities";

/** A decided layer experiment with a targeting gate: users passing the gate get its shipped values. */
export interface TargetedShip {
  /** The targeting gate. */
  gate: string;
  /** The experiment whose group shipped. */
  experiment: string;
  /** The shipped group's parameter values. */
  values: Record<string, unknown>;
}

/** What the experiments of a project do to its layers; read by both experiment and layer specs. */
export interface LayerPlan {
  /** The layers by id. */
  byId: Map<string, ConsoleLayer>;
  /** Each active layer experiment's `[start, end)` of its layer's 1000 buckets. */
  ranges: Map<string, [number, number]>;
  /** Per layer, its targeted shipped groups, in declaration order. */
  targetedShips: Map<string, TargetedShip[]>;
  /** A layer's default values: its parameters overlaid by its untargeted shipped groups. */
  defaults(l: ConsoleLayer | undefined): Record<string, unknown>;
}

/** Each layer's 1000 buckets are shared out among its active experiments, in declaration order. */
function layerRanges(experiments: ConsoleExperiment[]): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  const cursor = new Map<string, number>();
  for (const e of experiments) {
    if (e.status !== "active" || !e.layerID) continue;
    const start = cursor.get(e.layerID) ?? 0;
    const end = Math.min(1000, start + Math.round((e.allocation ?? 100) * 10));
    cursor.set(e.layerID, end);
    ranges.set(e.id, [start, end]);
  }
  return ranges;
}

/**
 * Shipped groups and their layers: each decided layer experiment without a targeting gate sets the
 * layer's defaults (in declaration order); a targeted one ships to the users who pass its gate.
 */
export function planLayers(experiments: ConsoleExperiment[], layers: ConsoleLayer[]): LayerPlan {
  const shipped = new Map<string, Record<string, unknown>>();
  const targetedShips = new Map<string, TargetedShip[]>();
  for (const e of experiments) {
    const g = shippedGroup(e);
    if (!g || !e.layerID) continue;
    const values = g.parameterValues ?? {};
    if (e.targetingGateID)
      (targetedShips.get(e.layerID) ?? targetedShips.set(e.layerID, []).get(e.layerID)!).push({
        gate: e.targetingGateID,
        experiment: e.id,
        values,
      });
    else shipped.set(e.layerID, { ...shipped.get(e.layerID), ...values });
  }
  return {
    byId: new Map(layers.map((l) => [l.id, l])),
    ranges: layerRanges(experiments),
    targetedShips,
    defaults: (l) => (l ? { ...(l.parameters ?? {}), ...shipped.get(l.id) } : {}),
  };
}

/** A rule that keeps out (0 %) the units matching `conditions`, with an empty value. */
function keepOut(name: string, conditions: SpecRule["conditions"], idType: string): SpecRule {
  return { name, id: name, salt: name, passPercentage: 0, conditions, returnValue: {}, idType };
}

/**
 * The rules deciding who is in a running experiment: its targeting gate, then its share of the
 * layer (or its allocation, outside a layer). A layer experiment whose layer is unknown has no range
 * and no share rule, as before the split.
 */
function eligibilityRules(e: ConsoleExperiment, range: [number, number] | undefined, idType: string): SpecRule[] {
  const rules: SpecRule[] = [];
  if (e.targetingGateID)
    rules.push(keepOut("targetingGate", [cond("fail_gate", null, e.targetingGateID, null, idType)], idType));
  if (e.layerID && range) {
    // Outside this experiment's share of the layer: `not (start <= bucket < end)`, written as
    // two rules because conditions are ANDed.
    rules.push(keepOut("layerAssignment", [bucket(e.layerID, "lt", range[0], idType)], idType));
    rules.push(keepOut("layerAssignment", [bucket(e.layerID, "gte", range[1], idType)], idType));
  } else if (!e.layerID) {
    const allocation = Math.round((e.allocation ?? 100) * 10);
    rules.push(keepOut("allocation", [bucket(e.id, "gte", allocation, idType)], idType));
  }
  return rules;
}

/** One rule per group on its share of the experiment's own 1000 buckets, over the layer's values. */
function groupRules(e: ConsoleExperiment, layerParams: Record<string, unknown>, idType: string): SpecRule[] {
  const groups = e.groups ?? [];
  return groupRanges(groups, 0, 1000).map(([start, end], i) => {
    const g = groups[i];
    return {
      name: g.name,
      id: g.id || `${e.id}:${g.name}`,
      salt: g.id || `${e.id}:${g.name}`,
      passPercentage: 100,
      conditions: [bucket(`${e.id}.groups`, "gte", start, idType), bucket(`${e.id}.groups`, "lt", end, idType)],
      returnValue: { ...layerParams, ...(g.parameterValues ?? {}) },
      idType,
      groupName: g.name,
      isExperimentGroup: true,
    };
  });
}

/** An experiment's spec: a shipped group first, then (while active) holdouts, eligibility and groups. */
export function experimentSpec(e: ConsoleExperiment, plan: LayerPlan, holdoutsOf: HoldoutsOf): Spec {
  const idType = e.idType || "userID";
  const active = e.status === "active";
  const layer = e.layerID ? plan.byId.get(e.layerID) : undefined;
  const layerParams = plan.defaults(layer);
  const rules: SpecRule[] = [];
  const shipped = shippedGroup(e);
  const shippedValues = { ...layerParams, ...(shipped?.parameterValues ?? {}) };
  let defaultValue: Record<string, unknown> = { ...layerParams };
  if (shipped && !e.targetingGateID) defaultValue = shippedValues;
  else if (shipped && e.targetingGateID)
    rules.push(shippedToGate(e.targetingGateID, `${e.id}:launched`, shippedValues, idType));
  if (active) {
    rules.push(...holdoutRules(holdoutsOf("experimentIDs", e.id), idType));
    rules.push(...eligibilityRules(e, plan.ranges.get(e.id), idType));
    rules.push(...groupRules(e, layerParams, idType));
  }
  const explicit = [...new Set((e.groups ?? []).flatMap((g) => Object.keys(g.parameterValues ?? {})))];
  return {
    name: e.id,
    type: "dynamic_config",
    salt: e.id,
    enabled: true,
    defaultValue,
    rules,
    idType,
    entity: "experiment",
    isActive: active,
    hasSharedParams: !!layer,
    explicitParameters: explicit,
  };
}

/**
 * A layer's spec: holdouts, one delegate rule per running experiment on its bucket range, then the
 * targeted shipped groups (after the running experiments' ranges, for users passing their gates).
 */
export function layerSpec(
  l: ConsoleLayer,
  experiments: ConsoleExperiment[],
  plan: LayerPlan,
  holdoutsOf: HoldoutsOf,
): Spec {
  const idType = l.idType || "userID";
  const rules: SpecRule[] = [...holdoutRules(holdoutsOf("layerIDs", l.id), idType)];
  for (const e of experiments) {
    const range = plan.ranges.get(e.id);
    if (e.layerID !== l.id || !range) continue;
    rules.push({
      name: e.id,
      id: `${l.id}:${e.id}`,
      salt: `${l.id}:${e.id}`,
      passPercentage: 100,
      conditions: [bucket(l.id, "gte", range[0], idType), bucket(l.id, "lt", range[1], idType)],
      returnValue: plan.defaults(l),
      idType,
      configDelegate: e.id,
    });
  }
  for (const t of plan.targetedShips.get(l.id) ?? [])
    rules.push(shippedToGate(t.gate, `${l.id}:${t.experiment}:launched`, { ...plan.defaults(l), ...t.values }, idType));
  return {
    name: l.id,
    type: "dynamic_config",
    salt: l.id,
    enabled: true,
    defaultValue: plan.defaults(l),
    rules,
    idType,
    entity: "layer",
  };
}
