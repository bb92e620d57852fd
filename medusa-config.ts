// Configuration of the plugin's own development store: `npm run demo`, `medusa develop` and
// the HTTP test lanes boot this repository as if it were a store with the plugin installed.
// It is not published (package.json "files" only ships .medusa/server).
import path from "path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const redisUrl = process.env.REDIS_URL

// The plugin's options, exactly as a store would pass them in `plugins: [{ options }]`.
const retentionOptions = {
  tokenSecret: process.env.RETENTION_TOKEN_SECRET,
  publicUrl: process.env.RETENTION_PUBLIC_URL || `http://localhost:${process.env.PORT || 9000}`,
  emailChannel: "retention_email",
  // Also write a Notification Module record per email (slower; see the README).
  recordNotifications: process.env.RETENTION_RECORD_NOTIFICATIONS === "true",
  sendgridWebhookPublicKey: process.env.SENDGRID_WEBHOOK_PUBLIC_KEY,
  brand: {
    storeName: process.env.RETENTION_STORE_NAME || "Retention Demo Coffee",
    fromName: process.env.RETENTION_FROM_NAME || "Retention Demo Coffee",
    fromEmail: process.env.RETENTION_FROM_EMAIL || "hello@demo.example.com",
    storeAddress: process.env.RETENTION_STORE_ADDRESS || "1 Demo Street, 34000 Istanbul, Türkiye",
    storefrontUrl: process.env.RETENTION_STOREFRONT_URL || "http://localhost:8000",
  },
}

// With REDIS_URL the store runs the production setup: Redis event bus (with retries, so
// subscribers must be idempotent), Redis workflow engine and Redis locking.
const redisModules = redisUrl
  ? [
      {
        resolve: "@medusajs/medusa/event-bus-redis",
        options: { redisUrl, jobOptions: { attempts: 3, backoff: { type: "exponential", delay: 1000 } } },
      },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl } },
          ],
        },
      },
    ]
  : []

// The plugin's emails go out on their own Notification Module channel, so they never clash
// with the store's transactional email provider. SendGrid when configured, else the local
// outbox (files under .outbox/ and the admin's Messages page): nothing leaves the machine.
const useSendgrid = (process.env.RETENTION_EMAIL_PROVIDER || (process.env.SENDGRID_API_KEY ? "sendgrid" : "outbox")) === "sendgrid"
const emailProvider = useSendgrid
  ? {
      resolve: "./src/providers/sendgrid-marketing",
      id: "retention-sendgrid",
      options: {
        channels: ["retention_email"],
        apiKey: process.env.SENDGRID_API_KEY,
        from: process.env.RETENTION_FROM_EMAIL || "hello@demo.example.com",
        fromName: process.env.RETENTION_FROM_NAME || "Retention Demo Coffee",
        sandboxMode: process.env.SENDGRID_SANDBOX === "true",
        baseUrl: process.env.SENDGRID_BASE_URL || undefined,
        retryBaseMs: process.env.SENDGRID_RETRY_BASE_MS ? Number(process.env.SENDGRID_RETRY_BASE_MS) : undefined,
      },
    }
  : {
      resolve: "./src/providers/local-outbox",
      id: "retention-outbox",
      options: { channels: ["retention_email"], directory: process.env.RETENTION_OUTBOX_DIR || ".outbox" },
    }

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server") || "shared",
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000,http://localhost:8000",
      // `npm run demo` and the tests generate these; a real store must set them.
      jwtSecret: process.env.JWT_SECRET,
      cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true",
  },
  modules: [
    { resolve: "./src/modules/retention-settings", options: retentionOptions },
    { resolve: "./src/modules/messaging", options: retentionOptions },
    { resolve: "./src/modules/cart-recovery", options: retentionOptions },
    { resolve: "./src/modules/loyalty", options: retentionOptions },
    { resolve: "./src/modules/nps", options: retentionOptions },
    { resolve: "./src/modules/replenishment", options: retentionOptions },
    { resolve: "./src/modules/customer-segments", options: retentionOptions },
    { resolve: "./src/modules/flows", options: retentionOptions },
    { resolve: "./src/modules/product-affinity", options: retentionOptions },
    { resolve: "@medusajs/medusa/notification", options: { providers: [emailProvider] } },
    // Test lanes only: a provider that declines every payment (renewal dunning tests).
    ...(process.env.NODE_ENV === "test"
      ? [
          {
            resolve: "@medusajs/medusa/payment",
            options: { providers: [{ resolve: path.join(__dirname, "scripts/test-providers/declining-payment"), id: "declining" }] },
          },
        ]
      : []),
    ...redisModules,
  ],
})
