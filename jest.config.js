/**
 * Jest: unit tests (tests/unit), provider tests against the emulator over real HTTP
 * (tests/integration) and end-to-end tests that drive the real Pulumi CLI in child processes
 * (tests/e2e). `npm test` runs all three, in band (the e2e suites share the CLI build). The fault
 * matrix (tests/e2e/faults.e2e.test.ts, minutes of CLI runs) is left to `npm run test:faults`, which
 * CI runs as its own stage.
 */
/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  // examples/testing holds a user-facing Jest test of `pulumi-statsig/testing`, run from the source.
  roots: ["<rootDir>/tests", "<rootDir>/examples/testing"],
  moduleNameMapper: { "^pulumi-statsig/testing$": "<rootDir>/provider/testing.ts" },
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/tests/e2e/faults\\.e2e\\.test\\.ts$"],
  modulePathIgnorePatterns: [
    "<rootDir>/dist/",
    "<rootDir>/.e2e/",
    "<rootDir>/.demo/",
    "<rootDir>/node_modules/pulumi-statsig/",
  ],
  testTimeout: 30000,
  transform: { "^.+\\.ts$": ["ts-jest", {}] },
};
