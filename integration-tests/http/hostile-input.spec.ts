// Walks every route of the plugin (discovered from src/api, so a new route is covered without
// editing this file) with hostile input, as a hostile admin, shopper or stranger would send it.
// The rule: never a 5xx; a 4xx carries a message (naming the field for input PostgreSQL cannot
// store); a refused request stores nothing; nothing reaches Object.prototype.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { createAdminAndLogin } from "../helpers/admin"
import { createShopper } from "../helpers/customers"
import { discoverRoutes, fillPath, HttpMethod, PluginRoute } from "../helpers/routes"

jest.setTimeout(1_200_000)

type Case = {
  route: PluginRoute
  method: HttpMethod
  label: string
  path: string
  query?: string
  body?: string
  contentType?: string
  /** The field a 400 must name, when the input is one PostgreSQL cannot store. */
  mustName?: string
  /** The input is refused whatever the route: a 4xx is required. */
  mustRefuse?: boolean
}

const NUL = "a\u0000b"
const MEGABYTE = "x".repeat(1024 * 1024)
// Field names every route gets, beyond the ones its schemas declare.
const COMMON_FIELDS = ["id", "email", "token", "q", "limit", "offset"]
// Background jobs (the scheduler heartbeat, the cart, renewal and flow ticks' leases, the order
// facts catch-up's cursor every 5 minutes) write these while the suite runs.
const VOLATILE_TABLES = new Set([
  "retention_scheduler_heartbeat",
  "retention_recovery_tick_lease",
  "retention_replenishment_tick_lease",
  "retention_flow_tick_lease",
  "retention_order_fact_sync",
])

const HOSTILE_PARAMS: [string, string][] = [
  ["path traversal", "../../../../etc/passwd"],
  ["NUL byte", NUL],
  ["SQL", "' or 1=1 --"],
  ["5,000 characters", "y".repeat(5000)],
]

const hostileValues = (field: string): { label: string; value: unknown; mustName?: boolean; mustRefuse?: boolean }[] => [
  { label: `${field}=NUL`, value: NUL, mustName: true, mustRefuse: true },
  { label: `${field}=object`, value: { nested: { deeper: true } } },
  { label: `${field}=array`, value: ["a", 1, null] },
  { label: `${field}=-1`, value: -1 },
  { label: `${field}=1e308`, value: 1e308 },
  { label: `${field}=2^53`, value: 2 ** 53 },
  { label: `${field}=true`, value: true },
  { label: `${field}=empty`, value: "" },
]

