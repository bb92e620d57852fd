import Handlebars from "handlebars"
import { DEFAULT_LOCALE, intlLocale, isLocale, type Locale } from "./locales"

/** Runtime `data` every render passes, so helpers know the locale and the output format. */
export type RenderFormat = "html" | "text"

type HelperOptions = Handlebars.HelperOptions

const DATE_STYLES = ["short", "medium", "long", "full"] as const
export type DateStyle = (typeof DATE_STYLES)[number]

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

/**
 * Formatted values of one email, shared by its subject, HTML and text renders: the text part
 * shows the same amounts and dates as the HTML, and Intl formatting is the costly part of a
 * helper call. A new one per send (never shared between recipients), holding per formatter
 * the exact values it formatted, so a hit returns what Intl would have returned.
 */
export type FormatMemo = Map<object, Map<number | string, string>>

export function createFormatMemo(): FormatMemo {
  return new Map()
}

function memoOf(options: HelperOptions): FormatMemo | undefined {
  const memo: unknown = options.data?.memo
  return memo instanceof Map ? memo : undefined
}

function memoFor(
  memo: FormatMemo,
  formatter: object
): Map<number | string, string> {
  let values = memo.get(formatter)
  if (!values) {
    values = new Map()
    memo.set(formatter, values)
  }
  return values
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

export type Formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat> = {
  /** Kind, locale and options ("number|tr|EUR", "date|en|long"): one formatter per key. */
  key: string
  intl: F
  /**
   * `intl.format`, read once: the spec makes it a bound function, and its getter costs a
   * third of a call. Dates are passed as time values, which is what Intl turns a Date into.
   */
  format: (value: number) => string
}

// Intl formatters are slow to build (tens of microseconds) and renders run per recipient:
// build each (locale, options) once per process. Only validated inputs get here, so these
// hold a few entries per locale and currency actually used.
const numberFormatters = new Map<string, Formatter<Intl.NumberFormat>>()
const dateFormatters = new Map<string, Formatter<Intl.DateTimeFormat>>()

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(
  formatters: Map<string, Formatter<F>>,
  key: string,
  build: () => F
): Formatter<F> {
  let entry = formatters.get(key)
  if (!entry) {
    const intl = build()
    entry = { key, intl, format: intl.format }
    formatters.set(key, entry)
  }
  return entry
}

// Keyed by the currency exactly as the data spells it ("eur", "EUR"), so a send only does a
// map lookup: the code is validated and upper-cased once, when it is first seen.
const currencyFormatters: Record<
  Locale,
  Map<string, Formatter<Intl.NumberFormat>>
> = {
  en: new Map(),
  tr: new Map(),
}

export function currencyFormatter(
  locale: Locale,
  currency: unknown
): Formatter<Intl.NumberFormat> {
  if (typeof currency === "string") {
    const known = currencyFormatters[locale].get(currency)
    if (known) {
      return known
    }
  }
  if (typeof currency !== "string" || !/^[a-zA-Z]{3}$/.test(currency)) {
    throw new Error(
      `money: expected an ISO currency code, got ${JSON.stringify(currency)}`
    )
  }
  const code = currency.toUpperCase()
  const entry = cached(
    numberFormatters,
    `number|${locale}|${code}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: "currency",
        currency: code,
      })
  )
  currencyFormatters[locale].set(currency, entry)
  return entry
}

export function numberFormatter(locale: Locale): Formatter<Intl.NumberFormat> {
  return cached(
    numberFormatters,
    `number|${locale}`,
    () => new Intl.NumberFormat(intlLocale(locale))
  )
}

export function percentFormatter(locale: Locale): Formatter<Intl.NumberFormat> {
  return cached(
    numberFormatters,
    `number|${locale}|%`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: "percent",
        maximumFractionDigits: 2,
      })
  )
}

export function dateFormatter(
  locale: Locale,
  style: DateStyle
): Formatter<Intl.DateTimeFormat> {
  return cached(
    dateFormatters,
    `date|${locale}|${style}`,
    () =>
      // Dates in emails are calendar days (renewal, expiry); UTC keeps them stable across
      // servers.
      new Intl.DateTimeFormat(intlLocale(locale), {
        dateStyle: style,
        timeZone: "UTC",
      })
  )
}

function formatNumber(
  entry: Formatter<Intl.NumberFormat>,
  value: number,
  memo: FormatMemo | undefined
): string {
  // -0 formats as "-0", but a Map takes it for 0.
  if (!memo || Object.is(value, -0)) {
    return entry.format(value)
  }
  const values = memoFor(memo, entry)
  let formatted = values.get(value)
  if (formatted === undefined) {
    formatted = entry.format(value)
    values.set(value, formatted)
  }
  return formatted
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
  const entry = currencyFormatter(localeOf(options), currency)
  return formatNumber(entry, toNumber("money", amount), memoOf(options))
}

function number(value: unknown, options: HelperOptions): string {
  return formatNumber(
    numberFormatter(localeOf(options)),
    toNumber("number", value),
    memoOf(options)
  )
}

// Turkish writes "%10", English "10%": let Intl place the sign.
function percent(value: unknown, options: HelperOptions): string {
  return formatNumber(
    percentFormatter(localeOf(options)),
    toNumber("percent", value) / 100,
    memoOf(options)
  )
}

function date(value: unknown, ...rest: unknown[]): string {
  const options = rest[rest.length - 1] as HelperOptions
  const style = isDateStyle(rest[0]) ? rest[0] : "medium"
  const entry = dateFormatter(localeOf(options), style)
  const memo = memoOf(options)
  // The text part repeats the HTML's dates: the value as given keys them ("2030-06-30" and
  // 1909094400000 apart), so a repeat is not even parsed again. Only values that parsed are
  // stored, and equal numbers make equal dates (-0 and 0 included).
  const key =
    typeof value === "string" || typeof value === "number" ? value : undefined
  const values = memo && key !== undefined ? memoFor(memo, entry) : undefined
  if (values && key !== undefined) {
    const known = values.get(key)
    if (known !== undefined) {
      return known
    }
  }
  const parsed =
    value instanceof Date
      ? value
      : typeof value === "string" || typeof value === "number"
        ? new Date(value)
        : undefined
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new Error(`date: expected a date, got ${JSON.stringify(value)}`)
  }
  const formatted = entry.format(parsed.getTime())
  if (values && key !== undefined) {
    values.set(key, formatted)
  }
  return formatted
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

/**
 * `(some list "field")`: whether any element of a list has the field set, e.g. a column of
 * product images drawn only when at least one item has an image. Own properties only: the
 * field name comes from a template, and inherited members must not count.
 */
function some(list: unknown, field: unknown): boolean {
  return (
    Array.isArray(list) &&
    typeof field === "string" &&
    list.some((item) => item !== null && typeof item === "object" && Object.prototype.hasOwnProperty.call(item, field) && !!(item as Record<string, unknown>)[field])
  )
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
  "some",
] as const

/**
 * Compile option for templates run by `createEmailHandlebars` environments: a call to one of
 * these helpers goes straight to it. Without it, Handlebars emits a fallback at every call
 * (data property of that name, then "missing helper") that can never be taken, since every
 * environment registers them all.
 */
export const KNOWN_HELPERS: Record<(typeof HELPER_NAMES)[number], true> = {
  money: true,
  number: true,
  percent: true,
  date: true,
  address: true,
  multiline: true,
  eq: true,
  gt: true,
  some: true,
}

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
    some,
  })
  return env
}
