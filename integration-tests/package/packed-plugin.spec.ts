// Proves the published package works in a store: build, `npm pack`, install the tarball into a
// throw-away store (its node_modules resolves @medusajs/* from this repository), migrate, boot
// `medusa start`, and use the plugin's routes with the options the store passed.
import { ChildProcess, execFileSync, spawn } from "child_process"
import fs from "fs"
import path from "path"
import { Client } from "pg"
import { discoverRoutes, fillPath } from "../helpers/routes"

jest.setTimeout(600_000)

const root = path.resolve(__dirname, "..", "..")
const work = path.join(root, ".pack-test")
const store = path.join(work, "store")
const medusaBin = path.join(root, "node_modules", ".bin", "medusa")
const dbName = `retention_pack_${process.pid}`

function dbConfig(database: string) {
  return {
    host: process.env.DB_HOST ?? "localhost",
    port: Number(process.env.DB_PORT ?? 5432),
    user: process.env.DB_USERNAME ?? "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  }
}

async function sql(database: string, query: string): Promise<{ rows: Record<string, unknown>[] }> {
  const client = new Client(dbConfig(database))
  await client.connect()
  try {
    return await client.query(query)
  } finally {
    await client.end()
  }
}

function databaseUrl(): string {
  const c = dbConfig(dbName)
  const auth = c.password ? `${c.user}:${encodeURIComponent(c.password)}` : c.user
  return `postgres://${auth}@${c.host}:${c.port}/${dbName}`
}

describe("the packed plugin in a throw-away store", () => {
  let server: ChildProcess | undefined
  let tarball: string
  const port = 9000 + 100 + (process.pid % 700)
  const base = `http://localhost:${port}`
  const env = () => ({ ...process.env, DATABASE_URL: databaseUrl(), PORT: String(port), NODE_ENV: "production" })

  beforeAll(async () => {
    fs.rmSync(work, { recursive: true, force: true })
    fs.mkdirSync(path.join(store, "node_modules", "medusa-plugin-retention"), { recursive: true })
    execFileSync(medusaBin, ["plugin:build"], { cwd: root, stdio: "pipe" })
    const packed = execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], {
      cwd: root,
      encoding: "utf8",
    })
    tarball = path.join(work, packed.trim().split("\n").pop() ?? "")
    execFileSync("tar", ["-xzf", tarball, "-C", path.join(store, "node_modules", "medusa-plugin-retention"), "--strip-components=1"])
    fs.writeFileSync(
      path.join(store, "package.json"),
      JSON.stringify({
        name: "throwaway-store",
        private: true,
        dependencies: { "@medusajs/medusa": "2.21.2", "medusa-plugin-retention": `file:${tarball}` },
      })
    )
    fs.writeFileSync(
      path.join(store, "medusa-config.js"),
      `const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { jwtSecret: "pack-test", cookieSecret: "pack-test", storeCors: "*", adminCors: "*", authCors: "*" },
  },
  admin: { disable: true },
  plugins: [
    {
      resolve: "medusa-plugin-retention",
      options: { tokenSecret: "packed-store-token-secret-0123456789abcdef", brand: { storeName: "Packed Store" } },
    },
  ],
  modules: [
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "medusa-plugin-retention/providers/local-outbox",
            id: "retention-outbox",
            options: { channels: ["retention_email"], directory: ".outbox" },
          },
        ],
      },
    },
  ],
})
`
    )
    await sql("postgres", `drop database if exists "${dbName}"`)
    await sql("postgres", `create database "${dbName}"`)
  })

  afterAll(async () => {
    server?.kill("SIGTERM")
    await new Promise((r) => setTimeout(r, 500))
    await sql("postgres", `drop database if exists "${dbName}" with (force)`).catch(() => undefined)
  })

  it("ships the server code, migrations and admin bundle, and no tests or dev config", () => {
    const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n")
    const has = (suffix: string) => files.some((f) => f.endsWith(suffix))
    expect(has(".medusa/server/src/modules/retention-settings/index.js")).toBe(true)
    expect(files.some((f) => /retention-settings\/migrations\/Migration\d+\.js$/.test(f))).toBe(true)
    expect(has(".medusa/server/src/admin/index.mjs")).toBe(true)
    expect(has(".medusa/server/src/modules/messaging/index.js")).toBe(true)
    expect(has(".medusa/server/src/providers/sendgrid-marketing/index.js")).toBe(true)
    expect(has(".medusa/server/src/providers/local-outbox/index.js")).toBe(true)
    expect(has(".medusa/server/src/emails/templates/cart-reminder/index.js")).toBe(true)
    expect(has(".medusa/server/src/subscribers/retention-settings-updated-record-change.js")).toBe(true)
    expect(has(".medusa/server/src/jobs/record-scheduler-heartbeat.js")).toBe(true)
    expect(has(".medusa/server/src/modules/replenishment/index.js")).toBe(true)
    expect(files.some((f) => /replenishment\/migrations\/Migration\d+\.js$/.test(f))).toBe(true)
    expect(has(".medusa/server/src/jobs/renew-due-subscriptions.js")).toBe(true)
    expect(has(".medusa/server/src/modules/customer-segments/index.js")).toBe(true)
    expect(files.some((f) => /customer-segments\/migrations\/Migration\d+\.js$/.test(f))).toBe(true)
    expect(has(".medusa/server/src/jobs/compute-rfm-segments.js")).toBe(true)
    // The test-only declining payment provider stays out of the package.
    expect(files.some((f) => f.includes("test-providers"))).toBe(false)
    expect(files.some((f) => f.includes("__tests__"))).toBe(false)
    expect(files.some((f) => f.includes("integration-tests"))).toBe(false)
    expect(files.some((f) => /medusa-config/.test(f))).toBe(false)
  })

  it("migrates, boots, answers /health and serves the plugin with the store's options", async () => {
    execFileSync(medusaBin, ["db:migrate"], { cwd: store, env: env(), stdio: "pipe" })
    const tables = await sql(dbName, "select tablename from pg_tables where tablename like 'retention_%' order by 1")
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        "retention_message",
        "retention_consent",
        "retention_scheduler_heartbeat",
        "retention_setting",
        "retention_settings_change",
        "retention_subscription",
        "retention_subscription_run",
        "retention_replenishment_plan",
        "retention_replenishment_prediction",
        "retention_rfm_run",
        "retention_rfm_score",
        "retention_rfm_snapshot",
        "retention_order_fact",
        "retention_order_fact_sync",
        "retention_loyalty_liability",
        "retention_template_override_version",
        "retention_flow",
        "retention_flow_entry",
        "retention_flow_send",
        "retention_flow_tick_lease",
        "retention_product_affinity",
        "retention_product_sales",
      ])
    )

    execFileSync(medusaBin, ["user", "-e", "packed@retention.test", "-p", "packed-Passw0rd"], {
      cwd: store,
      env: env(),
      stdio: "pipe",
    })

    let log = ""
    server = spawn(medusaBin, ["start"], { cwd: store, env: env() })
    server.stdout?.on("data", (d) => (log += d))
    server.stderr?.on("data", (d) => (log += d))

    const deadline = Date.now() + 120_000
    let healthy = false
    while (Date.now() < deadline && !healthy) {
      healthy = await fetch(`${base}/health`).then((r) => r.ok, () => false)
      if (!healthy) await new Promise((r) => setTimeout(r, 500))
    }
    if (!healthy) throw new Error(`store did not become healthy:\n${log.slice(-3000)}`)

    const plugin = await fetch(`${base}/retention/health`)
    expect(plugin.status).toBe(200)
    expect(await plugin.json()).toEqual({ plugin: "medusa-plugin-retention", status: "ok" })

    expect((await fetch(`${base}/admin/retention/settings`)).status).toBe(401)

    // Email-link routes answer outside /store and /admin, and refuse a forged token.
    const unsubscribe = await fetch(`${base}/retention/unsubscribe?token=forged.token`)
    expect(unsubscribe.status).toBe(400)
    expect(await unsubscribe.text()).toContain("<html")

    const login = await fetch(`${base}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "packed@retention.test", password: "packed-Passw0rd" }),
    })
    const { token } = (await login.json()) as { token: string }
    const settings = await fetch(`${base}/admin/retention/settings/brand`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(settings.status).toBe(200)
    const body = (await settings.json()) as { settings: { values: { storeName: string } } }
    expect(body.settings.values.storeName).toBe("Packed Store")

    // Every template renders, in every locale, from the built output (MJML, partials, text part).
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" }
    const list = (await (await fetch(`${base}/admin/retention/templates`, { headers: auth })).json()) as {
      templates: { name: string; locales: { locale: string }[] }[]
    }
    expect(list.templates.length).toBeGreaterThanOrEqual(6)
    for (const template of list.templates) {
      for (const { locale } of template.locales) {
        const preview = await fetch(`${base}/admin/retention/templates/${template.name}/preview`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ locale }),
        })
        const rendered = (await preview.json()) as { subject: string; html: string; text: string }
        expect({ template: template.name, locale, status: preview.status }).toEqual({
          template: template.name,
          locale,
          status: 200,
        })
        expect(rendered.subject.length).toBeGreaterThan(0)
        expect(rendered.html).toContain("</html>")
        expect(rendered.html).not.toContain("<mj-")
        expect(rendered.text.length).toBeGreaterThan(0)
      }
    }

    // Every route.ts under src/api answers in the store that installed the tarball. Medusa's
    // build drops folders named like test folders, so a route can pass every in-repo test and
    // still be missing from the package; Express answers a missing route with "Cannot <METHOD>".
    const keyRes = await fetch(`${base}/admin/api-keys`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ title: "packed storefront", type: "publishable" }),
    })
    const { api_key } = (await keyRes.json()) as { api_key: { token: string } }
    const shopper = { email: "shopper@packed.test", password: "Sh0pper-pass" }
    const register = (await (
      await fetch(`${base}/auth/customer/emailpass/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(shopper),
      })
    ).json()) as { token: string }
    const created = await fetch(`${base}/store/customers`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${register.token}`,
        "x-publishable-api-key": api_key.token,
        "content-type": "application/json",
      },
      body: JSON.stringify({ email: shopper.email }),
    })
    expect(created.status).toBe(200)
    const customerLogin = (await (
      await fetch(`${base}/auth/customer/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(shopper),
      })
    ).json()) as { token: string }

    const headersFor = (audience: string): Record<string, string> => {
      const json = { "content-type": "application/json" }
      if (audience === "admin") return { ...json, authorization: `Bearer ${token}` }
      if (audience === "customer") {
        return { ...json, authorization: `Bearer ${customerLogin.token}`, "x-publishable-api-key": api_key.token }
      }
      if (audience === "store") return { ...json, "x-publishable-api-key": api_key.token }
      return json
    }
    const missing = async (method: string, url: string, audience: string) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: headersFor(audience),
        body: method === "GET" ? undefined : "{}",
        redirect: "manual",
      })
      const text = await res.text()
      return res.status === 404 && text.includes(`Cannot ${method} `)
    }
    // The detector itself: the route's old name is gone, and says so.
    expect(await missing("POST", "/admin/retention/templates/cart-reminder/test", "admin")).toBe(true)

    const routes = discoverRoutes()
    expect(routes.length).toBeGreaterThan(30)
    const absent: string[] = []
    for (const route of routes) {
      const url = fillPath(route, (param) => (param === "section" ? "brand" : param === "name" ? "cart-reminder" : param === "locale" ? "en" : "does_not_exist"))
      for (const method of route.methods) {
        if (await missing(method, url, route.audience)) absent.push(`${method} ${route.path} (${route.file})`)
      }
    }
    expect(absent).toEqual([])
  })
})
