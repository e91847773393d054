/**
 * The SDK's config-spec document (`download_config_specs`) as the translation writes it: the v1
 * shapes, the v2 form `@statsig/statsig-node-core` asks for, spec names and id-list files. Apart from
 * translate.ts because the emulator's SDK endpoints (serve.ts) and `simulate` read the document
 * without needing how it is built.
 */
import { createHash } from "crypto";

/** A condition of the SDK's document (`ConfigCondition` / `Condition`). */
export interface SpecCondition {
  type: string;
  targetValue: unknown;
  operator: string | null;
  field: string | null;
  additionalValues: Record<string, string>;
  idType: string;
}

/** A rule of the v1 document (`ConfigRule`). */
export interface SpecRule {
  name: string;
  id: string;
  salt: string;
  passPercentage: number;
  conditions: SpecCondition[];
  returnValue: unknown;
  idType: string;
  groupName?: string;
  isExperimentGroup?: boolean;
  configDelegate?: string;
}

/** One entity of the v1 document (`ConfigSpec`). */
export interface Spec {
  name: string;
  type: "feature_gate" | "dynamic_config";
  salt: string;
  enabled: boolean;
  defaultValue: unknown;
  rules: SpecRule[];
  idType: string;
  entity: string;
  isActive?: boolean;
  hasSharedParams?: boolean;
  explicitParameters?: string[];
}

/** The v1 `download_config_specs` document (as `SpecStore._process` reads it). */
export interface ConfigSpecsV1 {
  has_updates: true;
  time: number;
  feature_gates: Spec[];
  dynamic_configs: Spec[];
  layer_configs: Spec[];
  layers: Record<string, string[]>;
  id_lists: Record<string, boolean>;
}

/** The translation: the document and the id lists it refers to (plain ids, by list name). */
export interface Translation {
  specs: ConfigSpecsV1;
  idLists: Record<string, string[]>;
}
/** The SDK's name of a segment's spec. */
export const segmentSpecName = (id: string): string => `segment:${id}`;
/** The SDK's name of a holdout's spec. */
export const holdoutSpecName = (id: string): string => `holdout:${id}`;

/** The hashed form of an id in an id-list file: sha256, base64, first 8 characters. */
export function hashIdForIdList(id: string): string {
  return createHash("sha256").update(id).digest("base64").slice(0, 8);
}

/** A document condition; every rule builder writes its conditions through this one constructor. */
export const cond = (
  type: string,
  operator: string | null,
  targetValue: unknown,
  field: string | null = null,
  idType = "userID",
  additionalValues: Record<string, string> = {},
): SpecCondition => ({ type, targetValue, operator, field, additionalValues, idType });

/** A `user_bucket` condition: where a unit falls in the 1000 buckets of `salt`. */
export const bucket = (salt: string, op: string, value: number, idType: string): SpecCondition =>
  cond("user_bucket", op, value, null, idType, { salt });

/**
 * The v2 document `@statsig/statsig-node-core` asks for (`spec_types.rs` `SpecsResponseFull`):
 * entities keyed by name, each rule naming its conditions by key in `condition_map`, and
 * `experiment_to_layer` instead of `layers`.
 */
export function toV2(v1: ConfigSpecsV1): Record<string, unknown> {
  const conditionMap: Record<string, SpecCondition> = {};
  const keyOf = (c: SpecCondition): string => {
    const key = createHash("sha256").update(JSON.stringify(c)).digest("hex").slice(0, 16);
    conditionMap[key] = c;
    return key;
  };
  const byName = (specs: Spec[]) =>
    Object.fromEntries(
      specs.map((s) => [s.name, { ...s, rules: s.rules.map((r) => ({ ...r, conditions: r.conditions.map(keyOf) })) }]),
    );
  const experimentToLayer: Record<string, string> = {};
  for (const [layer, exps] of Object.entries(v1.layers)) for (const e of exps) experimentToLayer[e] = layer;
  return {
    has_updates: true,
    time: v1.time,
    feature_gates: byName(v1.feature_gates),
    dynamic_configs: byName(v1.dynamic_configs),
    layer_configs: byName(v1.layer_configs),
    condition_map: conditionMap,
    experiment_to_layer: experimentToLayer,
    id_lists: v1.id_lists,
  };
}

/** The text of an id-list file: one `+<hashed id>` line per id. */
export function idListFile(ids: readonly string[]): string {
  return ids.map((id) => `+${hashIdForIdList(id)}\n`).join("");
}