function casesFor(route: PluginRoute, method: HttpMethod, fill: (param: string) => string): Case[] {
  const path = fillPath(route, fill)
  const fields = [...new Set([...route.fields, ...COMMON_FIELDS])]
  const out: Case[] = []
  for (const [label, value] of HOSTILE_PARAMS) {
    for (const param of route.params) {
      out.push({
        route,
        method,
        label: `:${param} ${label}`,
        path: fillPath(route, (p) => (p === param ? value : fill(p))),
        mustName: value === NUL ? "path" : undefined,
        mustRefuse: value === NUL,
      })
    }
  }
  const hasBody = method !== "GET"
  if (hasBody) {
    for (const field of fields) {
      for (const v of hostileValues(field)) {
        out.push({
          route,
          method,
          label: `body ${v.label}`,
          path,
          body: JSON.stringify({ [field]: v.value }),
          mustName: v.mustName ? field : undefined,
          mustRefuse: v.mustRefuse,
        })
      }
    }
    out.push(
      { route, method, label: "body 1 MB string", path, body: JSON.stringify({ [fields[0]]: MEGABYTE }), mustRefuse: true },
      { route, method, label: "body NUL in a key", path, body: JSON.stringify({ [NUL]: 1 }), mustRefuse: true, mustName: "a\\u0000b" },
      { route, method, label: "body __proto__", path, body: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}' },
      { route, method, label: "body unknown field", path, body: JSON.stringify({ not_a_field_of_any_route: 1 }) },
      { route, method, label: "malformed JSON", path, body: '{"a": ', mustRefuse: true },
      { route, method, label: "JSON array", path, body: "[1,2,3]" },
      { route, method, label: "JSON null", path, body: "null" },
      { route, method, label: "wrong content type", path, body: "a=b&c=d", contentType: "text/plain" },
      { route, method, label: "form encoded", path, body: "email=a%00b", contentType: "application/x-www-form-urlencoded" },
      { route, method, label: "deeply nested", path, body: "[".repeat(200) + "]".repeat(200) }
    )
  } else {
    // Medusa's own store middleware takes `?locale=` before any plugin code runs (and answers
    // `?locale[]=` by dropping the connection, a core issue outside the plugin's reach).
    const queryFields = route.audience === "store" || route.audience === "customer" ? fields.filter((f) => f !== "locale") : fields
    for (const field of queryFields) {
      const q = (value: string) => `${encodeURIComponent(field)}=${encodeURIComponent(value)}`
      out.push(
        { route, method, label: `query ${field}=NUL`, path, query: q(NUL), mustName: field, mustRefuse: true },
        { route, method, label: `query ${field}=-1`, path, query: q("-1") },
        { route, method, label: `query ${field}=1e308`, path, query: q("1e308") },
        { route, method, label: `query ${field}[]`, path, query: `${encodeURIComponent(field)}[a]=1&${encodeURIComponent(field)}[]=2` },
        { route, method, label: `query ${field} 5,000 characters`, path, query: q("z".repeat(5000)) }
      )
    }
    out.push(
      { route, method, label: "query __proto__", path, query: "__proto__[polluted]=yes&constructor[prototype][polluted]=yes" },
      { route, method, label: "query 1 MB", path, query: `q=${MEGABYTE}`, mustRefuse: true }
    )
  }
  return out
}

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const container = (): MedusaContainer => getContainer()

    it("answers hostile input on every route with a 4xx that names the field, never a 5xx, and stores nothing", async () => {
      const routes = discoverRoutes()
      expect(routes.length).toBeGreaterThan(30)

      // Who calls: an admin, a customer with an account, a storefront's publishable key.
      const admin = await createAdminAndLogin(container(), api)
      const apiKeys = container().resolve(Modules.API_KEY)
      const key = await apiKeys.createApiKeys({ title: "hostile", type: "publishable", created_by: "hostile-test" })
      const { customer, token: customerToken } = await createShopper(container(), api, "shopper@hostile.test")

      // Real ids where a route needs one, so validation behind the lookup is reached too.
      const base = String(api.defaults.baseURL).replace(/\/$/, "")
      type Listing = Record<string, { id: string }[] | undefined>
      const get = async (path: string): Promise<Listing> => {
        const res = await fetch(`${base}${path}`, { headers: { authorization: admin.headers.authorization } })
        return (await res.json()) as Listing
      }
      const { campaigns } = await get("/admin/retention/cart-recovery/campaigns")
      await fetch(`${base}/admin/retention/templates/test-message/send-test`, {
        method: "POST",
        headers: { authorization: admin.headers.authorization, "content-type": "application/json" },
        body: JSON.stringify({ to: "me@hostile.test", locale: "en" }),
      })
      const { messages } = await get("/admin/retention/messages")
      const fillFor = (route: PluginRoute) => (param: string) => {
        const known: Record<string, string | undefined> = {
          section: "brand",
          name: "cart-reminder",
          locale: "en",
          customer_id: customer.id,
          id: route.path.startsWith("/admin/retention/cart-recovery/campaigns")
            ? campaigns?.[0]?.id
            : route.path.startsWith("/admin/retention/customers")
              ? customer.id
              : route.path.startsWith("/admin/retention/messages")
                ? messages?.[0]?.id
                : undefined,
        }
        return known[param] ?? "does_not_exist"
      }

      const headersFor = (route: PluginRoute): Record<string, string> => {
        switch (route.audience) {
          case "admin":
            return { authorization: admin.headers.authorization }
          case "customer":
            return { authorization: `Bearer ${customerToken}`, "x-publishable-api-key": key.token }
          case "store":
            return { "x-publishable-api-key": key.token }
          default:
            return {}
        }
      }

      // What a refused request must not have changed: every plugin table, and the Medusa
      // tables a plugin route writes to (promotions for redemptions, customers, carts). A row
      // trigger logs each change, so one cheap read after a request tells whether it wrote.
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows: tables } = await pg.raw(
        "select tablename from pg_tables where schemaname = 'public' and (tablename like 'retention_%' or tablename in ('promotion', 'customer', 'cart', 'cart_line_item_adjustment')) order by 1"
      )
      const watched = (tables as { tablename: string }[]).map((t) => t.tablename).filter((t) => !VOLATILE_TABLES.has(t))
      expect(watched.length).toBeGreaterThan(10)
      await pg.raw(`create table hostile_change_log (id bigserial primary key, tbl text not null)
        ;create or replace function hostile_log_change() returns trigger language plpgsql as $$
          begin insert into hostile_change_log (tbl) values (TG_TABLE_NAME); return null; end $$`)
      for (const t of watched) {
        await pg.raw(`create trigger hostile_log after insert or update or delete on "${t}" for each row execute function hostile_log_change()`)
      }
      const changes = async (): Promise<{ last: number; tables: string }> => {
        const { rows } = await pg.raw(
          "select coalesce(max(id), 0)::int as last, coalesce(string_agg(distinct tbl, ','), '') as tables from hostile_change_log"
        )
        return rows[0]
      }

      // The detector sees a write, and the credentials reach the routes (else every case
      // would only test the authentication in front of them).
      const before = (await changes()).last
      await pg.raw('update "customer" set updated_at = updated_at where id = ?', [customer.id])
      expect((await changes()).last).toBeGreaterThan(before)
      for (const [path, audience] of [
        ["/admin/retention/settings", "admin"],
        ["/store/retention/loyalty", "customer"],
      ] as const) {
        const res = await fetch(`${base}${path}`, { headers: headersFor({ audience } as PluginRoute) })
        expect({ path, status: res.status }).toEqual({ path, status: 200 })
      }

      const failures: string[] = []
      let tried = 0
      let routeMethods = 0
      let seen = (await changes()).last
      for (const route of routes) {
        for (const method of route.methods) {
          routeMethods++
          for (const c of casesFor(route, method, fillFor(route))) {
            tried++
            const url = `${base}${c.path}${c.query ? `?${c.query}` : ""}`
            const headers: Record<string, string> = { ...headersFor(route) }
            if (c.body !== undefined) headers["content-type"] = c.contentType ?? "application/json"
            let status: number
            let text: string
            try {
              const res = await fetch(url, { method, headers, body: c.body, redirect: "manual" })
              status = res.status
              text = await res.text()
            } catch (e) {
              failures.push(`${method} ${route.path} [${c.label}]: request failed: ${(e as Error).message}`)
              continue
            }
            const where = `${method} ${route.path} [${c.label}] → ${status}`
            const snippet = text.slice(0, 200).replace(/\s+/g, " ")
            if (status >= 500) {
              failures.push(`${where}: ${snippet}`)
            }
            if (c.mustRefuse && status < 400) {
              failures.push(`${where}: accepted input that must be refused`)
            }
            if (status >= 400 && status < 500) {
              let message = ""
              try {
                message = String(JSON.parse(text).message ?? "")
              } catch {
                // The public pages answer a person in a browser with HTML.
                message = route.audience === "public" && /<html/i.test(text) ? "html page" : ""
              }
              // 431/413 come from Node's or the body parser's limits, before any route runs.
              if (!message && status !== 431) {
                failures.push(`${where}: a 4xx without a message: ${snippet}`)
              }
              if (c.mustName && status === 400 && message !== "html page" && !message.includes(c.mustName)) {
                failures.push(`${where}: the message does not name "${c.mustName}": ${snippet}`)
              }
              if (/node_modules|\.[jt]s:\d+:\d+|\n\s+at /.test(text)) {
                failures.push(`${where}: the answer leaks a stack trace or file path`)
              }
            }
            if (({} as Record<string, unknown>).polluted !== undefined) {
              failures.push(`${where}: Object.prototype was polluted`)
              delete (Object.prototype as Record<string, unknown>).polluted
            }
            const after = await changes()
            if (after.last !== seen && (status >= 400 || c.mustRefuse)) {
              await pg.raw("delete from hostile_change_log where id <= ?", [seen])
              failures.push(`${where}: a refused request changed stored data (${(await changes()).tables})`)
            }
            seen = after.last
          }
        }
      }

      // The case count, for the run's log.
      process.stdout.write(`\nhostile input: ${tried} cases over ${routeMethods} route methods (${routes.length} routes)\n`)
      expect(failures).toEqual([])
      expect(tried).toBeGreaterThan(1000)
    })
  },
})
