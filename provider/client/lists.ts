/** The read-only parts of the API: metrics, target apps, API keys, users and audit logs. */
import type { ApiKey, AuditLogEntry, Metric, TargetApp, User } from "./extras";
import { ListOnlyCollection, ReadOnlyCollection } from "./resource";

/** Metric definitions (`GET /metrics`, `GET /metrics/{id}`). */
export class Metrics extends ReadOnlyCollection<Metric> {}
/** Target apps (`GET /target_apps`). */
export class TargetApps extends ListOnlyCollection<TargetApp> {}
/** API keys, partially masked (`GET /keys`). */
export class Keys extends ListOnlyCollection<ApiKey> {}
/** Users of the project (`GET /users`). */
export class Users extends ListOnlyCollection<User> {}
/** Audit log entries (`GET /audit_logs`). */
export class AuditLogs extends ListOnlyCollection<AuditLogEntry> {}
