import { DailyPoint, DailySeries, shortDay } from "../../lib/daily-chart"
import { BarChart } from "./bar-chart"

export { fillDays, type DailyPoint, type DailySeries } from "../../lib/daily-chart"

/**
 * Counts per day for a few series side by side (BarChart, grouped), the days as Medusa's admin
 * writes them ("Dec 4"). Fill the days first (fillDays) so a quiet day is a gap, not a missing day.
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
}) => (
  <BarChart
    label={label}
    empty={empty}
    series={series}
    points={points.map((p) => ({
      key: String(p.day),
      axisLabel: shortDay(String(p.day)),
      title: shortDay(String(p.day)),
      values: Object.fromEntries(series.map((s) => [s.key, Number(p[s.key]) || 0])),
    }))}
  />
)
