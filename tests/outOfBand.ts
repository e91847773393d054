/**
 * Requests to an emulator's Console API as someone outside the provider would send them (a teammate
 * in the console, a drift, a deletion): shared by the e2e harness, the integration tests and the
 * project fixture.
 */

/** Where and with which key to send the requests. */
export interface ApiTarget {
  apiUrl: string;
  apiKey: string;
}

/** Sends `body` to `p` with the target's key; fails on any non-2xx answer; returns the parsed body. */
export async function outOfBand(t: ApiTarget, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(t.apiUrl + p, {
    method,
    headers: { "STATSIG-API-KEY": t.apiKey, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}
