import {
  EmailRenderer,
  checkedBrandProblems,
  emailRenderer,
  renderContext,
  renderUncached,
} from "../renderer"
import { TemplateRenderError } from "../errors"
import { getTemplate } from "../registry"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import type { RenderInput } from "../types"

function cartInput(overrides: Partial<RenderInput> = {}): RenderInput {
  const template = getTemplate("cart-reminder")
  if (!template) {
    throw new Error("cart-reminder is not registered")
  }
  return {
    template: "cart-reminder",
    locale: "en",
    data: template.sampleData,
    brand: SAMPLE_BRAND,
    ...SAMPLE_LINKS,
    ...overrides,
  }
}

function renderError(render: () => unknown): TemplateRenderError {
  try {
    render()
  } catch (error) {
    if (error instanceof TemplateRenderError) {
      return error
    }
    throw error
  }
  throw new Error("expected a TemplateRenderError, but the render succeeded")
}

const BROKEN_MJML = `<mjml>
  <mj-body>
    <mj-sectoin><mj-column><mj-text>{{t.heading}}</mj-text></mj-column></mj-sectoin>
    {{> footer}}
  </mj-body>
</mjml>`

describe("EmailRenderer", () => {
  describe("escaping", () => {
    const hostile = '<script>alert("x")</script>'

    it.each([
      ["cached", (input: RenderInput) => new EmailRenderer().render(input)],
      ["uncached", renderUncached],
    ])(
      "escapes customer data in the %s HTML and keeps it readable in the text",
      (_, render) => {
        const email = render(
          cartInput({
            data: {
              ...cartInput().data,
              items: [
                {
                  title: `Mug <img src=x onerror=alert(1)>`,
                  variantTitle: hostile,
                  quantity: 1,
                  unitPrice: 5,
                  total: 5,
                },
              ],
            },
          })
        )
        expect(email.html).not.toContain("<script>")
        expect(email.html).not.toContain("<img src=x")
        expect(email.html).toContain(
          "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
        )
        expect(email.html).toContain(
          "Mug &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;"
        )
        // text/plain is never interpreted as HTML: the data appears as typed.
        expect(email.text).toContain(hostile)
      }
    )

    it.each([
      ["cached", (input: RenderInput) => new EmailRenderer().render(input)],
      ["uncached", renderUncached],
    ])(
      "shows a name only when it looks like one, in the %s pipeline",
      (_, render) => {
        const phishing =
          "URGENT: your card was charged $499. Call 0800 555 0199 or visit http://evil.example/refund"
        const email = render(
          cartInput({
            data: {
              ...cartInput().data,
              customerName: phishing,
              greetingName: phishing,
            },
          })
        )
        expect(email.subject).toBe("Your cart at Kestrel Supply is waiting")
        expect(email.text).toContain("Hi there,")
        for (const part of [email.subject, email.html, email.text]) {
          expect(part).not.toContain("URGENT")
          expect(part).not.toContain("evil.example")
        }
      }
    )

    it("shows a staff alert's names as stored", () => {
      const template = getTemplate("detractor-alert")
      const email = new EmailRenderer().render({
        template: "detractor-alert",
        locale: "en",
        data: { ...template?.sampleData, customerName: "ayse@example.com" },
        brand: SAMPLE_BRAND,
        ...SAMPLE_LINKS,
      })
      expect(email.subject).toContain("ayse@example.com")
    })

    it("refuses a brand colour that is not a colour and escapes brand text", () => {
      const renderer = new EmailRenderer()
      const error = renderError(() =>
        renderer.render(
          cartInput({
            brand: { ...SAMPLE_BRAND, primaryColor: 'red" onload="x' },
          })
        )
      )
      expect(error.part).toBe("variables")
      expect(error.message).toContain("brand.primaryColor")

      const email = renderer.render(
        cartInput({ brand: { ...SAMPLE_BRAND, storeName: `Tom & "Jerry"` } })
      )
      expect(email.html).toContain("Tom &amp; &quot;Jerry&quot;")
      expect(email.text).toContain(`Tom & "Jerry"`)
    })

    it("keeps line breaks out of the subject", () => {
      const email = new EmailRenderer().render(
        cartInput({
          data: {
            ...cartInput().data,
            subjectLine: "Your cart\r\nBcc: victim@example.com",
          },
        })
      )
      expect(email.subject).toBe("Your cart Bcc: victim@example.com")
    })

    it("does not let template data replace the brand or the unsubscribe link", () => {
      const email = new EmailRenderer().render(
        cartInput({
          data: {
            ...cartInput().data,
            brand: { storeName: "Impostor" },
            unsubscribeUrl: "https://evil.example.com",
          },
        })
      )
      expect(email.text).toContain("Kestrel Supply")
      expect(email.text).not.toContain("Impostor")
      expect(email.text).not.toContain("evil.example.com")
    })

    it("keeps Handlebars' prototype-access rules: an override reads no inherited property", () => {
      // Handlebars logs each property it refuses; the refusal is what is tested here.
      const log = jest.spyOn(console, "error").mockImplementation(() => undefined)
      try {
        const probes = [
          "{{constructor}}",
          "{{constructor.name}}",
          "{{items.constructor.name}}",
          "{{recoveryUrl.constructor.name}}",
          "{{__proto__}}",
          "{{__defineGetter__}}",
          "{{items.map.name}}",
          "{{recoveryUrl.toUpperCase.name}}",
          '{{lookup this "constructor"}}',
          "{{#with constructor}}{{name}}{{/with}}",
          "{{#each constructor}}{{this}}{{/each}}",
        ]
        const mjml = getTemplate("cart-reminder")?.mjml.replace(
          "{{t.intro}}",
          `[${probes.join("|")}]`
        )
        for (const render of [
          (input: RenderInput) => new EmailRenderer().render(input),
          renderUncached,
        ]) {
          const email = render(
            cartInput({
              override: {
                subject: `[${probes.join("|")}]`,
                mjml,
                version: "proto",
              },
            })
          )
          const empty = `[${probes.map(() => "").join("|")}]`
          expect(email.subject).toBe(empty)
          expect(email.html).toContain(empty)
          expect(email.text).toContain(empty)
          for (const part of [email.subject, email.html, email.text]) {
            expect(part).not.toMatch(/Object|Array|String|function|native code/)
          }
        }
      } finally {
        log.mockRestore()
      }
    })
  })

  describe("cache", () => {
    it("compiles MJML once per template and locale", () => {
      const renderer = new EmailRenderer()
      const first = renderer.render(cartInput())
      expect(renderer.stats()).toMatchObject({
        compiles: 1,
        misses: 1,
        hits: 0,
        entries: 1,
      })

      const second = renderer.render(
        cartInput({ data: { ...cartInput().data, greetingName: "Mehmet" } })
      )
      expect(renderer.stats()).toMatchObject({
        compiles: 1,
        hits: 1,
        entries: 1,
      })
      expect(second.text).toContain("Hi Mehmet,")
      expect(first.text).toContain("Hi Ayşe,")

      renderer.render(cartInput({ locale: "tr-TR" }))
      expect(renderer.stats()).toMatchObject({ compiles: 2, entries: 2 })
      // An unknown locale falls back to English and reuses its compiled template.
      const fallback = renderer.render(cartInput({ locale: "de" }))
      expect(fallback.locale).toBe("en")
      expect(renderer.stats()).toMatchObject({ compiles: 2, hits: 2 })
    })

    it("compiles again for each override version, not for each send", () => {
      const renderer = new EmailRenderer()
      const override = {
        subject: "Still thinking it over, {{customerName}}?",
        version: "v1",
      }
      expect(renderer.render(cartInput({ override })).subject).toBe(
        "Still thinking it over, Ayşe?"
      )
      renderer.render(cartInput({ override }))
      expect(renderer.stats().compiles).toBe(1)

      const next = { subject: "Your cart misses you", version: "v2" }
      expect(renderer.render(cartInput({ override: next })).subject).toBe(
        "Your cart misses you"
      )
      expect(renderer.stats().compiles).toBe(2)
      // The built-in version is cached separately from the overrides.
      expect(renderer.render(cartInput()).subject).toBe(
        "Ayşe, your cart at Kestrel Supply is waiting"
      )
      expect(renderer.stats().compiles).toBe(3)
    })

    it("evicts the least recently used entry past maxEntries", () => {
      const renderer = new EmailRenderer({ maxEntries: 2 })
      renderer.render(cartInput({ locale: "en" }))
      renderer.render(cartInput({ locale: "tr" }))
      renderer.render(cartInput({ locale: "en" }))
      renderer.render(cartInput({ override: { subject: "Hi", version: "1" } }))
      expect(renderer.stats()).toMatchObject({
        entries: 2,
        evictions: 1,
        compiles: 3,
      })
      renderer.render(cartInput({ locale: "en" }))
      expect(renderer.stats().compiles).toBe(3)
      renderer.render(cartInput({ locale: "tr" }))
      expect(renderer.stats().compiles).toBe(4)
    })

    it("caches a broken override's failure instead of recompiling it for every recipient", () => {
      const renderer = new EmailRenderer()
      const override = { mjml: BROKEN_MJML, version: "broken" }
      expect(() => renderer.render(cartInput({ override }))).toThrow(
        TemplateRenderError
      )
      expect(() => renderer.render(cartInput({ override }))).toThrow(
        TemplateRenderError
      )
      expect(renderer.stats()).toMatchObject({ compiles: 1, hits: 1 })
    })

    it("clearCache forgets compiled templates", () => {
      const renderer = new EmailRenderer()
      renderer.render(cartInput())
      renderer.clearCache()
      expect(renderer.stats()).toEqual({
        entries: 0,
        hits: 0,
        misses: 0,
        compiles: 0,
        evictions: 0,
      })
      renderer.render(cartInput())
      expect(renderer.stats().compiles).toBe(1)
    })

    it("warm compiles ahead of the first send", () => {
      const renderer = new EmailRenderer()
      renderer.warm("nps-survey", "tr")
      expect(renderer.stats().compiles).toBe(1)
      const template = getTemplate("nps-survey")
      renderer.render({
        template: "nps-survey",
        locale: "tr",
        data: template?.sampleData ?? {},
        brand: SAMPLE_BRAND,
        ...SAMPLE_LINKS,
      })
      expect(renderer.stats()).toMatchObject({ compiles: 1, hits: 1 })
    })

    it("exports a shared default instance", () => {
      expect(emailRenderer).toBeInstanceOf(EmailRenderer)
      expect(emailRenderer.render(cartInput()).subject).toContain("Ayşe")
    })
  })

  describe("errors", () => {
    it("reports a broken MJML override as part mjml, with template, locale and line", () => {
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({
            locale: "tr",
            override: { mjml: BROKEN_MJML, version: "1" },
          })
        )
      )
      expect(error).toBeInstanceOf(TemplateRenderError)
      expect(error.name).toBe("TemplateRenderError")
      expect(error.part).toBe("mjml")
      expect(error.template).toBe("cart-reminder")
      expect(error.locale).toBe("tr")
      expect(error.message).toMatch(/cart-reminder.*tr.*mjml/)
      expect(error.message).toContain("mj-sectoin")
      expect(error.issues[0]).toMatchObject({ part: "mjml", line: 3 })
    })

    it("reports a broken Handlebars subject as part subject", () => {
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({
            override: {
              subject: "Hi {{#if customerName}}{{customerName}}",
              version: "1",
            },
          })
        )
      )
      expect(error.part).toBe("subject")
      expect(error.message).toMatch(
        /"cart-reminder" \(locale en\) failed in subject/
      )
    })

    it("reports Handlebars syntax errors in the MJML with the merchant's line number", () => {
      const mjml = getTemplate("cart-reminder")?.mjml.replace(
        "{{t.intro}}",
        "{{#if customerName}}{{t.intro}}"
      )
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({ override: { mjml, version: "1" } })
        )
      )
      expect(error.part).toBe("mjml")
      expect(error.message).toMatch(/Parse error/)
    })

    it("reports a helper failing at send time in the part that uses it", () => {
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({ data: { ...cartInput().data, subtotal: "a lot" } })
        )
      )
      expect(error.part).toBe("mjml")
      expect(error.message).toContain('money: expected a number, got "a lot"')
    })

    it("reports missing required variables as part variables", () => {
      const { recoveryUrl: _unused, ...data } = cartInput().data
      const error = renderError(() =>
        new EmailRenderer().render(cartInput({ data }))
      )
      expect(error.part).toBe("variables")
      expect(error.message).toContain("recoveryUrl")
    })

    it("refuses marketing mail without an unsubscribe link, but not transactional mail", () => {
      const renderer = new EmailRenderer()
      const error = renderError(() =>
        renderer.render(cartInput({ unsubscribeUrl: undefined }))
      )
      expect(error.part).toBe("variables")
      expect(error.message).toContain("unsubscribeUrl")

      const test = getTemplate("test-message")
      expect(
        renderer.render({
          template: "test-message",
          locale: "en",
          data: test?.sampleData ?? {},
          brand: SAMPLE_BRAND,
        }).subject
      ).toBe("Test email from Kestrel Supply")
    })

    it("refuses a postal address left empty", () => {
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({ brand: { ...SAMPLE_BRAND, storeAddress: " " } })
        )
      )
      expect(error.message).toContain("brand.storeAddress")
    })

    it("refuses an unknown template", () => {
      const error = renderError(() =>
        new EmailRenderer().render(cartInput({ template: "no-such-email" }))
      )
      expect(error.message).toContain(
        'no template is registered under "no-such-email"'
      )
    })

    it("refuses triple-stash, which would turn escaping off", () => {
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({
            override: { subject: "Hi {{{customerName}}}", version: "1" },
          })
        )
      )
      expect(error.part).toBe("subject")
      expect(error.message).toContain("unescaped output")
    })

    it("refuses {{#if}} placed between MJML tags, which MJML would silently drop", () => {
      const mjml = getTemplate("cart-reminder")?.mjml.replace(
        "<mj-raw>{{#if discount}}</mj-raw>",
        "{{#if discount}}"
      )
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({ override: { mjml, version: "1" } })
        )
      )
      expect(error.part).toBe("mjml")
      expect(error.message).toContain("MJML dropped {{#if discount}}")
    })

    it("refuses a marketing override that drops the footer", () => {
      const mjml = getTemplate("cart-reminder")?.mjml.replace(
        "{{> footer}}",
        ""
      )
      const error = renderError(() =>
        new EmailRenderer().render(
          cartInput({ override: { mjml, version: "1" } })
        )
      )
      expect(error.part).toBe("mjml")
      expect(error.issues.map((issue) => issue.message).join("\n")).toMatch(
        /unsubscribe link[\s\S]*postal address/
      )
    })
  })
})

