/**
 * The audit log: one entry per mutation the emulator served (the spec's `AuditLogEntry`), naming
 * the acting key by its label, never the key itself.
 */
import { Store } from "./store";

/** What the server knows of a served mutation. */
export interface Mutation {
  /** The audit action, from the route table's row (`create`, `rules.update`, `enable`...). */
  action: string;
  path: string;
  body: unknown;
  result: unknown;
  /** The entity's name before the request (deletes and updates by id). */
  before?: string;
  actor: { name: string; email: string };
}

/** Appends an entry for a served mutation, dropping the oldest beyond `limit`. */
export function recordAudit(store: Store, m: Mutation, limit: number): void {
  const segments = m.path.split("/").filter(Boolean);
  const entityType = segments[0].replace(/s$/, "");
  const result = m.result as { name?: unknown } | undefined;
  const body = m.body as { name?: unknown } | undefined;
  let fromPath = segments[1] ?? "";
  try {
    fromPath = decodeURIComponent(fromPath);
  } catch {
    // The router refuses paths that do not decode; keep the raw segment should one get here.
  }
  const entityName =
    (typeof result?.name === "string" ? result.name : undefined) ??
    m.before ??
    (typeof body?.name === "string" ? body.name : undefined) ??
    fromPath;
  store.appendAudit(
    {
      timestamp: store.now(),
      user: m.actor,
      action: m.action,
      entityType,
      entityName,
      changes:
        m.body && typeof m.body === "object" && !Array.isArray(m.body)
          ? (m.body as Record<string, unknown>)
          : m.body === undefined
            ? {}
            : { value: m.body },
    },
    limit,
  );
}
