import { useState } from "react"
import { spreadLabels } from "../../lib/daily-chart"
import type { NpsDashboard } from "../../lib/nps"
import { formatNps, npsDomain, trendBucketLabel, trendTickLabel } from "../../lib/nps"
import { ChartEmpty, ChartTooltip, useWidth } from "./chart-parts"

// An SVG line with the charts' shared empty state, tooltip and date spacing.
const HEIGHT = 220
const MARGIN = { top: 12, right: 16, bottom: 28, left: 40 }

/**
 * NPS per day, week or month as a line around a zero line: above it more promoters than
 * detractors, below it more detractors. A bucket without answers breaks the line.
 */
export const NpsTrendChart = ({ trend }: { trend: NpsDashboard["trend"] }) => {
  const [ref, width] = useWidth<HTMLDivElement>(600)
  const [hover, setHover] = useState<number | null>(null)
  const points = trend.points
  const answered = points.filter((p) => p.nps !== null)
  if (!answered.length) return <ChartEmpty height={HEIGHT}>No confirmed answers in this selection.</ChartEmpty>

  const plotW = Math.max(width - MARGIN.left - MARGIN.right, 10)
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const { min, max, step } = npsDomain(answered.map((p) => p.nps as number))
  const x = (i: number) => MARGIN.left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1))
  const y = (v: number) => MARGIN.top + ((max - v) / (max - min)) * plotH
  const ticks: number[] = []
  for (let v = min; v <= max; v += step) ticks.push(v)

  // The line, broken where a bucket has no answer.
  let path = ""
  points.forEach((p, i) => {
    if (p.nps === null) return
    path += `${i > 0 && points[i - 1].nps !== null ? "L" : "M"}${x(i).toFixed(1)},${y(p.nps).toFixed(1)}`
  })
  // About one date label per 90 px.
  const labelled = new Set(spreadLabels(points.length, Math.max(2, Math.floor(plotW / 90))))
  const spanYears = points[0].start.slice(0, 4) !== points[points.length - 1].start.slice(0, 4)

  const pick = (clientX: number, target: SVGRectElement) => {
    const left = target.getBoundingClientRect().left
    const i = points.length === 1 ? 0 : Math.round(((clientX - left) / plotW) * (points.length - 1))
    setHover(Math.min(points.length - 1, Math.max(0, i)))
  }
  const shown = hover === null ? null : points[hover]
  const first = answered[0]
  const last = answered[answered.length - 1]

  return (
    <div ref={ref} className="relative w-full">
      <svg
        width={width}
        height={HEIGHT}
        role="img"
        aria-label={`NPS per ${trend.bucket}: ${formatNps(first.nps)} for ${trendBucketLabel(first.start, trend.bucket)}, ${formatNps(last.nps)} for ${trendBucketLabel(last.start, trend.bucket)}`}
      >
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={MARGIN.left}
              x2={MARGIN.left + plotW}
              y1={y(v)}
              y2={y(v)}
              stroke={v === 0 ? "var(--fg-muted)" : "var(--border-base)"}
              strokeWidth={v === 0 ? 1.5 : 1}
              strokeDasharray={v === 0 ? undefined : "3 3"}
            />
            <text x={MARGIN.left - 8} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} fill="var(--fg-subtle)">
              {formatNps(v)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          labelled.has(i) ? (
            <text
              key={p.start}
              x={x(i)}
              y={HEIGHT - 8}
              // A date at either end stays inside the frame.
              textAnchor={x(i) < MARGIN.left + 30 ? "start" : x(i) > MARGIN.left + plotW - 30 ? "end" : "middle"}
              fontSize={11}
              fill="var(--fg-subtle)"
            >
              {trendTickLabel(p.start, trend.bucket, spanYears)}
            </text>
          ) : null
        )}
        {shown && hover !== null && (
          <line x1={x(hover)} x2={x(hover)} y1={MARGIN.top} y2={MARGIN.top + plotH} stroke="var(--border-strong)" />
        )}
        <path d={path} fill="none" stroke="var(--fg-interactive)" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
        {points.map((p, i) =>
          p.nps === null ? null : (
            <circle
              key={p.start}
              cx={x(i)}
              cy={y(p.nps)}
              r={hover === i ? 4.5 : 3}
              fill={p.nps < 0 ? "var(--tag-red-icon)" : "var(--fg-interactive)"}
              stroke="var(--bg-base)"
              strokeWidth={1}
            />
          )
        )}
        <rect
          x={MARGIN.left}
          y={MARGIN.top}
          width={plotW}
          height={plotH}
          fill="transparent"
          onPointerMove={(e) => pick(e.clientX, e.currentTarget)}
          onPointerDown={(e) => pick(e.clientX, e.currentTarget)}
          onPointerLeave={() => setHover(null)}
        />
      </svg>
      {shown && hover !== null && (
        <ChartTooltip
          title={trendBucketLabel(shown.start, trend.bucket)}
          x={x(hover)}
          width={width}
          lines={[
            { label: "NPS", value: shown.nps === null ? "No answers" : formatNps(shown.nps) },
            { label: "Responses", value: String(shown.responses) },
          ]}
        />
      )}
    </div>
  )
}
