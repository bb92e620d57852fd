import { getTemplate } from "../registry"
import { renderPreview, validateTemplateSource } from "../validate"
import { SAMPLE_BRAND } from "../samples"
import { TemplateRenderError } from "../errors"

function builtinMjml(name: string): string {
  const mjml = getTemplate(name)?.mjml
  if (!mjml) {
    throw new Error(`${name} is not registered`)
  }
  return mjml
}

function lineOf(source: string, needle: string): number {
  return source.slice(0, source.indexOf(needle)).split("\n").length
}

describe("validateTemplateSource", () => {
  it("accepts an edited subject and body", () => {
    const mjml = builtinMjml("cart-reminder").replace(
      "{{t.help}}",
      "Need a hand? Call us, {{customerName}}."
    )
    expect(
      validateTemplateSource({
        templateName: "cart-reminder",
        locale: "tr",
        subject:
          "{{customerName}}, {{money subtotal currency}} değerindeki sepetiniz",
        mjml,
      })
    ).toEqual({ ok: true })
  })

  it("reports MJML errors with the line the merchant wrote", () => {
    const mjml = builtinMjml("nps-survey").replace(
      '<mj-text mj-class="heading" align="center">',
      '<mj-text mj-class="heading" align="middle">'
    )
    const result = validateTemplateSource({
      templateName: "nps-survey",
      locale: "en",
      mjml,
    })
    expect(result.ok).toBe(false)
    if (result.ok) {
      return
    }
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatchObject({
      part: "mjml",
      line: lineOf(mjml, 'align="middle"'),
    })
    expect(result.errors[0].message).toContain("align")
    // A compile error, not a refusal: the editor lists it under "Does not compile".
    expect(result.errors[0].kind).toBeUndefined()
  })

  it("marks refusals of MJML that compiles as policy issues", () => {
    const mjml = builtinMjml("cart-reminder").replace("{{> footer}}", "")
    expect(mjml).not.toBe(builtinMjml("cart-reminder"))
    const result = validateTemplateSource({ templateName: "cart-reminder", locale: "en", mjml })
    expect(result.ok).toBe(false)
    if (result.ok) {
      return
    }
    expect(result.errors.length).toBeGreaterThan(0)
    for (const issue of result.errors) {
      expect(issue).toMatchObject({ kind: "policy", message: expect.stringMatching(/^a marketing email must include/) })
    }
  })

  it("reports Handlebars errors in the subject and the body together", () => {
    const mjml = builtinMjml("loyalty-points-earned").replace(
      "{{t.cta}}",
      "{{t.cta}"
    )
    const result = validateTemplateSource({
      templateName: "loyalty-points-earned",
      locale: "en",
      subject: "{{#each}}",
      mjml,
    })
    expect(result.ok).toBe(false)
    if (result.ok) {
      return
    }
    expect(result.errors.map((error) => error.part).sort()).toEqual([
      "mjml",
      "subject",
    ])
    expect(result.errors.find((error) => error.part === "mjml")?.line).toBe(
      lineOf(mjml, "{{t.cta}")
    )
  })

  it("reports unknown variables and strings, which would otherwise render empty", () => {
    const mjml = builtinMjml("cart-reminder")
      .replace("{{t.intro}}", "{{t.intro}} {{custmerName}} {{brand.storName}}")
      .replace("{{t.help}}", "{{t.helpText}}")
    const result = validateTemplateSource({
      templateName: "cart-reminder",
      locale: "en",
      subject: "Hi {{firstName}}",
      mjml,
    })
    expect(result.ok).toBe(false)
    if (result.ok) {
      return
    }
    const messages = result.errors.map(
      (error) => `${error.part}:${error.line}:${error.message}`
    )
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^mjml:\d+:unknown localized string "t.helpText"/
        ),
      ])
    )
    const afterStrings = validateTemplateSource({
      templateName: "cart-reminder",
      locale: "en",
      subject: "Hi {{firstName}}",
      mjml: mjml.replace("{{t.helpText}}", "{{t.help}}"),
    })
    expect(afterStrings).toEqual({
      ok: false,
      errors: [
        {
          part: "variables",
          line: 1,
          message: expect.stringContaining('subject uses "firstName"'),
        },
        {
          part: "variables",
          line: lineOf(mjml, "{{custmerName}}"),
          message: expect.stringContaining('"custmerName"'),
        },
        {
          part: "variables",
          line: lineOf(mjml, "{{custmerName}}"),
          message: expect.stringContaining('"brand.storName"'),
        },
      ],
    })
  })

  it("accepts optional fields the sample data leaves out", () => {
    // The sample discount is a percentage; the amount branch must still be allowed.
    expect(
      validateTemplateSource({
        templateName: "cart-reminder",
        locale: "en",
        subject:
          "{{#if discount.amount}}{{money discount.amount currency}} off{{else}}Your cart{{/if}}",
      })
    ).toEqual({ ok: true })
  })

  it("reports a helper that fails on the sample data", () => {
    const result = validateTemplateSource({
      templateName: "test-message",
      locale: "en",
      subject: "Sent {{date brand.storeName}}",
    })
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          part: "subject",
          message: expect.stringContaining("date: expected a date"),
        },
      ],
    })
  })

  it("reports an unknown template", () => {
    expect(
      validateTemplateSource({ templateName: "nope", locale: "en" })
    ).toEqual({
      ok: false,
      errors: [{ part: "mjml", message: expect.stringContaining("nope") }],
    })
  })
})

describe("renderPreview", () => {
  it("renders a draft with the sample data without caching it", () => {
    const email = renderPreview({
      templateName: "nps-survey",
      locale: "tr-TR",
      subject: "Taslak: {{brand.storeName}}",
      brand: { ...SAMPLE_BRAND, storeName: "Lale Butik" },
    })
    expect(email.locale).toBe("tr")
    expect(email.subject).toBe("Taslak: Lale Butik")
    expect(email.text).toContain("Lale Butik mağazasını")
  })

  it("throws a TemplateRenderError for a broken draft", () => {
    expect(() =>
      renderPreview({
        templateName: "nps-survey",
        locale: "en",
        mjml: "not mjml at all",
      })
    ).toThrow(TemplateRenderError)
  })
})
