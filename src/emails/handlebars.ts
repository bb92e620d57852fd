import Handlebars from "handlebars"
import { DEFAULT_LOCALE, intlLocale, isLocale, type Locale } from "./locales"

/** Runtime `data` every render passes, so helpers know the locale and the output format. */
export type RenderFormat = "html" | "text"

type HelperOptions = Handlebars.HelperOptions

const DATE_STYLES = ["short", "medium", "long", "full"] as const
type DateStyle = (typeof DATE_STYLES)[number]

function localeOf(options: HelperOptions): Locale {
  const root: unknown = options.data?.root
  if (root && typeof root === "object" && "locale" in root) {
    const locale = root.locale
    if (typeof locale === "string" && isLocale(locale)) {
      return locale
    }
  }
  return DEFAULT_LOCALE
}

function formatOf(options: HelperOptions): RenderFormat {
  return options.data?.format === "text" ? "text" : "html"
}

function toNumber(helper: string, value: unknown): number {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : NaN
  if (!Number.isFinite(number)) {
    throw new Error(
      `${helper}: expected a number, got ${JSON.stringify(value)}`
    )
  }
  return number
}

// Intl formatters are slow to build and renders run per recipient: keep one per locale and
// options. Keys are plain strings because building them is on the hot path too.
const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function numberFormat(
  key: string,
  locale: Locale,
  options: Intl.NumberFormatOptions
) {
  let formatter = numberFormats.get(key)
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocale(locale), options)
    numberFormats.set(key, formatter)
  }
  return formatter
}

function dateFormat(locale: Locale, style: DateStyle) {
  const key = `${locale}|${style}`
  let formatter = dateFormats.get(key)
  if (!formatter) {
    // Dates in emails are calendar days (renewal, expiry); UTC keeps them stable across servers.
    formatter = new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: style,
      timeZone: "UTC",
    })
    dateFormats.set(key, formatter)
  }
  return formatter
}

function isDateStyle(value: unknown): value is DateStyle {
  return (
    typeof value === "string" &&
    (DATE_STYLES as readonly string[]).includes(value)
  )
}

// Medusa v2 amounts are in major units (10.5 means 10.50), which is what Intl expects.
function money(
  amount: unknown,
  currency: unknown,
  options: HelperOptions
): string {
  if (typeof currency !== "string" || !/^[a-zA-Z]{3}$/.test(currency)) {
    throw new Error(
      `money: expected an ISO currency code, got ${JSON.stringify(currency)}`
    )
  }
  const locale = localeOf(options)
  const code = currency.toUpperCase()
  return numberFormat(`${locale}|${code}`, locale, {
    style: "currency",
    currency: code,
  }).format(toNumber("money", amount))
}

function number(value: unknown, options: HelperOptions): string {
  const locale = localeOf(options)
  return numberFormat(locale, locale, {}).format(toNumber("number", value))
}

// Turkish writes "%10", English "10%": let Intl place the sign.
function percent(value: unknown, options: HelperOptions): string {
  const locale = localeOf(options)
  return numberFormat(`${locale}|%`, locale, {
    style: "percent",
    maximumFractionDigits: 2,
  }).format(toNumber("percent", value) / 100)
}

function date(value: unknown, ...rest: unknown[]): string {
  const options = rest[rest.length - 1] as HelperOptions
  const style = isDateStyle(rest[0]) ? rest[0] : "medium"
  const parsed =
    value instanceof Date
      ? value
      : typeof value === "string" || typeof value === "number"
        ? new Date(value)
        : undefined
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new Error(`date: expected a date, got ${JSON.stringify(value)}`)
  }
  return dateFormat(localeOf(options), style).format(parsed)
}

// A footer line has no room for a multi-line postal address.
function address(value: unknown): string {
  return String(value ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(", ")
}

// Customer comments keep their line breaks; escaping stays on in HTML.
function multiline(
  value: unknown,
  options: HelperOptions
): string | Handlebars.SafeString {
  const text = String(value ?? "")
  if (formatOf(options) === "text") {
    return text
  }
  return new Handlebars.SafeString(
    text
      .split(/\r?\n/)
      .map((line) => Handlebars.Utils.escapeExpression(line))
      .join("<br />")
  )
}

function eq(left: unknown, right: unknown): boolean {
  return left === right
}

function gt(left: unknown, right: unknown): boolean {
  return typeof left === "number" && typeof right === "number" && left > right
}

export const HELPER_NAMES = [
  "money",
  "number",
  "percent",
  "date",
  "address",
  "multiline",
  "eq",
  "gt",
] as const

/** Isolated environment: helpers registered here never leak into other Handlebars users. */
export function createEmailHandlebars(): typeof Handlebars {
  const env = Handlebars.create()
  env.registerHelper({
    money,
    number,
    percent,
    date,
    address,
    multiline,
    eq,
    gt,
  })
  return env
}
