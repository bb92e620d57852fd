// The one send policy every feature shares: decided here, before each send, from data the
// caller loaded in bulk. Pure, so every rule is unit-tested on its own.

import { clockFormatter, dateTimeFormatter, isValidTimeZone } from "../../lib/time-zone"

export { isValidTimeZone }

export const TOPICS = ["cart_recovery", "lifecycle", "nps", "loyalty", "replenishment", "system"] as const
export type Topic = (typeof TOPICS)[number]
// Topics a person can opt in to or out of ("system" mail is transactional only).
export const CONSENT_TOPICS = ["cart_recovery", "lifecycle", "nps", "loyalty", "replenishment"] as const
export type ConsentTopic = (typeof CONSENT_TOPICS)[number]
export type Category = "marketing" | "transactional"
export type SuppressionReason = "hard_bounce" | "spam_complaint" | "unsubscribe" | "manual"
export type ConsentStatus = "granted" | "revoked"

/**
 * How much a marketing email matters to its reader when the frequency caps are full. The caps
 * count, for a message, only the recent sends of the same or a higher priority: an informational
 * email ("you earned points") never holds back a survey or a cart reminder, while it waits
 * behind anything already sent. So at most `maxPerDay` emails of each level go out in a day, and
 * the least useful ones are the first to wait.
 */
export const SEND_PRIORITIES = ["low", "normal", "high"] as const
export type SendPriority = (typeof SEND_PRIORITIES)[number]
const RANK: Record<SendPriority, number> = { low: 0, normal: 1, high: 2 }

/** A recent marketing send; a bare date is a send of unknown priority and counts for everyone. */
export type RecentSend = Date | { at: Date; priority: SendPriority }

export type SendDecision =
  | { action: "send" }
  | { action: "suppress"; reason: string }
  | { action: "defer"; until: Date; reason: string }

export type PolicyInput = {
  category: Category
  topic: Topic
  now: Date
  consentPolicy: "opt_in" | "opt_out"
  // Consent for all marketing ("all") and for the message's topic, if recorded.
  consentAll?: ConsentStatus
  consentTopic?: ConsentStatus
  suppressions: SuppressionReason[]
  // Set when the campaign or topic paused itself (deliverability guard).
  pausedScope?: string | null
  // Answer of an external consent registry (e.g. İYS), when one is configured.
  registry?: { allowed: boolean; reason?: string } | null
  // Marketing emails already sent to this address in the last 7 days (any order).
  recentMarketingSends: RecentSend[]
  // The message's own priority (default "normal"): only sends of this priority or higher count.
  priority?: SendPriority
  // A notice the customer asked for (a renewal reminder): consent and quiet hours, never caps.
  uncapped?: boolean
  maxPerDay: number
  maxPerWeek: number
  quietHours: { enabled: boolean; start: string; end: string }
  timeZone: string
}

const DAY = 24 * 60 * 60 * 1000

export function decideSend(input: PolicyInput): SendDecision {
  if (input.category === "transactional") {
    // Transactional mail needs no marketing consent and is never capped, but an address that
    // hard-bounced cannot receive anything.
    return input.suppressions.includes("hard_bounce")
      ? { action: "suppress", reason: "suppressed:hard_bounce" }
      : { action: "send" }
  }

  if (input.suppressions.length) {
    return { action: "suppress", reason: `suppressed:${[...input.suppressions].sort()[0]}` }
  }
  if (input.consentAll === "revoked") {
    return { action: "suppress", reason: "unsubscribed:all" }
  }
  if (input.consentTopic === "revoked") {
    return { action: "suppress", reason: `unsubscribed:${input.topic}` }
  }
  if (input.consentPolicy === "opt_in" && input.consentTopic !== "granted" && input.consentAll !== "granted") {
    return { action: "suppress", reason: "no_consent" }
  }
  if (input.registry && !input.registry.allowed) {
    return { action: "suppress", reason: `consent_registry:${input.registry.reason ?? "refused"}` }
  }
  if (input.pausedScope) {
    return { action: "suppress", reason: `paused:${input.pausedScope}` }
  }

  const nowMs = input.now.getTime()
  if (input.uncapped) return quietHoursDecision(input) ?? { action: "send" }
  const own = RANK[input.priority ?? "normal"] ?? RANK.normal
  const counted = input.recentMarketingSends.flatMap((s) =>
    s instanceof Date ? [s] : (RANK[s.priority] ?? RANK.high) >= own ? [s.at] : []
  )
  const lastDay = counted.filter((d) => nowMs - d.getTime() < DAY).sort(byTime)
  const lastWeek = counted.filter((d) => nowMs - d.getTime() < 7 * DAY).sort(byTime)
  if (lastWeek.length >= input.maxPerWeek) {
    const freesAt = lastWeek[lastWeek.length - input.maxPerWeek]
    return { action: "defer", until: new Date((freesAt?.getTime() ?? nowMs) + 7 * DAY), reason: "frequency_cap:week" }
  }
  if (lastDay.length >= input.maxPerDay) {
    const freesAt = lastDay[lastDay.length - input.maxPerDay]
    return { action: "defer", until: new Date((freesAt?.getTime() ?? nowMs) + DAY), reason: "frequency_cap:day" }
  }

  return quietHoursDecision(input) ?? { action: "send" }
}

