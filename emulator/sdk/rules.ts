/**
 * The rules the translation adds to declared ones: holdouts, gate overrides, shipped groups and
 * experiment group ranges. Each is a fixed construction over the SDK's conditions (translate.ts's
 * "Entities" notes say why each exists), kept apart from the entity builders that order them.
 */
import type { ConsoleExperiment, ConsoleGroup, ConsoleHoldout, ConsoleOverrides } from "./console";
import { SpecRule, cond, holdoutSpecName } from "./document";

/** The group a decision shipped: status `decision_made` and the group `launchedGroupID` names. */
export function shippedGroup(e: ConsoleExperiment): ConsoleGroup | undefined {
  if (e.status !== "decision_made") return undefined;
  const groups = e.groups ?? [];
  if (e.launchedGroupID) return groups.find((g) => g.id === e.launchedGroupID);
  return e.launchedGroup ? groups.find((g) => g.name === e.launchedGroup) : undefined;
}

/** A shipped group of a targeted experiment: users passing the targeting gate get `values`. */
export function shippedToGate(gate: string, id: string, values: Record<string, unknown>, idType: string): SpecRule {
  return {
    name: "launchedGroup",
    id,
    salt: id,
    passPercentage: 100,
    conditions: [cond("pass_gate", null, gate, null, idType)],
    returnValue: values,
    idType,
  };
}

/** The leading rule of an entity in enabled holdouts: held-out users get the default. */
export function holdoutRules(holdouts: ConsoleHoldout[], idType: string): SpecRule[] {
  return holdouts.map((h) => ({
    name: `holdout ${h.name ?? h.id}`,
    id: holdoutSpecName(h.id),
    salt: holdoutSpecName(h.id),
    passPercentage: 0,
    conditions: [cond("pass_gate", null, holdoutSpecName(h.id), null, idType)],
    returnValue: false,
    idType,
  }));
}

/** Gate overrides as rules before the gate's rules. */
export function overrideRules(o: ConsoleOverrides | undefined, idType: string): SpecRule[] {
  const out: SpecRule[] = [];
  (o?.userOverrides ?? []).forEach((u, i) =>
    out.push({
      name: `user override ${u.userID}`,
      id: `override:user:${i}`,
      salt: `override:user:${i}`,
      passPercentage: u.value ? 100 : 0,
      conditions: [cond("unit_id", "any_case_sensitive", [u.userID], null, "userID")],
      returnValue: true,
      idType,
    }),
  );
  (o?.idOverrides ?? []).forEach((x, i) => {
    const unit = x.unitType || x.idType || idType;
    out.push({
      name: `id override ${i}`,
      id: `override:id:${i}`,
      salt: `override:id:${i}`,
      passPercentage: x.value ? 100 : 0,
      conditions: [cond("unit_id", "any_case_sensitive", x.ids ?? [], null, unit)],
      returnValue: true,
      idType,
    });
  });
  return out;
}

/** Group boundaries in a range of `[from, to)` buckets, proportional to the groups' sizes. */
export function groupRanges(groups: ConsoleGroup[], from: number, to: number): [number, number][] {
  const total = groups.reduce((s, g) => s + (g.size ?? 0), 0) || 1;
  let acc = 0;
  return groups.map((g, i) => {
    const start = from + Math.round(((to - from) * acc) / total);
    acc += g.size ?? 0;
    const end = i === groups.length - 1 ? to : from + Math.round(((to - from) * acc) / total);
    return [start, end];
  });
}
