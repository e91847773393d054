/**
 * What `check` and the preview refuse of an experiment beyond its schema: the inputs' own
 * consistency (groups, and a decision's group and reason going with the status that records them),
 * and the changes Statsig cannot make to a running or decided experiment, each with what to do
 * instead.
 */
import type { ValidationIssue } from "../../spec";
import { containsUnknown } from "../framework";
import { ExperimentGroup, validateGroups } from "./groups";
import { DECIDED, lifecycleRefusal, LifecycleGoal } from "./lifecycle";

/** What the checks read of an experiment's inputs. */
export interface CheckedInputs extends LifecycleGoal {
  /** The groups. */
  groups?: ExperimentGroup[];
  /** The targeting gate's id. */
  targetingGateID?: string;
}

/** What the change guards read of the experiment as last recorded. */
export interface RecordedExperiment {
  /** Its name. */
  name: string;
  /** Where it is. */
  status?: string;
  /** The launched group's name, once decided. */
  launchedGroup?: string;
  /** Why it was decided or abandoned. */
  decisionReason?: string | null;
  /** Its targeting gate's id. */
  targetingGateID?: string | null;
}

/** The experiment's inputs checked beyond the schema (no API calls). */
export function validateExperiment(i: CheckedInputs): ValidationIssue[] {
  const issues = validateGroups(i.groups);
  if (i.status === "active" && (i.groups?.length ?? 0) < 2)
    issues.push({ property: "groups", reason: 'an experiment needs at least two groups to be "active"' });
  // Our own inputs' consistency: a launched group or a reason belongs to the decision that records it.
  if (i.launchedGroup !== undefined && i.status !== "decision_made" && i.status !== "archived")
    issues.push({
      property: "launchedGroup",
      reason: `goes with status "decision_made" (or "archived"), the decision that launches it; status is ${JSON.stringify(i.status ?? null)}`,
    });
  if (i.decisionReason !== undefined && !["decision_made", "abandoned", "archived"].includes(i.status ?? ""))
    issues.push({
      property: "decisionReason",
      reason: `goes with status "decision_made", "abandoned" or "archived"; status is ${JSON.stringify(i.status ?? null)}`,
    });
  const names = Array.isArray(i.groups) ? i.groups.map((g) => g?.name) : undefined;
  if (
    typeof i.launchedGroup === "string" &&
    names &&
    !names.some((n) => containsUnknown(n)) &&
    !names.includes(i.launchedGroup)
  )
    issues.push({
      property: "launchedGroup",
      reason: `"${i.launchedGroup}" is not one of the groups (${names.join(", ")})`,
    });
  return issues;
}

/** The warning of a change that resets a running experiment, discarding its data. */
export function warnExperimentChanges(olds: RecordedExperiment, news: CheckedInputs, changed: string[]): string[] {
  const running = olds.status && olds.status !== "setup";
  return running && changed.includes("status") && news.status === "setup"
    ? [
        `experiment "${olds.name}" goes from ${olds.status} back to setup: this resets it and discards the data ` +
          `it collected`,
      ]
    : [];
}

/** Refuses the changes Statsig cannot make (thrown at preview, with what to do instead). */
export function guardExperimentChanges(olds: RecordedExperiment, news: CheckedInputs, changed: string[]): void {
  const running = olds.status && olds.status !== "setup";
  const label = `experiment "${olds.name}" is ${olds.status}`;
  if (changed.includes("status") && olds.status) {
    const refusal = lifecycleRefusal(olds.name, olds.status, news);
    if (refusal) throw new Error(refusal);
  }
  const ended = DECIDED.has(olds.status ?? "") || olds.status === "archived";
  const decision = (["launchedGroup", "decisionReason"] as const).filter((f) => changed.includes(f));
  if (ended && decision.length && news.status !== "setup" && news.status !== "active")
    throw new Error(
      `${label}: its ${decision.join(" and ")} cannot change (from ${JSON.stringify(olds[decision[0]] ?? null)} to ` +
        `${JSON.stringify(news[decision[0]] ?? null)}): they are recorded with the decision, which is final in ` +
        `Statsig. Create a new experiment under a new name to decide again.`,
    );
  if (DECIDED.has(olds.status ?? "") && (changed.includes("groups") || changed.includes("targetingGateID")))
    throw new Error(
      `${label}: its ${changed.includes("groups") ? "groups" : "targetingGateID"} cannot change once a decision ` +
        `is made. Create a new experiment under a new name.`,
    );
  const staysRunning = news.status !== "setup";
  if (running && staysRunning && changed.includes("groups"))
    throw new Error(
      `${label}: its groups cannot change. Either set status: "setup" in the same change (this resets the ` +
        `experiment and discards the data it collected), or create a new experiment under a new name.`,
    );
  // A value unknown at preview (another resource's output) is checked again at update, known by then.
  if (running && staysRunning && changed.includes("targetingGateID") && !containsUnknown(news.targetingGateID))
    throw new Error(
      `${label}: its targetingGateID cannot change (from ${JSON.stringify(olds.targetingGateID ?? null)} to ` +
        `${JSON.stringify(news.targetingGateID)}): that would change who is in it mid-experiment. Either set ` +
        `status: "setup" in the same change (this resets the experiment and discards the data it collected), or ` +
        `create a new experiment under a new name.`,
    );
  if (running && changed.includes("layerID"))
    throw new Error(
      `${label}: moving it to another layer would replace it and discard its data. Set status: "setup" and ` +
        `apply first if that is intended, or create a new experiment under a new name.`,
    );
}