function quietHoursDecision(input: PolicyInput): SendDecision | null {
  if (!input.quietHours.enabled) return null
  const until = quietHoursEnd(input.now, input.timeZone, input.quietHours.start, input.quietHours.end)
  return until ? { action: "defer", until, reason: "quiet_hours" } : null
}

function byTime(a: Date, b: Date) {
  return a.getTime() - b.getTime()
}

const toMinutes = (clock: string) => {
  const [h, m] = clock.split(":").map(Number)
  return h * 60 + m
}

/** Minutes since local midnight in `timeZone`. */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = clockFormatter(timeZone).formatToParts(now)
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0)
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0)
  return hour * 60 + minute
}

/** Offset of `timeZone` from UTC at instant `at`, in minutes (east positive). */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = dateTimeFormatter(timeZone).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"))
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
}

/**
 * When `now` falls in the quiet window [start, end) local time, the moment it ends; else null.
 * The end is a local wall-clock time, so it is converted to UTC with the zone's offset *at the
 * end*, not now: a window spanning a daylight-saving change still ends at 08:00 local.
 */
export function quietHoursEnd(now: Date, timeZone: string, start: string, end: string): Date | null {
  const local = localMinutes(now, timeZone)
  const s = toMinutes(start)
  const e = toMinutes(end)
  if (s === e) return null
  const inside = s < e ? local >= s && local < e : local >= s || local < e
  if (!inside) return null
  const minutesLeft = (e - local + 1440) % 1440
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000
  // First guess assumes the offset does not change; then correct by the offset difference
  // between now and the guessed end (twice, to settle on the right side of the change).
  const offsetNow = zoneOffsetMinutes(now, timeZone)
  let guess = startOfMinute + minutesLeft * 60_000
  for (let i = 0; i < 2; i++) {
    const shift = zoneOffsetMinutes(new Date(guess), timeZone) - offsetNow
    const candidate = startOfMinute + (minutesLeft - shift) * 60_000
    if (candidate === guess) break
    guess = candidate
  }
  return new Date(guess)
}

// Representative time zone per country for quiet hours when the recipient's own is unknown.
// Countries spanning several zones get their most populous one.
const COUNTRY_TIME_ZONES: ReadonlyMap<string, string> = new Map(Object.entries({
  tr: "Europe/Istanbul",
  gb: "Europe/London",
  ie: "Europe/Dublin",
  de: "Europe/Berlin",
  fr: "Europe/Paris",
  nl: "Europe/Amsterdam",
  be: "Europe/Brussels",
  es: "Europe/Madrid",
  pt: "Europe/Lisbon",
  it: "Europe/Rome",
  at: "Europe/Vienna",
  ch: "Europe/Zurich",
  se: "Europe/Stockholm",
  no: "Europe/Oslo",
  dk: "Europe/Copenhagen",
  fi: "Europe/Helsinki",
  pl: "Europe/Warsaw",
  cz: "Europe/Prague",
  gr: "Europe/Athens",
  ro: "Europe/Bucharest",
  us: "America/New_York",
  ca: "America/Toronto",
  mx: "America/Mexico_City",
  br: "America/Sao_Paulo",
  au: "Australia/Sydney",
  nz: "Pacific/Auckland",
  jp: "Asia/Tokyo",
  in: "Asia/Kolkata",
  ae: "Asia/Dubai",
  sa: "Asia/Riyadh",
  za: "Africa/Johannesburg",
}))

export function timeZoneForCountry(countryCode: string | null | undefined, fallback: string): string {
  // A Map, not an object lookup: "constructor" or "__proto__" must not resolve to a prototype member.
  return (countryCode && COUNTRY_TIME_ZONES.get(countryCode.toLowerCase())) || fallback
}

/** True when Intl knows the IANA zone; recipient metadata is user data and may hold anything. */