describe("render hot path", () => {
  it("checks a brand object once, and again when it is edited in place", () => {
    const renderer = new EmailRenderer()
    const brand = { ...SAMPLE_BRAND }
    expect(renderer.render(cartInput({ brand })).html).toContain("#0f766e")
    expect(checkedBrandProblems(brand)).toBe(checkedBrandProblems(brand))

    brand.primaryColor = 'red" onload="x'
    expect(
      renderError(() => renderer.render(cartInput({ brand }))).message
    ).toContain("brand.primaryColor")

    brand.primaryColor = "#123456"
    brand.storeAddress = ""
    const error = renderError(() => renderer.render(cartInput({ brand })))
    expect(error.message).toContain("brand.storeAddress")
    expect(error.message).not.toContain("brand.primaryColor")

    brand.storeAddress = SAMPLE_BRAND.storeAddress
    expect(renderer.render(cartInput({ brand })).html).toContain("#123456")
    // Another object with the same content is checked on its own.
    expect(checkedBrandProblems({ ...brand, textColor: "" })).toEqual([
      "brand.textColor (a colour such as #1a1a1a)",
    ])
  })

  it("builds the context like `{ ...data, brand, unsubscribeUrl, preferencesUrl, locale }`", () => {
    const data = {
      first: 1,
      brand: { storeName: "Impostor" },
      items: [],
      locale: "xx",
      last: "z",
    }
    const input = cartInput({ data })
    const context = renderContext(input, "tr")
    const spread = {
      ...data,
      brand: input.brand,
      unsubscribeUrl: input.unsubscribeUrl,
      preferencesUrl: input.preferencesUrl,
      locale: "tr",
    }
    expect(context).toEqual(spread)
    expect(Object.keys(context)).toEqual(Object.keys(spread))
    expect(context.brand).toBe(SAMPLE_BRAND)
    expect(data.brand).toEqual({ storeName: "Impostor" })
  })

  it("keeps an own __proto__ key from JSON input as plain data", () => {
    const data: Record<string, unknown> = JSON.parse(
      '{"__proto__": {"customerName": "Proto"}, "items": [], "currency": "eur", "subtotal": 1, "recoveryUrl": "https://shop.example.com/r"}'
    )
    const context = renderContext(cartInput({ data }), "en")
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype)
    expect(Object.prototype.hasOwnProperty.call(context, "__proto__")).toBe(
      true
    )
    expect(context.customerName).toBeUndefined()
    const email = new EmailRenderer().render(cartInput({ data }))
    expect(email.text).toContain("Hi there,")
    expect(email.text).not.toContain("Proto")
  })

  it("formats amounts and dates the same in the HTML and the text part", () => {
    for (const locale of ["en", "tr"]) {
      const email = new EmailRenderer().render(cartInput({ locale }))
      const total = locale === "en" ? "€98.00" : "€98,00"
      expect(email.html).toContain(total)
      expect(email.text).toContain(total)
      const expiry = locale === "en" ? "June 30, 2030" : "30 Haziran 2030"
      expect(email.html).toContain(expiry)
      expect(email.text).toContain(expiry)
    }
  })
})
