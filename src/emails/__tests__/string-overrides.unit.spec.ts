import { TemplateRenderError } from "../errors"
import { getTemplate } from "../registry"
import { EmailRenderer, renderUncached } from "../renderer"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import type { RenderInput } from "../types"
import { renderPreview, validateTemplateSource } from "../validate"

const cart = (override?: RenderInput["override"], locale = "en"): RenderInput => ({
  template: "cart-reminder",
  locale,
  data: getTemplate("cart-reminder")!.sampleData,
  brand: SAMPLE_BRAND,
  ...SAMPLE_LINKS,
  override,
})

describe("a merchant's wording of a template's strings", () => {
  it.each([
    ["cached", (input: RenderInput) => new EmailRenderer().render(input)],
    ["uncached", renderUncached],
  ])("replaces the heading and button text and keeps the other strings (%s)", (_, render) => {
    const email = render(cart({ strings: { heading: "Still thinking it over?", cta: "Finish my order" }, version: "o:1" }))
    expect(email.html).toContain("Still thinking it over?")
    expect(email.html).toContain("Finish my order")
    expect(email.html).not.toContain("You left something behind")
    expect(email.html).not.toContain("Return to your cart")
    // Untouched strings stay as shipped.
    expect(email.html).toContain("Questions? Just reply to this email.")
    expect(email.text).toContain("Finish my order")
  })

  it("applies to its own locale only", () => {
    const renderer = new EmailRenderer()
    const tr = renderer.render(cart({ strings: { heading: "Sepetiniz hâlâ burada" }, version: "o:1" }, "tr"))
    expect(tr.html).toContain("Sepetiniz hâlâ burada")
    const en = renderer.render(cart(undefined, "en"))
    expect(en.html).toContain("You left something behind")
  })

  it("fills data placeholders inside the wording, escaped", () => {
    const email = renderUncached(
      cart({ strings: { intro: "{{greetingName}}, your cart at {{brand.storeName}} is saved." }, version: "o:1" })
    )
    expect(email.html).toContain("Ayşe, your cart at")
  })

  it("refuses a key the template does not have and unescaped output, naming the string", () => {
    const check = validateTemplateSource({ templateName: "cart-reminder", locale: "en", strings: { headline: "Hi", cta: "{{{recoveryUrl}}}" } })
    expect(check.ok).toBe(false)
    const messages = check.ok ? [] : check.errors.filter((e) => e.part === "strings").map((e) => e.message)
    expect(messages).toEqual([
      "t.headline: this template has no such string",
      "t.cta: unescaped output ({{{ }}} or {{& }}) is not allowed: use {{ }}",
    ])
    expect(() => renderUncached(cart({ strings: { headline: "Hi" }, version: "o:1" }))).toThrow(TemplateRenderError)
  })

  it("refuses wording that does not compile or uses data the template does not have", () => {
    const broken = validateTemplateSource({ templateName: "cart-reminder", locale: "en", strings: { heading: "{{#if greetingName}}Hi" } })
    expect(broken.ok).toBe(false)
    const unknown = validateTemplateSource({ templateName: "cart-reminder", locale: "en", strings: { heading: "Hi {{shoeSize}}" } })
    expect(unknown.ok).toBe(false)
    expect(unknown.ok ? [] : unknown.errors.map((e) => e.message).join(" ")).toContain("shoeSize")
    expect(validateTemplateSource({ templateName: "cart-reminder", locale: "en", strings: { heading: "Hi {{greetingName}}" } })).toEqual({ ok: true })
  })

  it("previews a draft wording before it is saved", () => {
    const preview = renderPreview({ templateName: "cart-reminder", locale: "en", strings: { cta: "Back to the shop" } })
    expect(preview.html).toContain("Back to the shop")
  })
})
