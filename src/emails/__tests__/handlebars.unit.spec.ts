import {
  KNOWN_HELPERS,
  createEmailHandlebars,
  createFormatMemo,
  currencyFormatter,
  dateFormatter,
  numberFormatter,
  percentFormatter,
  type FormatMemo,
} from "../handlebars"
import { SUPPORTED_LOCALES, intlLocale } from "../locales"

const AMOUNTS = [0, -0, 0.5, 19.5, 1234.567, -42, 1e9]

describe("Intl formatter cache", () => {
  it.each(SUPPORTED_LOCALES)(
    "formats money exactly like a fresh Intl.NumberFormat (%s)",
    (locale) => {
      for (const currency of ["EUR", "usd", "Try", "JPY"]) {
        const fresh = new Intl.NumberFormat(intlLocale(locale), {
          style: "currency",
          currency: currency.toUpperCase(),
        })
        for (const amount of AMOUNTS) {
          expect(currencyFormatter(locale, currency).format(amount)).toBe(
            fresh.format(amount)
          )
        }
      }
    }
  )

  it("builds one formatter per locale and currency, whatever the code's case", () => {
    const lower = currencyFormatter("tr", "eur")
    expect(currencyFormatter("tr", "eur")).toBe(lower)
    expect(currencyFormatter("tr", "EUR")).toBe(lower)
    expect(currencyFormatter("tr", "eUr")).toBe(lower)
    expect(currencyFormatter("en", "eur")).not.toBe(lower)
    expect(currencyFormatter("tr", "usd")).not.toBe(lower)
    expect(currencyFormatter("en", "eur").format(1234.5)).toBe("€1,234.50")
    expect(currencyFormatter("tr", "eur").format(1234.5)).toBe("€1.234,50")
  })

  it("keeps number, percent and date formatters apart per locale and style", () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(numberFormatter(locale)).toBe(numberFormatter(locale))
      expect(percentFormatter(locale)).toBe(percentFormatter(locale))
      expect(dateFormatter(locale, "long")).toBe(dateFormatter(locale, "long"))
      expect(dateFormatter(locale, "long")).not.toBe(
        dateFormatter(locale, "short")
      )
      expect(numberFormatter(locale).format(1234.5)).toBe(
        new Intl.NumberFormat(intlLocale(locale)).format(1234.5)
      )
      const when = new Date(Date.UTC(2030, 5, 30, 23, 59))
      for (const style of ["short", "medium", "long", "full"] as const) {
        expect(dateFormatter(locale, style).format(when.getTime())).toBe(
          new Intl.DateTimeFormat(intlLocale(locale), {
            dateStyle: style,
            timeZone: "UTC",
          }).format(when)
        )
      }
    }
    const keys = new Set(
      SUPPORTED_LOCALES.flatMap((locale) => [
        numberFormatter(locale).key,
        percentFormatter(locale).key,
        currencyFormatter(locale, "EUR").key,
        dateFormatter(locale, "long").key,
        dateFormatter(locale, "medium").key,
      ])
    )
    expect(keys.size).toBe(SUPPORTED_LOCALES.length * 5)
    expect(percentFormatter("en").format(0.125)).toBe("12.5%")
    expect(percentFormatter("tr").format(0.125)).toBe("%12,5")
  })

  it("still refuses an invalid currency on every call", () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => currencyFormatter("en", "eu")).toThrow(
        'money: expected an ISO currency code, got "eu"'
      )
      expect(() => currencyFormatter("en", 978)).toThrow(
        "money: expected an ISO currency code, got 978"
      )
    }
  })
})

describe("per-email format memo", () => {
  const env = createEmailHandlebars()
  const source = [
    "{{money amount currency}}",
    "{{money amount other}}",
    "{{number amount}}",
    "{{percent rate}}",
    '{{date when "long"}}',
    "{{date when}}",
    '{{date stamp "short"}}',
    '{{date iso "full"}}',
  ].join("|")
  const template = env.compile(source, {
    noEscape: true,
    knownHelpers: KNOWN_HELPERS,
  })
  const plain = createEmailHandlebars().compile(source, { noEscape: true })

  const render = (
    context: Record<string, unknown>,
    memo: FormatMemo | undefined
  ) => template(context, { data: { format: "text", memo } })

  it("renders exactly what an unmemoized render gives, across locales and values", () => {
    const memo = createFormatMemo()
    for (const locale of [...SUPPORTED_LOCALES, ...SUPPORTED_LOCALES]) {
      for (const [index, amount] of AMOUNTS.entries()) {
        const context = {
          locale,
          amount,
          currency: "eur",
          other: "USD",
          rate: amount,
          when: new Date(Date.UTC(2030, 5, 30 + index)),
          stamp: [0, -0, 1.5, -86_400_000.5][index % 4],
          iso: `2030-07-0${1 + (index % 3)}T12:00:00Z`,
        }
        const expected = plain(context, { data: { format: "text" } })
        expect(render(context, memo)).toBe(expected)
        expect(render(context, undefined)).toBe(expected)
      }
    }
    expect(memo.size).toBeGreaterThan(0)
  })

  it("tells 0 from -0, which Intl formats differently", () => {
    const memo = createFormatMemo()
    const zero = render(
      {
        locale: "en",
        amount: 0,
        currency: "eur",
        other: "usd",
        rate: 0,
        when: 0,
        stamp: 0,
        iso: "2030-01-01",
      },
      memo
    )
    const negative = render(
      {
        locale: "en",
        amount: -0,
        currency: "eur",
        other: "usd",
        rate: -0,
        when: 0,
        stamp: -0,
        iso: "2030-01-01",
      },
      memo
    )
    expect(zero.startsWith("€0.00|$0.00|0|0%|")).toBe(true)
    expect(negative.startsWith("-€0.00|-$0.00|-0|-0%|")).toBe(true)
  })

  it("shares one format between the parts of an email", () => {
    const memo = createFormatMemo()
    const context = { locale: "tr", amount: 59, currency: "eur" }
    const money = env.compile("{{money amount currency}}", {
      knownHelpers: KNOWN_HELPERS,
    })
    expect(money(context, { data: { format: "html", memo } })).toBe("€59,00")
    expect(memo.size).toBe(1)
    expect(money(context, { data: { format: "text", memo } })).toBe("€59,00")
    expect(memo.size).toBe(1)
  })
})
