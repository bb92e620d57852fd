import type { Locale } from "../../emails/locales"

// Every language the plugin's emails are written in (src/emails/locales.ts), as the admin names
// it: a locale added there without a label here fails the admin's typecheck.
const LABELS: Record<Locale, string> = { en: "English", tr: "Türkçe" }

export const LOCALES = (Object.keys(LABELS) as Locale[]).map((value) => ({ value, label: LABELS[value] }))

export const localeLabel = (code: string) => LABELS[code as Locale] ?? code
