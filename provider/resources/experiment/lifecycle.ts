/**
 * An experiment's lifecycle: the statuses a program asks for, the way from one to another through
 * Statsig's endpoints (`start`, `reset`, `make_decision`, `abandon`, `archive`, `unarchive`), and
 * the moves Statsig cannot make (a decision is final), refused at preview with what to do instead.
 */
import { ConsoleClient, statsig } from "../../client";
import { BadRequestError } from "../../client/errors";
import type * as api from "../../client/extras";
import { applied } from "../lifecycle";

/**
 * Lifecycle a program can ask for: `setup` → `active` → `decision_made` (a group launched) or
 * `abandoned`, and `archived` from any of them. See `ExperimentArgs.status`.
 */
export type ExperimentStatus = "setup" | "active" | "decision_made" | "abandoned" | "archived";

/** What the lifecycle reads of an experiment's inputs: where to go, and the decision that records it. */
export interface LifecycleGoal {
  /** The experiment's name (for messages). */
  name: string;
  /** Where the program wants the experiment. */
  status?: ExperimentStatus;
  /** The group a decision launches, by name. */
  launchedGroup?: string;
  /** Why it was decided or abandoned. */
  decisionReason?: string;
}

/** Statuses in which the experiment runs (the published enum's "stopped" states included). */
export const RUNNING = new Set<string>(["active", "experiment_stopped", "assignment_stopped"]);
/** Statuses a decision has ended: final in Statsig (only archiving is left). */
export const DECIDED = new Set<string>(["decision_made", "abandoned"]);

/** One lifecycle call. */
type Step = "start" | "reset" | "make_decision" | "abandon" | "archive" | "unarchive";

/** Where each call takes the experiment (unarchive: back to where it was, known from its answer). */
const STEP_TARGET = {
  start: "active",
  reset: "setup",
  make_decision: "decision_made",
  abandon: "abandoned",
  archive: "archived",
} as const satisfies Record<Exclude<Step, "unarchive">, string>;

/**
 * The next lifecycle call from `from` towards the inputs' status, or undefined when there is none
 * (arrived, or a change Statsig cannot make). `archived` is reached through the decision when
 * `launchedGroup` is set, through abandonment when only `decisionReason` is.
 */
function nextStep(from: string, to: Omit<LifecycleGoal, "name">): Step | undefined {
  const goal = to.status;
  if (!goal || from === goal) return undefined;
  if (from === "archived") return "unarchive";
  const viaDecision = goal === "decision_made" || (goal === "archived" && to.launchedGroup !== undefined);
  const viaAbandon =
    goal === "abandoned" || (goal === "archived" && to.launchedGroup === undefined && to.decisionReason !== undefined);
  if (from === "setup") {
    if (goal === "active" || viaDecision || viaAbandon) return "start";
    return goal === "archived" ? "archive" : undefined;
  }
  if (RUNNING.has(from)) {
    if (goal === "setup") return "reset";
    if (viaDecision) return "make_decision";
    if (viaAbandon) return "abandon";
    return goal === "archived" ? "archive" : undefined;
  }
  return goal === "archived" ? "archive" : undefined;
}

/** The calls from `from` to the inputs' status, as far as can be told without asking (an archived experiment's way back is not). */
function plannedSteps(from: string, to: Omit<LifecycleGoal, "name">): Step[] {
  const steps: Step[] = [];
  for (let at = from; steps.length < 4;) {
    const step = nextStep(at, to);
    if (!step || step === "unarchive") break;
    steps.push(step);
    at = STEP_TARGET[step];
  }
  return steps;
}

