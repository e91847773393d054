/**
 * Several Statsig projects in one stack: the `project` input of every resource.
 *
 * `project` names an entry of the `statsig:projects` config (a secret JSON object of keys and URLs
 * by name); every API call of the resource runs with that entry's client (`inProject`). Only the
 * name is an input and an output: the key stays in the config, read at call time, never in inputs,
 * outputs or `__provider`. An entity lives in one project, so changing `project` replaces the
 * resource (created in the new project, then deleted from the old one).
 */
import type * as pulumi from "@pulumi/pulumi";
import { inProject } from "../settings";
import { logLine } from "../client/log";
import { EntityProvider, UNKNOWN } from "./framework";

/** The `project` argument every resource takes. */
export interface ProjectArgs {
  /**
   * The Statsig project this entity belongs to: a name defined in the `statsig:projects` config
   * (`{"<name>": {"consoleApiKey": "...", "apiUrl": "..."}}`, set as a secret). Default: the project
   * of `statsig:consoleApiKey`. Changing it **replaces** the resource.
   */
  project?: pulumi.Input<string>;
}

/** Splits `project` off a property bag. */
function splitProject(raw: Record<string, unknown> | undefined): {
  project: string | undefined;
  rest: Record<string, unknown>;
} {
  const { project, ...rest } = raw ?? {};
  return { project: typeof project === "string" ? project : undefined, rest };
}

/** Adds `project` to an outputs bag when one is selected. */
function tagged<T extends Record<string, unknown> | undefined>(props: T, project: string | undefined): T {
  return project === undefined || !props ? props : ({ ...props, project } as T);
}

/** Adds `project` to an entity's provider (see the module comment). */
export function withProject(inner: EntityProvider): EntityProvider {
  return {
    async check(olds, news) {
      const raw = (news ?? {}).project;
      const r = await inner.check(olds, splitProject(news).rest);
      const failures = [...(r.failures ?? [])];
      if (raw !== undefined && raw !== null && raw !== UNKNOWN && (typeof raw !== "string" || raw === ""))
        failures.push({
          property: "project",
          reason: "must be a non-empty string, a name defined in statsig:projects",
        });
      return { inputs: raw === undefined ? r.inputs : { ...r.inputs, project: raw }, failures };
    },

    async diff(id, olds, news) {
      const raw = (news ?? {}).project;
      // In the recorded project: the diff tells inflight.ts the engine holds the entity there.
      const r = await inProject(splitProject(olds).project, () => inner.diff(id, olds, splitProject(news).rest));
      const moved = raw === UNKNOWN || (raw ?? undefined) !== ((olds ?? {}).project ?? undefined);
      if (!moved) return r;
      // Shown at preview, like the entity's own replace warnings (framework/consequences.ts).
      const from = (olds ?? {}).project ?? "the default project";
      if (raw !== UNKNOWN)
        logLine(
          `warning: id ${JSON.stringify(id)} moves to project ${JSON.stringify(raw ?? "the default project")}: ` +
            `a move replaces it, so it is deleted from ${JSON.stringify(from)} once it exists in the new one; ` +
            `code that evaluates ${JSON.stringify(id)} with ${JSON.stringify(from)}'s keys gets what an unknown ` +
            "id gives (false for a gate check, the caller's defaults for a config, experiment or layer) from then on",
        );
      return { ...r, changes: true, replaces: [...(r.replaces ?? []), "project"] };
    },

    async create(raw) {
      const { project, rest } = splitProject(raw);
      const r = await inProject(project, () => inner.create(rest));
      return { ...r, outs: tagged(r.outs, project) };
    },

    async read(id, props) {
      const { project, rest } = splitProject(props);
      const r = await inProject(project, () => inner.read(id, rest));
      if (!r.id) return r;
      return { ...r, props: tagged(r.props, project), inputs: tagged(r.inputs, project) };
    },

    async update(id, olds, news) {
      const { project, rest } = splitProject(news);
      const r = await inProject(project, () => inner.update(id, splitProject(olds).rest, rest));
      return { ...r, outs: tagged(r.outs, project) };
    },

    async delete(id, props) {
      const { project, rest } = splitProject(props);
      await inProject(project, () => inner.delete(id, rest));
    },
  };
}
