import { isLocale, Locale } from "../emails/locales"

/**
 * Where the language of a customer's email can come from, most specific first. Every field is
 * optional: a feature passes what it can read cheaply.
 */
export type EmailLocaleSources = {
  // The customer's own stored choice: `customer.metadata.locale` ("tr", "tr-TR", ...).
  customerLocale?: unknown
  // The language the storefront set on this cart or order (Medusa's `cart.locale` /
  // `order.locale`, only ever set explicitly by the storefront).
  storefrontLocale?: string | null
  shippingCountry?: string | null
  billingCountry?: string | null
  // The cart's or order's region countries: they say where the shopper is only when the region
  // has exactly one.
  regionCountries?: readonly (string | null | undefined)[] | null
}

export type EmailLocaleSettings = {
  // Brand → countryLocales: lower-case ISO-2 country → supported locale.
  countryLocales: Record<string, string>
  defaultLocale: Locale
}

/** A supported locale from a stored value ("tr", "TR", "tr-TR", "tr_TR"), or null. */
export function storedLocale(value: unknown): Locale | null {
  if (typeof value !== "string") return null
  const tag = value.trim().toLowerCase().replace(/_/g, "-")
  if (isLocale(tag)) return tag
  const language = tag.split("-")[0]
  return isLocale(language) ? language : null
}

function country(value: string | null | undefined): string | null {
  const code = value?.trim().toLowerCase()
  return code ? code : null
}

/**
 * The language of one email to a customer. In order: the customer's own stored language, the
 * language the storefront set on the cart or order, then the country the goods go to (the
 * shipping address, else the billing address, else a single-country region) through
 * `countryLocales`, else the store's default language. Values that are not a supported locale
 * are skipped. The first known country decides: a German shipping address means the default
 * language even when the billing address is Turkish, since that is where the shopper is.
 */
export function chooseEmailLocale(sources: EmailLocaleSources, settings: EmailLocaleSettings): Locale {
  const own = storedLocale(sources.customerLocale) ?? storedLocale(sources.storefrontLocale)
  if (own) return own
  const regionCountries = [...new Set((sources.regionCountries ?? []).map(country).filter((c): c is string => c !== null))]
  const where =
    country(sources.shippingCountry) ?? country(sources.billingCountry) ?? (regionCountries.length === 1 ? regionCountries[0] : null)
  const mapped = where ? settings.countryLocales[where] : undefined
  if (mapped && isLocale(mapped)) return mapped
  return settings.defaultLocale
}
