import { brandSchema, BUILT_IN_DEFAULTS, describeZodError } from "../../modules/retention-settings/sections"
import { chooseEmailLocale, EmailLocaleSettings } from "../email-locale"

const settings: EmailLocaleSettings = { countryLocales: { tr: "tr" }, defaultLocale: "en" }

describe("chooseEmailLocale", () => {
  it("uses the store default when nothing is known", () => {
    expect(chooseEmailLocale({}, settings)).toBe("en")
    expect(chooseEmailLocale({}, { ...settings, defaultLocale: "tr" })).toBe("tr")
  })

  it("maps the shipping country, then the billing country, then a single-country region", () => {
    expect(chooseEmailLocale({ shippingCountry: "tr" }, settings)).toBe("tr")
    expect(chooseEmailLocale({ shippingCountry: null, billingCountry: "tr" }, settings)).toBe("tr")
    expect(chooseEmailLocale({ regionCountries: ["tr"] }, settings)).toBe("tr")
  })

  it("lets the first known country decide, and an unmapped country means the default", () => {
    expect(chooseEmailLocale({ shippingCountry: "de", billingCountry: "tr", regionCountries: ["tr"] }, settings)).toBe("en")
    expect(chooseEmailLocale({ shippingCountry: "de" }, { ...settings, defaultLocale: "tr" })).toBe("tr")
    expect(chooseEmailLocale({ billingCountry: "tr", regionCountries: ["de"] }, settings)).toBe("tr")
  })

  it("ignores a region with several countries", () => {
    expect(chooseEmailLocale({ regionCountries: ["tr", "de"] }, settings)).toBe("en")
    expect(chooseEmailLocale({ regionCountries: ["tr", "TR", null] }, settings)).toBe("tr")
  })

  it("reads country codes in any case and with spaces", () => {
    expect(chooseEmailLocale({ shippingCountry: "TR" }, settings)).toBe("tr")
    expect(chooseEmailLocale({ shippingCountry: " Tr " }, settings)).toBe("tr")
    expect(chooseEmailLocale({ shippingCountry: "  ", billingCountry: "tr" }, settings)).toBe("tr")
  })

  it("puts the customer's stored language first, then the storefront's language for the cart", () => {
    const turkish = { shippingCountry: "tr", regionCountries: ["tr"] }
    expect(chooseEmailLocale({ ...turkish, customerLocale: "en" }, settings)).toBe("en")
    expect(chooseEmailLocale({ ...turkish, storefrontLocale: "en-US" }, settings)).toBe("en")
    expect(chooseEmailLocale({ shippingCountry: "de", customerLocale: "tr", storefrontLocale: "en" }, settings)).toBe("tr")
    expect(chooseEmailLocale({ shippingCountry: "de", storefrontLocale: "tr-TR" }, settings)).toBe("tr")
  })

  it("accepts region tags and any case in a stored language", () => {
    for (const value of ["TR", "tr-TR", "tr_tr", " tr "]) {
      expect(chooseEmailLocale({ customerLocale: value }, settings)).toBe("tr")
    }
  })

  it("skips stored languages it cannot send and values that are not text", () => {
    for (const value of ["de", "de-DE", "", "  ", null, undefined, 42, { locale: "tr" }, ["tr"]]) {
      expect(chooseEmailLocale({ customerLocale: value, shippingCountry: "tr" }, settings)).toBe("tr")
    }
    expect(chooseEmailLocale({ customerLocale: "fr", storefrontLocale: "de", shippingCountry: "de" }, settings)).toBe("en")
  })

  it("ignores a map value that is not a supported locale", () => {
    expect(chooseEmailLocale({ shippingCountry: "de" }, { ...settings, countryLocales: { de: "de" } })).toBe("en")
  })
})

describe("brand countryLocales setting", () => {
  const parse = (countryLocales: unknown) => brandSchema.safeParse({ ...BUILT_IN_DEFAULTS.brand, countryLocales })

  it("defaults to Turkey → Turkish", () => {
    expect(BUILT_IN_DEFAULTS.brand.countryLocales).toEqual({ tr: "tr" })
  })

  it("accepts lower-case ISO-2 keys with supported locales", () => {
    expect(parse({ tr: "tr", cy: "tr", gb: "en" }).success).toBe(true)
    expect(parse({}).success).toBe(true)
  })

  it("names the country that is not an ISO-2 code or whose locale is not supported", () => {
    const badKey = parse({ TR: "tr" })
    expect(badKey.success).toBe(false)
    expect(describeZodError(badKey.error!)).toMatch(/^countryLocales\.TR: must be an ISO 3166-1 alpha-2/)
    const longKey = parse({ tur: "tr" })
    expect(describeZodError(longKey.error!)).toMatch(/^countryLocales\.tur:/)
    const badLocale = parse({ de: "de" })
    expect(badLocale.success).toBe(false)
    expect(describeZodError(badLocale.error!)).toMatch(/^countryLocales\.de:/)
  })
})
