// RFM scores → named segments. Pure, shared by the computation and the admin page.
//
// r, f and m are quintile scores from 1 (worst fifth) to 5 (best fifth) within one currency;
// fm is their frequency–monetary average. The first rule that matches names the segment, so
// every scored customer lands in exactly one.

export const SEGMENTS = [
  "new",
  "champions",
  "loyal",
  "promising",
  "cant_lose",
  "at_risk",
  "hibernating",
  "lost",
] as const
export type Segment = (typeof SEGMENTS)[number]

export type SegmentRule = {
  segment: Segment
  label: string
  /** The rule as a merchant reads it (README and admin). */
  rule: string
  matches: (s: { r: number; f: number; m: number; orders: number }) => boolean
}

const fm = (s: { f: number; m: number }) => (s.f + s.m) / 2

export const SEGMENT_RULES: SegmentRule[] = [
  { segment: "new", label: "New", rule: "one order, and a recent one (R ≥ 4)", matches: (s) => s.orders === 1 && s.r >= 4 },
  { segment: "champions", label: "Champions", rule: "R ≥ 4 and (F + M) / 2 ≥ 4", matches: (s) => s.r >= 4 && fm(s) >= 4 },
  { segment: "loyal", label: "Loyal", rule: "R ≥ 3 and (F + M) / 2 ≥ 3", matches: (s) => s.r >= 3 && fm(s) >= 3 },
  { segment: "promising", label: "Promising", rule: "R ≥ 3, buying little so far", matches: (s) => s.r >= 3 },
  { segment: "cant_lose", label: "Can't lose", rule: "R = 1 and (F + M) / 2 ≥ 4: were among the best, gone quiet", matches: (s) => s.r === 1 && fm(s) >= 4 },
  { segment: "at_risk", label: "At risk", rule: "R ≤ 2 and (F + M) / 2 ≥ 3", matches: (s) => s.r <= 2 && fm(s) >= 3 },
  { segment: "hibernating", label: "Hibernating", rule: "R = 2 and (F + M) / 2 < 3", matches: (s) => s.r === 2 },
  { segment: "lost", label: "Lost", rule: "R = 1 and (F + M) / 2 < 3", matches: () => true },
]

export function segmentFor(s: { r: number; f: number; m: number; orders: number }): Segment {
  return (SEGMENT_RULES.find((rule) => rule.matches(s)) ?? SEGMENT_RULES[SEGMENT_RULES.length - 1]).segment
}

export function segmentLabel(segment: string): string {
  return SEGMENT_RULES.find((r) => r.segment === segment)?.label ?? segment
}

/**
 * Quintile score of a value's position: `rank` is its 1-based rank among `count` values sorted
 * worst first, ties sharing the lowest rank. Ten distinct values score 1,1,2,2,3,3,4,4,5,5;
 * values tied at the bottom all score 1 (most customers with one order are F = 1, not spread
 * over 1–4 as ntile would). The SQL computes the same expression.
 */
export function quintile(rank: number, count: number): number {
  return Math.min(5, 1 + Math.floor((5 * (rank - 1)) / count))
}
