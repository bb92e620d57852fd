// Loaded before every test file. Keep the MikroORM metadata cache out of the way between
// test files and give Medusa a stable JWT/cookie secret for the HTTP lane.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
process.env.JWT_SECRET ??= "test-jwt-secret"
process.env.COOKIE_SECRET ??= "test-cookie-secret"
process.env.RETENTION_TOKEN_SECRET ??= "test-retention-token-secret-0123456789"

// Each HTTP spec drops its database at the end; knex then prints "Connection Error: …" once per
// pooled connection (and a subscriber still running then logs the dropped connection), and
// Medusa's user migration prints a note about an index on every fresh database. Teardown and setup chatter, not failures: kept out of the run's output unless the
// full logs were asked for.
if (!process.env.RETENTION_TEST_LOGS) {
  const noise = [
    /^Connection Error: /,
    /^Note: If the index "IDX_user_email" fails to create/,
    // A subscriber still running while the spec's database is dropped.
    /terminating connection due to administrator command/,
  ]
  for (const level of ["log", "info"]) {
    const original = console[level]
    console[level] = (...args) => {
      if (typeof args[0] === "string" && noise.some((n) => n.test(args[0]))) return
      original(...args)
    }
  }
}
