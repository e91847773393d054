/**
 * provider/staleSettings.ts: reading a stack config file's plain `statsig:*` values, the stack
 * argument of a command line, and the warnings for settings that differ from the recorded ones.
 * The real-CLI run is tests/e2e/settings.e2e.test.ts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plainStatsigConfig, stackArgument, staleSettingWarnings } from "../../provider/staleSettings";

describe("stale settings", () => {
  it("reads plain and quoted values of the config section, and skips secrets and other sections", () => {
    const text = [
      "encryptionsalt: v1:abc",
      "config:",
      '  statsig:maxRetries: "3"',
      "  statsig:apiUrl: http://127.0.0.1:8080/console/v1",
      "  statsig:rateLimit: 'off'",
      "  statsig:consoleApiKey:",
      "    secure: v1:xyz",
      "  other:thing: 1",
      "backend:",
      "  statsig:timeoutMs: 5",
    ].join("\n");
    expect([...plainStatsigConfig(text)]).toEqual([
      ["statsig:maxRetries", "3"],
      ["statsig:apiUrl", "http://127.0.0.1:8080/console/v1"],
      ["statsig:rateLimit", "off"],
    ]);
  });

  it("finds --stack, -s and --stack= in a command line", () => {
    expect(stackArgument(["pulumi", "refresh", "--stack", "dev", "--yes"])).toBe("dev");
    expect(stackArgument(["pulumi", "destroy", "-s", "org/p/prod"])).toBe("org/p/prod");
    expect(stackArgument(["pulumi", "up", "--stack=x"])).toBe("x");
    expect(stackArgument(["pulumi", "up"])).toBeUndefined();
  });

  it("warns per differing setting, naming the file's value and the one used; nothing when they agree", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stale-"));
    try {
      const file = path.join(dir, "Pulumi.dev.yaml");
      fs.writeFileSync(file, 'config:\n  statsig:maxRetries: abc\n  statsig:timeoutMs: "1000"\n');
      const keys = ["statsig:maxRetries", "statsig:timeoutMs", "statsig:apiUrl"];
      const received = new Map([
        ["statsig:maxRetries", "3"],
        ["statsig:timeoutMs", "1000"],
        ["statsig:apiUrl", "http://old"],
      ]);
      const w = staleSettingWarnings(received, { stack: "dev", file }, keys);
      expect(w).toEqual([
        expect.stringMatching(
          /^statsig:maxRetries is "abc" in Pulumi\.dev\.yaml, but this command uses "3": the value recorded/,
        ),
        expect.stringMatching(/^statsig:apiUrl is not set in Pulumi\.dev\.yaml, but this command uses "http:\/\/old"/),
      ]);
      const same = new Map([
        ["statsig:maxRetries", "abc"],
        ["statsig:timeoutMs", "1000"],
      ]);
      expect(staleSettingWarnings(same, { stack: "dev", file }, keys)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
