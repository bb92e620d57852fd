import { z } from "@medusajs/framework/zod"

// Plain http is accepted only where nothing crosses a network: a developer's own machine.
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"])

/**
 * Why `value` is not a web address the plugin may put in an email, a page or a redirect, or
 * undefined when it is one. Only `https:` (and `http:` on localhost, 127.0.0.1 or ::1) pass:
 * `javascript:` or `data:` in a link runs script or shows attacker content on the API's own
 * origin, and any other scheme opens something a shopper did not ask for.
 */
export function webUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return "must be a full URL starting with https://"
  }
  if (url.protocol === "https:" && url.hostname) {
    return undefined
  }
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) {
    return undefined
  }
  if (url.protocol === "http:") {
    return "must start with https:// (http:// is accepted only for localhost, 127.0.0.1 and ::1)"
  }
  return "must start with https:// (other schemes such as javascript: or data: are not allowed)"
}

/** True for an address `webUrlProblem` accepts. */
export function isWebUrl(value: string): boolean {
  return webUrlProblem(value) === undefined
}

/**
 * The one schema for every URL the plugin takes (settings, plugin options): the field's name
 * comes from where it is used, the message from `webUrlProblem`.
 */
export function webUrl() {
  return z
    .string()
    .trim()
    .max(2048)
    .superRefine((value, ctx) => {
      const problem = webUrlProblem(value)
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem })
      }
    })
}
