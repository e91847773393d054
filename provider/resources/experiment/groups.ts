/**
 * An experiment's groups: the input type, how diff compares them and refresh records them (the
 * service adds ids), the checks `check` makes (unique names, sizes summing to 100), and their schema.
 */
import type * as api from "../../client/extras";
import { JsonSchema, schemaRef, ValidationIssue } from "../../spec";
import type { JsonInputObject } from "../common";

/** One experiment group: its share of allocated units and its parameter values. */
export interface ExperimentGroup {
  /** Group name, unique within the experiment (e.g. `control`). */
  name: string;
  /** Share of the experiment's units, 0–100; all groups sum to 100. */
  size: number;
  /**
   * Parameter values this group gets. Groups may set different parameters: Statsig takes them (the
   * published `ExperimentCreateDto` ties no group's keys to another's).
   */
  parameterValues?: JsonInputObject;
  /** What the group gets (published API); `""` and omitted are the same. */
  description?: string;
  /** Whether the group is disabled (published API); `false` and omitted are the same. */
  disabled?: boolean;
}

/** The input schema of `groups`: the spec's `ExperimentGroup`, named and sized, plus the published fields. */
export const GROUPS_SCHEMA: JsonSchema = {
  type: "array",
  items: {
    allOf: [schemaRef("ExperimentGroup")],
    required: ["name", "size"],
    properties: {
      name: { type: "string", minLength: 1 },
      description: { type: "string" },
      disabled: { type: "boolean" },
    },
    unevaluatedProperties: false,
  },
};

/** The group fields a program declares (the input schema takes no other). */
const GROUP_FIELDS = ["name", "size", "parameterValues", "description", "disabled"] as const;

/**
 * A group's declarable fields: what the service adds (the group `id` it assigns, the published
 * group's `foreignGroupID`) is not the program's to declare.
 */
function declaredGroup(g: api.ExperimentGroup): api.ExperimentGroup {
  if (!g || typeof g !== "object") return g;
  const out: api.ExperimentGroup = {};
  for (const f of GROUP_FIELDS) if (f in g) Object.assign(out, { [f]: g[f] });
  return out;
}

/** A group as compared: its declarable fields; `""` description and `false` disabled are their absence. */
function canonicalGroup(g: api.ExperimentGroup): api.ExperimentGroup {
  if (!g || typeof g !== "object") return g;
  const { description, disabled, ...rest } = declaredGroup(g);
  return {
    ...rest,
    parameterValues: rest.parameterValues ?? {},
    ...(description ? { description } : {}),
    ...(disabled ? { disabled } : {}),
  };
}

/** Groups as compared (the `canonical` of the `groups` field). */
export function canonicalGroups(v: unknown): unknown {
  return Array.isArray(v) ? v.map(canonicalGroup) : v;
}

/** Groups as inputs (refresh's recorded inputs, `generate`): only their declarable fields. */
export function groupsAsInput(v: unknown): unknown {
  return Array.isArray(v) ? v.map(declaredGroup) : v;
}

/** The name of the group whose id is `groupID`, among `groups`. */
export function groupName(groups: api.Experiment["groups"], groupID: unknown): string | undefined {
  if (typeof groupID !== "string" || !groupID) return undefined;
  return groups?.find((g) => g.id === groupID)?.name;
}

/**
 * Checks groups: unique names and sizes summing to 100. Groups may set different parameters:
 * Statsig takes them (the published `ExperimentCreateDto.groups[].parameterValues` is a free-form
 * object per group, with no rule tying one group's keys to another's).
 */
export function validateGroups(groups: ExperimentGroup[] | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(groups) || groups.length === 0) return issues;
  const names = new Map<string, number>();
  groups.forEach((g, i) => {
    const prev = names.get(g?.name);
    if (prev !== undefined)
      issues.push({
        property: `groups[${i}].name`,
        reason: `duplicates groups[${prev}] ("${g.name}"); group names must be unique`,
      });
    else names.set(g?.name, i);
  });
  const total = groups.reduce((s, g) => s + (typeof g?.size === "number" ? g.size : 0), 0);
  if (Math.abs(total - 100) > 1e-9)
    issues.push({ property: "groups", reason: `sizes must sum to 100 (they sum to ${total})` });
  return issues;
}
