/**
 * The audit log: one entry per mutation the emulator served (the spec's `AuditLogEntry`), naming
 * the acting key by its label, never the key itself.
 */
import { Store } from "./store";

/** What the server knows of a served mutation. */
export interface Mutation {
  method: string;
  path: string;
  /** The route template, e.g. `/gates/{id}/enable`. */
  template: string;
  body: unknown;
  result: unknown;
  /** The entity's name before the request (deletes and updates by id). */
  before?: string;
  actor: { name: string; email: string };
}

/**
 * The action of a mutation, from its route: `create`, `update`, `delete` on an entity, or the
 * sub-resource and verb (`enable`, `rules.update`, `overrides.delete`, `add_ids`...).
 */
export function auditAction(method: string, template: string): string {
  const parts = template.split("/").filter(Boolean);
  if (parts.length === 1) return method === "POST" ? "create" : method.toLowerCase();
  if (parts.length === 2) return method === "DELETE" ? "delete" : "update";
  const sub = parts
    .slice(2)
    .filter((x) => !x.startsWith("{"))
    .join(".");
  const verb = { POST: "add", PUT: "update", PATCH: "update", DELETE: "delete" }[method] ?? method.toLowerCase();
  // Lifecycle endpoints (enable, start, archive...) and verbs in the path (add_ids) name themselves.
  if (method === "PUT" && parts.length === 3 && !["rules", "overrides"].includes(sub)) return sub;
  if (/^(add_ids|remove_ids|conditional|id_list\.reset)$/.test(sub)) return sub;
  return `${sub}.${verb}`;
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
      action: auditAction(m.method, m.template),
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
