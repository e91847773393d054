/**
 * Fakes for the client's unit tests: a scripted fetch (responses, errors, or a request that hangs
 * until aborted) and a clock whose sleeps only advance time, so nothing waits for real time.
 */
import { ConsoleClient, FetchLike } from "../../../provider/client";
import { StatsigApiError } from "../../../provider/client/errors";
import { Clock } from "../../../provider/client/clock";
import { rejection } from "../../rejection";

export const KEY = "console-SECRET-key-123456";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** A response of the fake fetch. */
export function fakeResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (n: string) => lower[n.toLowerCase()] ?? null },
    text: async () => (body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body)),
  };
}

/** A fake fetch answering from a script of responses (or errors), recording every call. */
export function scripted(script: (ReturnType<typeof fakeResponse> | Error | "hang")[]) {
  const calls: Call[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, method: init.method, headers: init.headers, body: init.body });
    const next = script.shift() ?? fakeResponse(500, { message: "script exhausted" });
    if (next === "hang") {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () =>
          reject(Object.assign(new Error("aborted"), { name: "AbortError" })),
        );
      });
    }
    if (next instanceof Error) return Promise.reject(next);
    return Promise.resolve(next);
  };
  return { fetch, calls };
}

/** The rejection of `p`, as a client error. */
export const failure = (p: Promise<unknown>) => rejection<StatsigApiError>(p);

/** A clock whose sleeps only advance its time. */
export function fakeClock(): Clock & { sleeps: number[] } {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** A client over the fake `fetch` and clock, with no jitter and no log. */
export function client(
  fetch: FetchLike,
  clock = fakeClock(),
  extra: Partial<ConstructorParameters<typeof ConsoleClient>[0]> = {},
) {
  return new ConsoleClient({
    baseUrl: "https://api.example.test/console/v1/",
    apiKey: () => KEY,
    fetch,
    clock,
    random: () => 0.5,
    log: () => undefined,
    ...extra,
  });
}