/** Why the experiment cannot go from `from` to the inputs' status, when Statsig cannot take it there. */
export function lifecycleRefusal(name: unknown, from: string, to: Omit<LifecycleGoal, "name">): string | undefined {
  const goal = to.status;
  if (!goal || from === goal || from === "archived") return undefined;
  const label = `experiment "${String(name)}" is ${from}`;
  if (DECIDED.has(from) && goal !== "archived")
    return (
      `${label} and cannot go to ${goal}: a decision is final in Statsig (an ended experiment can only be ` +
      `archived). Create a new experiment under a new name to run it again.`
    );
  if (RUNNING.has(from) && goal === "active") return undefined; // a "stopped" state the console set: the start endpoint decides
  if (from !== "setup" && goal === "active")
    return `${label} and cannot be started again: create a new experiment under a new name`;
  const steps = plannedSteps(from, to);
  if (steps.includes("make_decision") && to.launchedGroup === undefined)
    return (
      `${label}: status "${goal}" makes a decision, which launches a group: set launchedGroup to the name of ` +
      `the group to launch (or decisionReason alone, with status "abandoned", to launch none)`
    );
  return undefined;
}

/**
 * Starts an experiment, safe to repeat. Start is not idempotent at the service: when an attempt is
 * applied but its answer is lost (5xx after commit, reset, timeout), the retry is refused because
 * the experiment "is active". A refusal whose experiment is now active is the start having worked.
 */
export async function start(c: ConsoleClient, id: string): Promise<void> {
  try {
    await statsig(c).experiments.start(id);
  } catch (err) {
    if (!(err instanceof BadRequestError) || !err.ambiguousRetry) throw err;
    const now = await statsig(c).experiments.get(id);
    if (now?.status !== "active") throw err;
  }
}

/** The `make_decision` body launching the group named `launchedGroup`, among the known groups (else read). */
async function decision(c: ConsoleClient, id: string, n: LifecycleGoal, known: api.Experiment | undefined) {
  const groups = known?.groups?.length ? known.groups : (await statsig(c).experiments.get(id)).groups;
  const group = groups?.find((g) => g.name === n.launchedGroup);
  if (!group?.id)
    throw new Error(
      `launchedGroup: "${String(n.launchedGroup)}" is not a group of experiment "${n.name}" (its groups: ` +
        `${(groups ?? []).map((g) => g.name).join(", ") || "none"})`,
    );
  return { id: group.id, decisionReason: n.decisionReason ?? "" };
}

/**
 * Takes the experiment from `from` to the inputs' status, one lifecycle call at a time, each
 * answering the experiment (`known`, whose groups give the launched group's id). Stops with an
 * error, naming where it is, when Statsig cannot go further (an unarchived experiment that was
 * decided, say).
 */
export async function moveTo(
  c: ConsoleClient,
  id: string,
  from: string,
  n: LifecycleGoal,
  known: api.Experiment | undefined,
): Promise<void> {
  const exps = statsig(c).experiments;
  let at = from;
  // At most unarchive, start, decide, archive: a longer way means the service answered oddly.
  for (let step = nextStep(at, n), made = 0; step && made < 6; step = nextStep(at, n), made++) {
    let answer: api.Experiment | undefined;
    // Where the step takes the experiment (unarchive: anywhere but archived); see ../lifecycle.ts.
    const target = step === "unarchive" ? undefined : STEP_TARGET[step];
    const arrived = async () => {
      const now = (await exps.get(id)).status;
      return target ? now === target : now !== "archived";
    };
    if (step === "start") await start(c, id);
    else if (step === "reset") await applied(() => exps.reset(id), arrived);
    else if (step === "make_decision") {
      const body = await decision(c, id, n, known);
      answer = await applied(() => exps.makeDecision(id, body), arrived);
    } else if (step === "abandon") answer = await applied(() => exps.abandon(id, n.decisionReason ?? ""), arrived);
    else if (step === "archive") answer = await applied(() => exps.archive(id), arrived);
    else answer = await applied(() => exps.unarchive(id), arrived);
    const next = answer?.status ?? target ?? (await exps.get(id)).status;
    known = answer ?? known;
    at = next ?? at;
    if (step === "unarchive") {
      const refusal = lifecycleRefusal(n.name, at, n);
      if (refusal) throw new Error(`${refusal} (it was archived; unarchiving brought it back to ${at})`);
    }
  }
  if (at !== n.status) throw new Error(lifecycleRefusal(n.name, at, n) ?? `experiment "${n.name}" is ${at}`);
}
