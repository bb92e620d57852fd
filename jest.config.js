// One jest config, one "project" per test lane. scripts/test.js runs the lanes in order.
const transform = {
  "^.+\\.[jt]sx?$": [
    "@swc/jest",
    { jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" } },
  ],
}
const common = {
  transform,
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.medusa/", "<rootDir>/.pack-test/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}

module.exports = {
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/src/**/__tests__/**/*.unit.spec.[jt]s"] },
    {
      ...common,
      displayName: "integration:modules",
      testMatch: ["<rootDir>/src/modules/*/__tests__/**/*.spec.[jt]s"],
      testPathIgnorePatterns: ["\\.unit\\.spec\\.[jt]s$"],
    },
    { ...common, displayName: "integration:http", testMatch: ["<rootDir>/integration-tests/http/**/*.spec.[jt]s"] },
    { ...common, displayName: "redis", testMatch: ["<rootDir>/integration-tests/redis/**/*.spec.[jt]s"] },
    { ...common, displayName: "browser", testMatch: ["<rootDir>/integration-tests/browser/**/*.spec.[jt]s"] },
    { ...common, displayName: "package", testMatch: ["<rootDir>/integration-tests/package/**/*.spec.[jt]s"] },
  ],
}
