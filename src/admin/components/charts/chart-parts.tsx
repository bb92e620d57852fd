import { Text } from "@medusajs/ui"
import { ReactNode, useEffect, useRef, useState } from "react"

// The parts every chart of the plugin's admin shares: the empty state, the legend, the tooltip
// card and the date labels. Charts draw with plain elements and SVG (no chart library: a
// dependency of that weight for a few bar and line charts is not worth it), coloured with the
// admin's CSS variables so dark mode follows.

export const CHART_HEIGHT = 160

/** What a chart shows instead of an empty frame when there is nothing to draw. */
export const ChartEmpty = ({ children, height = CHART_HEIGHT }: { children: ReactNode; height?: number }) => (
  <div className="flex items-center justify-center rounded-md border border-dashed px-4 text-center" style={{ height }}>
    <Text size="small" className="text-ui-fg-subtle">
      {children}
    </Text>
  </div>
)

export type LegendItem = { label: string; color: string }

export const ChartLegend = ({ items }: { items: LegendItem[] }) => (
  <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
    {items.map((item) => (
      <span key={item.label} className="flex items-center gap-1.5">
        <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: item.color }} />
        <Text size="xsmall" className="text-ui-fg-subtle">
          {item.label}
        </Text>
      </span>
    ))}
  </div>
)

export type TooltipLine = { label: string; value: string; color?: string }

/**
 * The figures of the point under the pointer, in a card above the plot. `x` is the point's
 * centre in pixels from the plot's left edge; the card stays inside `width`.
 */
export const ChartTooltip = ({ title, lines, x, width }: { title: string; lines: TooltipLine[]; x: number; width: number }) => {
  const cardWidth = 190
  return (
    <div
      className="pointer-events-none absolute top-0 z-10 rounded-md border bg-ui-bg-base px-3 py-2 shadow-elevation-tooltip"
      style={{ left: Math.min(Math.max(x - cardWidth / 2, 0), Math.max(width - cardWidth, 0)), width: cardWidth }}
    >
      <Text size="xsmall" weight="plus">
        {title}
      </Text>
      {lines.map((line) => (
        <div key={line.label} className="flex items-center justify-between gap-2">
          <span className="flex items-center gap-1.5">
            {line.color && <span className="inline-block h-2 w-2 rounded-sm" style={{ background: line.color }} />}
            <Text size="xsmall" className="text-ui-fg-subtle">
              {line.label}
            </Text>
          </span>
          <Text size="xsmall">{line.value}</Text>
        </div>
      ))}
    </div>
  )
}

/** The width of an element, followed as it resizes (charts draw in real pixels, text unstretched). */
export function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null)
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(el.clientWidth || fallback)
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width || fallback))
    observer.observe(el)
    return () => observer.disconnect()
  }, [fallback])
  return [ref, width] as const
}

/**
 * Labels under a row of `count` equal slots (bars): each at its slot's centre, the first and the
 * last kept inside the frame.
 */
export const SlotLabels = ({ count, labels, inset }: { count: number; labels: { index: number; text: string }[]; inset: number }) => (
  <div className="relative h-4" style={{ marginLeft: inset }}>
    {labels.map(({ index, text }) => {
      const centre = ((index + 0.5) / count) * 100
      const edge = index === 0 && count > 1 ? "start" : index === count - 1 && count > 1 ? "end" : "middle"
      return (
        <span
          key={index}
          className="txt-compact-xsmall absolute top-0 whitespace-nowrap text-ui-fg-muted"
          style={
            edge === "start"
              ? { left: `${(index / count) * 100}%` }
              : edge === "end"
                ? { right: 0 }
                : { left: `${centre}%`, transform: "translateX(-50%)" }
          }
        >
          {text}
        </span>
      )
    })}
  </div>
)
