import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * PostgreSQL refuses a NUL byte (U+0000) in any text parameter, so a NUL anywhere in a request
 * would surface as a 500 from whichever statement first stores or filters by it. No field of
 * the plugin legitimately carries one: refuse the request up front with a 400 that names the
 * field, before any handler runs, and nothing is written.
 */
export function refuseUnstorableInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  // originalUrl: under a mounted matcher, req.path is relative to the mount.
  const url = req.originalUrl ?? req.url
  if (url.startsWith("/retention/webhooks/")) {
    // A provider's signed batch is judged event by event: one bad event must not refuse the
    // rest, or the provider retries the whole batch forever.
    return next()
  }
  // Medusa moves a store route's `?locale=` into req.locale before the route's middlewares run.
  const locale = (req as { locale?: unknown }).locale
  const problem =
    nulInPath(url) ??
    findProblem(req.query, "") ??
    findProblem(req.body, "") ??
    (typeof locale === "string" ? findProblem(locale, "locale") : null)
  if (problem) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, problem))
  }
  next()
}

function nulInPath(url: string): string | null {
  const pathname = url.split("?")[0]
  if (pathname.includes("\u0000") || /%00/i.test(pathname)) {
    return `path: ${NUL}`
  }
  return null
}

const NUL = "must not contain a NUL byte"
// No settings document or filter of the plugin nests anywhere near this deep; deeper input is
// refused rather than walked without end.
const MAX_DEPTH = 32

/** The first problem found as "field: what is wrong", or null. */
function findProblem(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === "string") {
    return value.includes("\u0000") ? `${at || "body"}: ${NUL}` : null
  }
  if (value === null || typeof value !== "object") {
    return null
  }
  if (depth > MAX_DEPTH) {
    return `${at}: nested too deeply`
  }
  for (const [key, inner] of Object.entries(value)) {
    const here = at ? `${at}.${key}` : key
    if (key.includes("\u0000")) {
      return `${JSON.stringify(here).slice(1, -1)}: ${NUL} in a field name`
    }
    const found = findProblem(inner, here, depth + 1)
    if (found) {
      return found
    }
  }
  return null
}
