import type { MedusaResponse } from "@medusajs/framework/http"

// At most this many rows in one export; larger exports are narrowed by the search.
export const CSV_MAX_ROWS = 50_000

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet shows it as text. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ""
  let text = value instanceof Date ? value.toISOString() : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(","))].join("\r\n") + "\r\n"
}

export function sendCsv(res: MedusaResponse, filename: string, columns: string[], rows: Record<string, unknown>[]) {
  res
    .status(200)
    .set("content-type", "text/csv; charset=utf-8")
    .set("content-disposition", `attachment; filename="${filename}"`)
    .set("cache-control", "no-store")
    .send(toCsv(columns, rows))
}
