// Every HTTP route of the plugin, discovered from the route files under src/api, so a test that
// walks "all routes" covers a new route without being edited.
import fs from "fs"
import path from "path"

export const API_ROOT = path.resolve(__dirname, "..", "..", "src", "api")

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

export type PluginRoute = {
  /** Express-style path, e.g. `/admin/retention/messages/:id`. */
  path: string
  /** `route.ts` relative to src/api. */
  file: string
  methods: HttpMethod[]
  params: string[]
  /** Who may call it: the admin, a logged-in customer, any storefront (publishable key), anyone. */
  audience: "admin" | "customer" | "store" | "public"
  /** Field names the route's zod schemas (in its folder and the folders above it) declare. */
  fields: string[]
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : entry.name === "route.ts" ? [full] : []
  })
}

// `name: z.…` or `name: SomeSchema…` inside a zod object.
const FIELD = /^\s{2,}["']?([a-zA-Z_][a-zA-Z0-9_]*)["']?\s*:\s*(?:z(?:\.|$)|[A-Z][A-Za-z0-9_]*(?:\.|,|$))/gm

function fieldsNear(file: string): string[] {
  // A route's schemas live in validators.ts / helpers.ts beside it or in a parent folder, or in
  // a module file the route imports (the settings sections).
  const found = new Set<string>()
  const collect = (source: string) => {
    for (const m of source.matchAll(FIELD)) found.add(m[1])
  }
  const routeSource = fs.readFileSync(file, "utf8")
  collect(routeSource)
  for (const m of routeSource.matchAll(/from\s+"(\.[^"]+)"/g)) {
    for (const candidate of [`${m[1]}.ts`, `${m[1]}/index.ts`]) {
      const full = path.resolve(path.dirname(file), candidate)
      if (fs.existsSync(full) && !full.includes(`${path.sep}workflows${path.sep}`)) collect(fs.readFileSync(full, "utf8"))
    }
  }
  let dir = path.dirname(file)
  while (dir.startsWith(API_ROOT)) {
    for (const name of ["validators.ts", "helpers.ts"]) {
      const candidate = path.join(dir, name)
      if (fs.existsSync(candidate)) {
        collect(fs.readFileSync(candidate, "utf8"))
      }
    }
    if (dir === API_ROOT) break
    dir = path.dirname(dir)
  }
  return [...found].sort()
}

// Customer routes are the ones src/api/middlewares.ts puts behind authenticate("customer").
const CUSTOMER_ONLY = [/^\/store\/retention\/loyalty/, /^\/store\/retention\/preferences/]

export function discoverRoutes(): PluginRoute[] {
  return walk(API_ROOT)
    .map((file) => {
      const rel = path.relative(API_ROOT, file)
      const segments = path.dirname(rel).split(path.sep)
      const params = segments.filter((s) => /^\[.+\]$/.test(s)).map((s) => s.slice(1, -1))
      const routePath = "/" + segments.map((s) => (/^\[.+\]$/.test(s) ? `:${s.slice(1, -1)}` : s)).join("/")
      const source = fs.readFileSync(file, "utf8")
      const methods = [
        ...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1] as HttpMethod)
      const audience: PluginRoute["audience"] = routePath.startsWith("/admin/")
        ? "admin"
        : CUSTOMER_ONLY.some((r) => r.test(routePath))
          ? "customer"
          : routePath.startsWith("/store/")
            ? "store"
            : "public"
      return { path: routePath, file: rel, methods, params, audience, fields: fieldsNear(file) }
    })
    .filter((r) => r.methods.length > 0)
    .sort((a, b) => a.path.localeCompare(b.path))
}

/** Fills `:param` segments with the given value (URL-encoded). */
export function fillPath(route: PluginRoute, value: (param: string) => string): string {
  return route.path.replace(/:([a-zA-Z_]+)/g, (_, name: string) => encodeURIComponent(value(name)))
}
