import { Text } from "@medusajs/ui"
import { useState } from "react"
import { DailyPoint, DailySeries, niceMax, shortDay } from "../../lib/daily-chart"

export { fillDays, type DailyPoint, type DailySeries } from "../../lib/daily-chart"

/**
 * Bars per day for a few series side by side, with a value axis (0, half, top), a zero line, the
 * dates under the first, middle and last day, and the day's figures on hover. A zero is drawn as
 * nothing; a period with nothing at all shows `empty` instead of an empty frame.
 */
export const DailyBars = ({
  points,
  series,
  empty,
  label,
}: {
  points: DailyPoint[]
  series: DailySeries[]
  empty: string
  label: string
}) => {
  const [hover, setHover] = useState<number | null>(null)
  const max = Math.max(0, ...points.flatMap((p) => series.map((s) => Number(p[s.key]) || 0)))
  if (!points.length || max === 0) {
    return (
      <Text size="small" className="text-ui-fg-subtle">
        {empty}
      </Text>
    )
  }
  const top = niceMax(max)
  // Counts: a middle line only where it is a whole number (no "2.5 emails").
  const ticks = Number.isInteger(top / 2) ? [top, top / 2, 0] : [top, 0]
  const labelled = new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])
  const describe = (p: DailyPoint) => `${shortDay(String(p.day))}: ${series.map((s) => `${p[s.key]} ${s.label.toLowerCase()}`).join(", ")}`
  return (
    <div className="flex flex-col gap-2" role="img" aria-label={label}>
      <div className="flex items-center gap-4">
        {series.map((s) => (
          <span key={s.key} className="flex items-center gap-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
            <Text size="xsmall" className="text-ui-fg-subtle">
              {s.label}
            </Text>
          </span>
        ))}
        <Text size="xsmall" className="ml-auto text-ui-fg-subtle" aria-live="polite">
          {hover !== null ? describe(points[hover]) : "\u00a0"}
        </Text>
      </div>
      <div className="flex gap-2">
        <div className="flex h-36 w-8 shrink-0 flex-col justify-between text-right">
          {ticks.map((t) => (
            <Text key={t} size="xsmall" className="leading-none text-ui-fg-muted">
              {Number.isInteger(t) ? t : t.toFixed(1)}
            </Text>
          ))}
        </div>
        <div className="relative h-36 flex-1 border-b border-ui-border-strong">
          <div className="pointer-events-none absolute inset-x-0 top-0 border-t border-dashed border-ui-border-base" />
          {ticks.length === 3 && <div className="pointer-events-none absolute inset-x-0 top-1/2 border-t border-dashed border-ui-border-base" />}
          <div className="absolute inset-0 flex items-end gap-px">
            {points.map((p, i) => (
              <div
                key={String(p.day)}
                className={`flex h-full flex-1 items-end justify-center gap-px rounded-sm ${hover === i ? "bg-ui-bg-subtle-hover" : ""}`}
                title={describe(p)}
                onMouseEnter={() => setHover(i)}
                onMouseLeave={() => setHover(null)}
              >
                {series.map((s) => {
                  const v = Number(p[s.key]) || 0
                  return v > 0 ? (
                    <div key={s.key} className="min-h-[2px] flex-1 rounded-t-sm" style={{ height: `${(v / top) * 100}%`, background: s.color, maxWidth: 10 }} />
                  ) : (
                    <div key={s.key} className="flex-1" style={{ maxWidth: 10 }} />
                  )
                })}
              </div>
            ))}
          </div>
        </div>
      </div>
      <div className="flex justify-between pl-10">
        {[...labelled].map((i) => (
          <Text key={i} size="xsmall" className="text-ui-fg-muted">
            {shortDay(String(points[i].day))}
          </Text>
        ))}
      </div>
    </div>
  )
}
