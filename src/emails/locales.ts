export const SUPPORTED_LOCALES = ["en", "tr"] as const

export type Locale = (typeof SUPPORTED_LOCALES)[number]

export const DEFAULT_LOCALE: Locale = "en"

// Intl needs a region to pick the conventional currency and date formats.
const INTL_LOCALES: Record<Locale, string> = { en: "en-US", tr: "tr-TR" }

export function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

export function intlLocale(locale: Locale): string {
  return INTL_LOCALES[locale]
}

/**
 * First supported locale among the candidates (customer, cart, store default...).
 * Accepts region tags ("tr-TR", "en_GB") and Accept-Language lists ("tr-TR,tr;q=0.9").
 */
export function resolveLocale(
  candidates: readonly (string | null | undefined)[],
  fallback: Locale = DEFAULT_LOCALE
): Locale {
  for (const candidate of candidates) {
    if (!candidate) {
      continue
    }
    // Fast path: most sends already carry a plain supported code.
    if (isLocale(candidate)) {
      return candidate
    }
    for (const entry of candidate.split(",")) {
      const tag = entry.split(";")[0].trim().toLowerCase().replace(/_/g, "-")
      if (isLocale(tag)) {
        return tag
      }
      const language = tag.split("-")[0]
      if (isLocale(language)) {
        return language
      }
    }
  }
  return fallback
}
