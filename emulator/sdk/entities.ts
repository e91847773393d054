/**
 * One spec per gate, segment, holdout and dynamic config (translate.ts's "Entities" notes). Each
 * builder turns one Console entity into one document entry, so translateProject only orders them.
 */
import type { ConsoleDynamicConfig, ConsoleGate, ConsoleHoldout, ConsoleSegment } from "./console";
import { Spec, SpecRule, cond, holdoutSpecName, segmentSpecName } from "./document";
import { translateRules } from "./conditions";
import { holdoutRules, overrideRules } from "./rules";

/** The enabled holdouts naming an entity: their rules lead that entity's rules. */
export type HoldoutsOf = (key: "gateIDs" | "experimentIDs" | "layerIDs", id: string) => ConsoleHoldout[];

/** A launched gate's one rule: everyone passes (Statsig's lifecycle docs: "The gate always returns TRUE"). */
function launchedRule(idType: string): SpecRule {
  return {
    name: "launched",
    id: "launchedID",
    salt: "launchedID",
    passPercentage: 100,
    conditions: [cond("public", null, null, null, idType)],
    returnValue: true,
    idType,
  };
}

/** A gate's spec: holdouts, then overrides, then its rules; a disabled gate has none and fails everyone. */
export function gateSpec(g: ConsoleGate, holdoutsOf: HoldoutsOf): Spec {
  const idType = g.idType || "userID";
  const where = `gate "${g.id}"`;
  const disabled = g.isEnabled === false || g.status === "disabled";
  const launched = g.status === "launched";
  let rules: SpecRule[] = [];
  if (!disabled) {
    const declared = launched ? [launchedRule(idType)] : translateRules(g.rules, idType, where, () => true);
    rules = [...holdoutRules(holdoutsOf("gateIDs", g.id), idType), ...overrideRules(g.overrides, idType), ...declared];
  }
  return {
    name: g.id,
    type: "feature_gate",
    salt: g.id,
    enabled: !disabled,
    defaultValue: false,
    rules,
    idType,
    entity: "feature_gate",
  };
}

/** An id-list segment's one rule: the unit is in the id list named by the segment's id. */
function idListRule(s: ConsoleSegment, name: string, idType: string): SpecRule {
  return {
    name: "id_list",
    id: `${name}:id_list`,
    salt: `${name}:id_list`,
    passPercentage: 100,
    conditions: [cond("unit_id", "in_segment_list", s.id, null, idType)],
    returnValue: true,
    idType,
  };
}

/** A segment's spec (`segment:<id>`): its rules, or membership of its id list. */
export function segmentSpec(s: ConsoleSegment): Spec {
  const idType = s.idType || "userID";
  const name = segmentSpecName(s.id);
  const rules =
    s.type === "id_list"
      ? [idListRule(s, name, idType)]
      : translateRules(s.rules, idType, `segment "${s.id}"`, () => true);
  return {
    name,
    type: "feature_gate",
    salt: name,
    enabled: s.isEnabled !== false,
    defaultValue: false,
    rules: s.isEnabled === false ? [] : rules,
    idType,
    entity: "segment",
  };
}

/** An enabled holdout's spec (`holdout:<id>`): its share of users pass, and are held out. */
export function holdoutSpec(h: ConsoleHoldout): Spec {
  const idType = h.idType || "userID";
  const name = holdoutSpecName(h.id);
  return {
    name,
    type: "feature_gate",
    salt: name,
    enabled: true,
    defaultValue: false,
    rules: [
      {
        name: "holdout",
        id: `${name}:holdout`,
        salt: `${name}:holdout`,
        passPercentage: h.passPercentage ?? 0,
        conditions: [cond("public", null, null, null, idType)],
        returnValue: true,
        idType,
      },
    ],
    idType,
    entity: "holdout",
  };
}

/** A dynamic config's spec: its rules' values, else the default; disabled, everyone gets the default. */
export function configSpec(c: ConsoleDynamicConfig): Spec {
  const idType = c.idType || "userID";
  const disabled = c.isEnabled === false;
  return {
    name: c.id,
    type: "dynamic_config",
    salt: c.id,
    enabled: !disabled,
    defaultValue: c.defaultValue ?? {},
    rules: disabled ? [] : translateRules(c.rules, idType, `dynamic config "${c.id}"`, (r) => r.returnValue ?? {}),
    idType,
    entity: "dynamic_config",
  };
}
