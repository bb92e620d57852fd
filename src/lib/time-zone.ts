import { z } from "@medusajs/framework/zod"

// Time-zone helpers shared by the settings schema and the send policy. Building an
// Intl.DateTimeFormat costs far more than using one, and the send policy asks for the same few
// zones for every message of a batch, so valid zones and their formatters are kept per zone.

const MAX_ZONES = 1000
const validity = new Map<string, boolean>()
const formatters = new Map<string, Intl.DateTimeFormat>()

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  // Zone names come from data (addresses, settings): bound the cache instead of trusting them.
  if (map.size >= MAX_ZONES) map.clear()
  map.set(key, value)
  return value
}

/** True for a zone name the runtime knows (IANA names such as Europe/Istanbul, or UTC). */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || !zone || zone.length > 64) return false
  const known = validity.get(zone)
  if (known !== undefined) return known
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone })
    return remember(validity, zone, true)
  } catch {
    return remember(validity, zone, false)
  }
}

/** Hour and minute on a 24-hour clock in `timeZone` (kept per zone). */
export function clockFormatter(timeZone: string): Intl.DateTimeFormat {
  const key = `clock:${timeZone}`
  return (
    formatters.get(key) ??
    remember(formatters, key, new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }))
  )
}

/** Full local date and time in `timeZone`, for computing its UTC offset (kept per zone). */
export function dateTimeFormatter(timeZone: string): Intl.DateTimeFormat {
  const key = `datetime:${timeZone}`
  return (
    formatters.get(key) ??
    remember(
      formatters,
      key,
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
      })
    )
  )
}

/** A local wall-clock time such as "21:00", as quiet hours are written. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time like 21:00")

/**
 * A quiet-hours window in the recipient's local time: the shape of a campaign's own quiet hours,
 * which travel with each of its messages to the send policy.
 */
export const quietHoursSchema = z.object({ enabled: z.boolean(), start: clockTime, end: clockTime }).strict()
export type QuietHours = z.output<typeof quietHoursSchema>
