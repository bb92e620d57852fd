/**
 * An object of short codes (Brand → countryLocales) as one line of text, "tr=tr, cy=tr", for a
 * plain input. Parsing keeps whatever was typed: the server validates each entry and its 400
 * names the one that is wrong (countryLocales.TR: …).
 */
export function formatCodeMap(value: unknown): string {
  if (!value || typeof value !== "object") return ""
  return Object.entries(value)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(", ")
}

export function parseCodeMap(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [key, ...rest] = entry.split("=")
        return [key.trim(), rest.join("=").trim()]
      })
  )
}
