// Pure NPS rules: classification, the score, and the scanner heuristics. Tested on their own.

export type NpsCategory = "promoter" | "passive" | "detractor"

/** promoter 9–10, passive 7–8, detractor 0–6. */
export function classifyScore(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`score must be an integer from 0 to 10, got ${score}`)
  }
  if (score >= 9) return "promoter"
  if (score >= 7) return "passive"
  return "detractor"
}

/** % promoters − % detractors, rounded to one decimal; passives count in the denominator. */
export function computeNps(counts: { promoters: number; passives: number; detractors: number }): number | null {
  const total = counts.promoters + counts.passives + counts.detractors
  if (total === 0) return null
  return Math.round(((counts.promoters - counts.detractors) * 1000) / total) / 10
}

// A person reads the email before clicking: a click this soon after the send is a scanner.
export const MIN_HUMAN_CLICK_SECONDS = 5
// Scanners follow every link at once: this many different scores of one survey within the
// window is a burst. A person who changes their mind clicks two, rarely three, far slower.
export const BURST_DISTINCT_SCORES = 3
export const BURST_WINDOW_SECONDS = 10

export type Click = { score: number; at: string }

export type ScannerVerdict = { scanner: false } | { scanner: true; reason: "too_fast" | "burst" }

/**
 * Decides whether the newest click (last of `clicks`, oldest first) comes from a link scanner:
 * either it came sooner after the send than a person could, or the recent clicks cover several
 * different scores within seconds.
 */
export function detectScanner(input: { sentAt: Date | null; clicks: Click[] }): ScannerVerdict {
  const last = input.clicks[input.clicks.length - 1]
  if (!last) return { scanner: false }
  const lastAt = new Date(last.at).getTime()
  if (input.sentAt && lastAt - input.sentAt.getTime() < MIN_HUMAN_CLICK_SECONDS * 1000) {
    return { scanner: true, reason: "too_fast" }
  }
  const recent = input.clicks.filter((c) => lastAt - new Date(c.at).getTime() <= BURST_WINDOW_SECONDS * 1000)
  if (new Set(recent.map((c) => c.score)).size >= BURST_DISTINCT_SCORES) {
    return { scanner: true, reason: "burst" }
  }
  return { scanner: false }
}

/** Keeps the click log short: only clicks that can still take part in a burst. */
export function trimClicks(clicks: Click[], now: Date): Click[] {
  return clicks.filter((c) => now.getTime() - new Date(c.at).getTime() <= BURST_WINDOW_SECONDS * 1000 * 6).slice(-20)
}

/** Monday 00:00 UTC of the week holding `date` (matches Postgres date_trunc('week')). */
export function weekStart(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const day = (d.getUTCDay() + 6) % 7
  d.setUTCDate(d.getUTCDate() - day)
  return d.toISOString().slice(0, 10)
}

export type TrendBucket = "day" | "week" | "month"

/**
 * How finely the trend is cut for a span: days up to a month, weeks up to two years, months
 * beyond, so a line has between a handful and about a hundred points.
 */
export function trendBucket(from: Date, to: Date): TrendBucket {
  const days = (to.getTime() - from.getTime()) / 86400_000
  if (days <= 31) return "day"
  if (days <= 731) return "week"
  return "month"
}

/** The start (UTC, "YYYY-MM-DD") of the bucket holding `date`, as Postgres date_trunc gives it. */
export function bucketStart(date: Date, bucket: TrendBucket): string {
  if (bucket === "week") return weekStart(date)
  if (bucket === "month") return `${date.toISOString().slice(0, 7)}-01`
  return date.toISOString().slice(0, 10)
}

/** Every bucket start from the one holding `from` to the one holding the last instant before `to`. */
export function bucketStarts(from: Date, to: Date, bucket: TrendBucket): string[] {
  const last = bucketStart(new Date(Math.max(from.getTime(), to.getTime() - 1)), bucket)
  const out: string[] = []
  const d = new Date(`${bucketStart(from, bucket)}T00:00:00Z`)
  for (let key = bucketStart(d, bucket); key <= last; key = bucketStart(d, bucket)) {
    out.push(key)
    if (bucket === "month") d.setUTCMonth(d.getUTCMonth() + 1)
    else d.setUTCDate(d.getUTCDate() + (bucket === "week" ? 7 : 1))
  }
  return out
}

export type ScoredResponse = { score: number; confirmed_at: Date }

export type NpsSummary = {
  nps: number | null
  responses: number
  distribution: number[]
  trend: { bucket: TrendBucket; points: { start: string; nps: number | null; responses: number }[] }
}

/**
 * The unfiltered dashboard computed in JavaScript from loaded rows (the bench's baseline and a
 * test oracle): NPS, distribution and the trend from the first answer to `now`.
 */
export function summarize(rows: ScoredResponse[], now: Date): NpsSummary {
  const blank = () => ({ promoters: 0, passives: 0, detractors: 0 })
  const all = blank()
  const distribution = new Array(11).fill(0)
  const add = (c: ReturnType<typeof blank>, cat: NpsCategory) => {
    if (cat === "promoter") c.promoters++
    else if (cat === "passive") c.passives++
    else c.detractors++
  }
  let first = now.getTime()
  for (const r of rows) {
    add(all, classifyScore(r.score))
    distribution[r.score]++
    first = Math.min(first, r.confirmed_at.getTime())
  }
  const n = (c: ReturnType<typeof blank>) => c.promoters + c.passives + c.detractors
  if (!rows.length) return { nps: null, responses: 0, distribution, trend: { bucket: "day", points: [] } }
  const bucket = trendBucket(new Date(first), now)
  const buckets = new Map(bucketStarts(new Date(first), now, bucket).map((start) => [start, blank()]))
  for (const r of rows) {
    const start = bucketStart(r.confirmed_at, bucket)
    if (!buckets.has(start)) buckets.set(start, blank())
    add(buckets.get(start)!, classifyScore(r.score))
  }
  return {
    nps: computeNps(all),
    responses: n(all),
    distribution,
    trend: {
      bucket,
      points: [...buckets.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([start, c]) => ({ start, nps: computeNps(c), responses: n(c) })),
    },
  }
}
