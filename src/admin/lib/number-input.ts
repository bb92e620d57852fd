// Number fields in the admin forms are text inputs: the text is kept as typed while editing
// (clearing a field must not snap it to 0, "-" must not vanish) and parsed on save, where a bad
// value becomes a message at the field instead of a silently changed number.

/**
 * "12", "0.05", "0,05" (a decimal comma, as Turkish and most European keyboards type it) → the
 * number; "" → null; anything else (letters, "1.000,5", two signs) → NaN.
 */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim()
  if (!trimmed) return null
  const normalised = /^[+-]?\d*,\d+$/.test(trimmed) ? trimmed.replace(",", ".") : trimmed
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : NaN
}

export type NumberRule = { min?: number; max?: number; integer?: boolean }
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

/** The field's text checked against its rule, with the message shown under the field. */
export function parseNumberField(text: string, rule: NumberRule = {}): Parsed<number> {
  const value = parseDecimal(text)
  if (value === null) return { ok: false, error: "is required" }
  if (Number.isNaN(value)) return { ok: false, error: "must be a number" }
  if (value < 0 && (rule.min ?? -Infinity) >= 0) return { ok: false, error: "must not be negative" }
  if (rule.integer && !Number.isInteger(value)) return { ok: false, error: "must be a whole number" }
  if (rule.min !== undefined && value < rule.min) return { ok: false, error: `must be at least ${rule.min}` }
  if (rule.max !== undefined && value > rule.max) return { ok: false, error: `must be at most ${rule.max}` }
  return { ok: true, value }
}

/**
 * "usd=1, eur=1, try=0,05" → { usd: 1, eur: 1, try: 0.05 } (with `separator` "=", or ":" for
 * "eur:20"). Pairs are split only where a comma is followed by the next code, so a decimal
 * comma stays inside its number. Codes are lower-cased; the server checks they are currencies.
 */
export function parseCodeMap(text: string, separator: "=" | ":"): Parsed<Record<string, number>> {
  const pairs = text
    .split(new RegExp(`[,;\\n]\\s*(?=[A-Za-z]+\\s*${separator})`))
    .map((p) => p.trim())
    .filter(Boolean)
  const value: Record<string, number> = {}
  for (const pair of pairs) {
    const at = pair.indexOf(separator)
    if (at < 0) return { ok: false, error: `"${pair}" should look like eur${separator}1` }
    const code = pair.slice(0, at).trim().toLowerCase()
    const number = parseNumberField(pair.slice(at + 1), { min: 0 })
    if (!number.ok) return { ok: false, error: `${code || "the code"} ${number.error}` }
    value[code] = number.value
  }
  return { ok: true, value }
}

/** { eur: 20, usd: 25 } → "eur:20, usd:25" (or with "=") */
export const formatCodeMap = (map: Record<string, number> | null | undefined, separator: "=" | ":") =>
  Object.entries(map ?? {})
    .map(([code, v]) => `${code}${separator}${v}`)
    .join(", ")

/**
 * A 400 from the plugin's routes names every field: "steps.0.template: must be …; name: …".
 * Split into one entry per field path; a part without a path keeps path "".
 */
export function splitFieldErrors(message: string): { path: string; message: string }[] {
  return message
    .split(/;\s+(?=[\w.]+: )/)
    .map((part) => {
      const match = part.match(/^([\w.]+): ([\s\S]*)$/)
      return match ? { path: match[1], message: match[2] } : { path: "", message: part }
    })
}
