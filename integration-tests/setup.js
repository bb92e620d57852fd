// Loaded before every test file. Keep the MikroORM metadata cache out of the way between
// test files and give Medusa a stable JWT/cookie secret for the HTTP lane.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
process.env.JWT_SECRET ??= "test-jwt-secret"
process.env.COOKIE_SECRET ??= "test-cookie-secret"
process.env.RETENTION_TOKEN_SECRET ??= "test-retention-token-secret-0123456789"

// Each HTTP spec drops its database at the end; knex then prints "Connection Error: Connection
// ended unexpectedly" once per pooled connection. That is teardown, not a failure: keep it out
// of the run's output unless the full logs were asked for.
if (!process.env.RETENTION_TEST_LOGS) {
  const log = console.log
  console.log = (...args) => {
    if (typeof args[0] === "string" && args[0].startsWith("Connection Error: Connection ended unexpectedly")) return
    log(...args)
  }
}
