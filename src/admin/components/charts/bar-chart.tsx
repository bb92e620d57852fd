import { Text } from "@medusajs/ui"
import { useState } from "react"
import { spreadLabels, valueTicks } from "../../lib/daily-chart"
import { CHART_HEIGHT, ChartEmpty, ChartLegend, ChartTooltip, type LegendItem, SlotLabels, type TooltipLine, useWidth } from "./chart-parts"

export type BarSeries = { key: string; label: string; color: string }

export type BarPoint = {
  /** Unique per point (a day, a score). */
  key: string
  /** Under the bar on the axis (only some are shown when bars are many). */
  axisLabel: string
  /** The tooltip's heading. */
  title: string
  values: Record<string, number>
  /** Stacked charts: the whole bar, of which the stacked series are parts (e.g. store revenue). */
  total?: number
  /** One series only: this bar's own colour (e.g. NPS scores by category). */
  color?: string
  /** The tooltip's lines; by default one per series. */
  details?: TooltipLine[]
}

const AXIS_WIDTH = 52
// The whole bar behind the stacked parts: the part of the total that no series covers.
export const REST_COLOR = "var(--border-strong, #d4d4d8)"

/**
 * Bars with a value axis (0, half, top) and its grid, a solid zero line, labels under the bars
 * and the point's figures in a tooltip on hover. "grouped": the series side by side; "stacked":
 * the series on top of each other inside the point's total. A zero is drawn as nothing; with
 * nothing at all, `empty` shows instead of an empty frame.
 */
export const BarChart = ({
  points,
  series,
  mode = "grouped",
  label,
  empty,
  formatValue = (n) => n.toLocaleString(),
  formatTick,
  integer = true,
  totalLabel,
  labelSlots = 6,
  height = CHART_HEIGHT,
  legend = true,
}: {
  points: BarPoint[]
  series: BarSeries[]
  mode?: "grouped" | "stacked"
  /** The accessible name: what the chart shows, for screen readers. */
  label: string
  empty: string
  formatValue?: (n: number) => string
  /** The value axis's labels (default: formatValue). */
  formatTick?: (n: number) => string
  /** Counts: no half tick that is not a whole number. */
  integer?: boolean
  /** Stacked: the legend's name of the total's uncovered part. */
  totalLabel?: string
  labelSlots?: number
  height?: number
  legend?: boolean
}) => {
  const [plotRef, plotWidth] = useWidth<HTMLDivElement>(600)
  const [hover, setHover] = useState<number | null>(null)
  const value = (p: BarPoint, key: string) => Math.max(0, Number(p.values[key]) || 0)
  const stackOf = (p: BarPoint) => series.reduce((s, x) => s + value(p, x.key), 0)
  const max = Math.max(
    0,
    ...points.map((p) => (mode === "stacked" ? Math.max(p.total ?? 0, stackOf(p)) : Math.max(0, ...series.map((s) => value(p, s.key)))))
  )
  if (!points.length || max === 0) return <ChartEmpty height={height}>{empty}</ChartEmpty>

  const ticks = valueTicks(max, integer)
  const top = ticks[0]
  const pct = (v: number) => `${(v / top) * 100}%`
  const tick = formatTick ?? formatValue
  const legendItems: LegendItem[] = [...series.map((s) => ({ label: s.label, color: s.color }))]
  if (mode === "stacked" && totalLabel) legendItems.push({ label: totalLabel, color: REST_COLOR })
  const shown = hover === null ? null : points[hover]
  const slot = plotWidth / points.length

  return (
    <div className="flex flex-col gap-2" role="img" aria-label={label}>
      {legend && (series.length > 1 || totalLabel) && <ChartLegend items={legendItems} />}
      <div className="flex">
        <div className="relative shrink-0" style={{ width: AXIS_WIDTH, height }}>
          {ticks.map((t) => (
            <Text
              key={t}
              size="xsmall"
              className="absolute right-2 whitespace-nowrap leading-none text-ui-fg-muted"
              style={{ bottom: pct(t), transform: "translateY(50%)" }}
            >
              {tick(t)}
            </Text>
          ))}
        </div>
        <div ref={plotRef} className="relative flex-1" style={{ height }} onMouseLeave={() => setHover(null)}>
          {ticks
            .filter((t) => t > 0)
            .map((t) => (
              <div key={t} className="pointer-events-none absolute inset-x-0 border-t border-dashed border-ui-border-base" style={{ bottom: pct(t) }} />
            ))}
          {/* The zero line. */}
          <div className="pointer-events-none absolute inset-x-0 bottom-0 border-t border-ui-border-strong" />
          <div className="absolute inset-0 flex items-end">
            {points.map((p, i) => (
              <div
                key={p.key}
                className={`flex h-full flex-1 items-end justify-center gap-px px-px ${hover === i ? "bg-ui-bg-subtle-hover" : ""}`}
                onMouseEnter={() => setHover(i)}
              >
                {mode === "stacked" ? (
                  <Stack point={p} series={series} value={value} pct={pct} total={Math.max(p.total ?? 0, stackOf(p))} />
                ) : (
                  series.map((s) => {
                    const v = value(p, s.key)
                    return (
                      <div
                        key={s.key}
                        className={`flex-1 rounded-t-sm ${v > 0 ? "min-h-[2px]" : ""}`}
                        style={{ height: v > 0 ? pct(v) : 0, background: p.color ?? s.color, maxWidth: series.length > 1 ? 10 : 28 }}
                      />
                    )
                  })
                )}
              </div>
            ))}
          </div>
          {shown && hover !== null && (
            <ChartTooltip
              title={shown.title}
              x={(hover + 0.5) * slot}
              width={plotWidth}
              lines={shown.details ?? series.map((s) => ({ label: s.label, value: formatValue(value(shown, s.key)), color: shown.color ?? s.color }))}
            />
          )}
        </div>
      </div>
      <SlotLabels
        count={points.length}
        inset={AXIS_WIDTH}
        labels={spreadLabels(points.length, labelSlots).map((index) => ({ index, text: points[index].axisLabel }))}
      />
    </div>
  )
}

/** One stacked bar: the total, and the series from the bottom inside it. */
const Stack = ({
  point,
  series,
  value,
  pct,
  total,
}: {
  point: BarPoint
  series: BarSeries[]
  value: (p: BarPoint, key: string) => number
  pct: (v: number) => string
  total: number
}) =>
  total > 0 ? (
    <div className="flex min-h-[2px] w-full flex-col-reverse overflow-hidden rounded-t-sm" style={{ height: pct(total), maxWidth: 28, background: REST_COLOR }}>
      {series.map((s) => {
        const v = value(point, s.key)
        return v > 0 ? <div key={s.key} className="w-full shrink-0" style={{ height: `${(v / total) * 100}%`, background: s.color }} /> : null
      })}
    </div>
  ) : (
    <div className="w-full" style={{ maxWidth: 28 }} />
  )
