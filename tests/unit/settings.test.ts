/**
 * Settings are validated (issue 9, item 5): each bad value fails when the client is built, with an
 * error naming the value, the rule, and both the stack config key and the environment variable.
 */
import { CONFIG_KEYS, ENV_KEYS, configure, getClient, resetConfiguration } from "../../provider/settings";

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.values(ENV_KEYS)) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetConfiguration();
});
beforeEach(() => {
  for (const k of Object.values(ENV_KEYS)) delete process.env[k];
  resetConfiguration();
});

const bad: [keyof typeof ENV_KEYS, string, RegExp][] = [
  ["maxRetries", "abc", /must be a whole number from 0 to 100/],
  ["maxRetries", "-1", /must be a whole number/],
  ["maxRetries", "2.5", /must be a whole number/],
  ["timeoutMs", "30s", /must be a whole number from 1 to/],
  ["timeoutMs", "0", /must be a whole number from 1 to/],
  ["maxThrottleWaitMs", "ten minutes", /must be a whole number from 0 to/],
  ["rateLimit", "fast", /expected e\.g\. 100\/10s or 900\/15m \(or "published", or "off"\)/],
  ["rateLimit", "0/10s", /numbers must be positive/],
  ["apiUrl", "statsigapi.net/console/v1", /must be an http\(s\) URL such as https:\/\/statsigapi.net\/console\/v1/],
  ["apiUrl", "ftp://statsigapi.net/console/v1", /must be an http\(s\) URL/],
];

describe("settings validation", () => {
  it.each(bad)("%s=%s from the environment fails naming both ways to set it", (name, value, rule) => {
    process.env[ENV_KEYS[name]] = value;
    let message = "";
    try {
      getClient();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(`invalid ${CONFIG_KEYS[name]} ${JSON.stringify(value)} (from ${ENV_KEYS[name]})`);
    expect(message).toMatch(rule);
    expect(message).toContain(`pulumi config set ${CONFIG_KEYS[name]} <value>`);
    expect(message).toContain(`the ${ENV_KEYS[name]} environment variable`);
  });

  it("a bad stack config value says it came from the stack config", async () => {
    await configure({ config: { get: (k: string) => (k === "statsig:maxRetries" ? "many" : undefined) } } as never);
    expect(() => getClient()).toThrow(/invalid statsig:maxRetries "many" \(from stack config statsig:maxRetries\)/);
  });

  it("accepts good values, and the defaults", () => {
    expect(() => getClient()).not.toThrow();
    Object.assign(process.env, {
      STATSIG_MAX_RETRIES: "0",
      STATSIG_TIMEOUT_MS: "1500",
      STATSIG_MAX_THROTTLE_WAIT_MS: "0",
      STATSIG_RATE_LIMIT: "50/10s,500/15m",
      STATSIG_API_URL: "http://127.0.0.1:8080/console/v1/",
    });
    expect(getClient().baseUrl).toBe("http://127.0.0.1:8080/console/v1");
  });
});
