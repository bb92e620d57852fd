// Pure helpers of the daily bar chart (components/charts/daily-bars.tsx).

export type DailySeries = { key: string; label: string; color: string }
export type DailyPoint = { day: string } & Record<string, number | string>

const DAY_MS = 86_400_000

/** The last `days` UTC days ending today, oldest first, with zeros where `points` has no row. */
export function fillDays(points: DailyPoint[], keys: string[], days = 30, today = new Date()): DailyPoint[] {
  const byDay = new Map(points.map((p) => [p.day.slice(0, 10), p]))
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10)
    const found = byDay.get(day)
    return { day, ...Object.fromEntries(keys.map((k) => [k, Number(found?.[k] ?? 0)])) }
  })
}

/** A round axis maximum at or above `max`: 1, 2, 5, 10, 20, 50… (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  return ([1, 2, 5, 10].find((m) => m * power >= max) ?? 10) * power
}

export const shortDay = (day: string) =>
  new Date(`${day.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })
