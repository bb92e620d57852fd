// Loaded before every test file. Keep the MikroORM metadata cache out of the way between
// test files and give Medusa a stable JWT/cookie secret for the HTTP lane.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
process.env.JWT_SECRET ??= "test-jwt-secret"
process.env.COOKIE_SECRET ??= "test-cookie-secret"
process.env.RETENTION_TOKEN_SECRET ??= "test-retention-token-secret-0123456789"
