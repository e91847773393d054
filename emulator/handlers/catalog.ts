/**
 * The read-only catalogues: metrics (a small seeded catalogue), keys, users, target apps and the
 * audit log (one entry per mutation served; see audit.ts). Keys are listed masked: the emulator
 * never returns a key in full, least of all the console key requests authenticate with.
 */
import { EntityHandlers, HttpError } from "../types";
import { paginate } from "./common";

/** The seeded metric catalogue (the spec's `Metric`). */
export const METRICS = [
  {
    id: "purchase",
    name: "purchase",
    description: "Completed purchases",
    type: "event_count",
    eventName: "purchase",
    tags: ["core"],
  },
  {
    id: "add_to_cart",
    name: "add_to_cart",
    description: "Items added to cart",
    type: "event_count",
    eventName: "add_to_cart",
    tags: [],
  },
  {
    id: "checkout_completed",
    name: "checkout_completed",
    description: "Checkouts completed",
    type: "event_user",
    eventName: "checkout_completed",
    tags: ["checkout"],
  },
  { id: "dau", name: "dau", description: "Daily active users", type: "user", eventName: "", tags: ["core"] },
];

/** The seeded users (the spec's `User`). */
export const USERS = [
  { userID: "user-1", email: "ada@example.com", properties: { plan: "beta", country: "GB" } },
  { userID: "user-2", email: "grace@example.com", properties: { plan: "free", country: "US" } },
  { userID: "user-3", email: "linus@example.com", properties: { plan: "pro", country: "FI" } },
];

/** The seeded target apps (the spec's `TargetApp`). */
export const TARGET_APPS = [
  { id: "web", name: "web", description: "The web app" },
  { id: "ios", name: "ios", description: "The iOS app" },
  { id: "android", name: "android", description: "The Android app" },
];

/** Keeps the last four characters of a key; the rest is masked. */
export function maskKey(key: string): string {
  return "*".repeat(Math.max(4, key.length - 4)) + key.slice(-4);
}

/** The catalogue handlers; `apiKey` is only ever shown masked. */
export function catalog(apiKey: string) {
  const created = Date.UTC(2024, 5, 1);
  const keys = [
    { key: maskKey(apiKey), type: "console", description: "Console API key (emulator)", createdTime: created },
    {
      key: maskKey("secret-emulator-server-key"),
      type: "server",
      description: "Server secret key",
      createdTime: created,
    },
    { key: maskKey("client-emulator-sdk-key"), type: "client", description: "Client SDK key", createdTime: created },
  ];
  return {
    listMetrics: (ctx) => paginate(METRICS, ctx.query),
    getMetric: (ctx) => {
      const m = METRICS.find((x) => x.id === ctx.params.id);
      if (!m) throw new HttpError(404, `Metric ${JSON.stringify(ctx.params.id)} not found`);
      return { body: m };
    },
    listKeys: () => ({ items: keys }),
    listUsers: (ctx) => paginate(USERS, ctx.query),
    listTargetApps: () => ({ items: TARGET_APPS }),
    // Newest first, as an audit trail is read.
    listAuditLogs: (ctx) => paginate(ctx.store.audit().reverse(), ctx.query),
  } satisfies EntityHandlers;
}
