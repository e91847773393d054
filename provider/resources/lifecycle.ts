/**
 * Lifecycle calls that are not idempotent at the service (`start`, `make_decision`, `abandon`,
 * `archive`, `unarchive`, ...: the second of two identical calls is refused, because the first
 * already moved the entity). When an attempt is applied but its answer is lost (a 5xx after the
 * commit, a reset connection, a timeout), the client's retry hears that refusal; the entity is
 * then where the call takes it, and the call worked (`applied`).
 *
 * Also what gates and dynamic configs share of their `status`: the way to a status through the
 * lifecycle endpoints (`moveStatus`) and the check that `isEnabled` agrees with it.
 */
import { BadRequestError } from "../client/errors";
import type { ValidationIssue } from "../spec";

/**
 * Runs `call`; a 400 heard on a retry after an ambiguous attempt counts as success when `arrived`
 * (asked only then, with a read) says the entity is where the call takes it. Undefined then: the
 * answer was lost, the caller reads the entity instead.
 */
export async function applied<T>(call: () => Promise<T>, arrived: () => Promise<boolean>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof BadRequestError) || !err.ambiguousRetry) throw err;
    if (!(await arrived())) throw err;
    return undefined;
  }
}

/** An entity whose status moves through lifecycle endpoints, `unarchive` among them (gates, dynamic configs). */
export interface StatusEndpoints<A extends string> {
  /** Reads the entity (for its status). */
  get(id: string): Promise<{ status?: string | null }>;
  /** Calls one lifecycle endpoint; answers the entity. */
  lifecycle(id: string, action: A | "unarchive"): Promise<{ status?: string | null }>;
}

/**
 * Takes the entity from status `from` (undefined: not reported) to `to` through the endpoint
 * `actions[to]`. An archived entity (`archived`) takes no other lifecycle call until it is
 * unarchived, which brings it back as it was; then the endpoint of `to` when that is another
 * status. Each call made safe to retry (`applied`): arrived when the entity is where it takes it.
 */
export async function moveStatus<S extends string, A extends string>(
  api: StatusEndpoints<A>,
  id: string,
  from: string | null | undefined,
  to: S,
  actions: Record<S, A>,
  archived: S,
): Promise<void> {
  if (from === to) return;
  const status = async () => (await api.get(id)).status;
  const back =
    from === archived
      ? ((await applied(
          () => api.lifecycle(id, "unarchive"),
          async () => (await status()) !== archived,
        )) ?? { status: await status() })
      : undefined;
  if (back?.status !== to)
    await applied(
      () => api.lifecycle(id, actions[to]),
      async () => (await status()) === to,
    );
}

/**
 * The `isEnabled` input contradicting the `status` input: `implies` maps a status to the
 * `isEnabled` it implies (`{ active: true, disabled: false }`); other statuses imply nothing.
 */
export function enabledContradiction(
  i: { status?: string; isEnabled?: boolean },
  implies: Record<string, boolean>,
): ValidationIssue[] {
  const implied = i.status === undefined ? undefined : new Map(Object.entries(implies)).get(i.status);
  if (typeof i.isEnabled !== "boolean" || implied === undefined || implied === i.isEnabled) return [];
  return [{ property: "isEnabled", reason: `contradicts status "${i.status}"; set one of them` }];
}
