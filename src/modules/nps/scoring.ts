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

export type ScoredResponse = { score: number; confirmed_at: Date }

export type NpsSummary = {
  nps_30: number | null
  nps_90: number | null
  nps_all: number | null
  responses_30: number
  responses_90: number
  responses_all: number
  distribution: number[]
  weekly: { week: string; nps: number | null; responses: number }[]
}

/** The dashboard computed in JavaScript from loaded rows (the bench's baseline and a test oracle). */
export function summarize(rows: ScoredResponse[], now: Date): NpsSummary {
  const cut30 = now.getTime() - 30 * 86400_000
  const cut90 = now.getTime() - 90 * 86400_000
  const blank = () => ({ promoters: 0, passives: 0, detractors: 0 })
  const c30 = blank(), c90 = blank(), all = blank()
  const distribution = new Array(11).fill(0)
  const weeks = new Map<string, ReturnType<typeof blank>>()
  const add = (c: ReturnType<typeof blank>, cat: NpsCategory) => {
    if (cat === "promoter") c.promoters++
    else if (cat === "passive") c.passives++
    else c.detractors++
  }
  for (const r of rows) {
    const cat = classifyScore(r.score)
    const t = r.confirmed_at.getTime()
    add(all, cat)
    distribution[r.score]++
    if (t >= cut90) {
      add(c90, cat)
      if (t >= cut30) add(c30, cat)
      const w = weekStart(r.confirmed_at)
      if (!weeks.has(w)) weeks.set(w, blank())
      add(weeks.get(w)!, cat)
    }
  }
  const n = (c: ReturnType<typeof blank>) => c.promoters + c.passives + c.detractors
  return {
    nps_30: computeNps(c30),
    nps_90: computeNps(c90),
    nps_all: computeNps(all),
    responses_30: n(c30),
    responses_90: n(c90),
    responses_all: n(all),
    distribution,
    weekly: [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, c]) => ({ week, nps: computeNps(c), responses: n(c) })),
  }
}
