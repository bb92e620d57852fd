import Handlebars from "handlebars"
import { EmailRenderer } from "../renderer"
import { getTemplate } from "../registry"
import { SUPPORTED_LOCALES, type Locale } from "../locales"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import { validateTemplateSource } from "../validate"
import { FLOW_TEMPLATE_NAMES, type FlowTemplateName } from "../../lib/flows/template-data"
import { SAMPLE_DISCOUNT, SAMPLE_PRODUCTS } from "../templates/flow-shared/parts"

const renderer = new EmailRenderer()
const escaped = (value: string) => Handlebars.Utils.escapeExpression(value)
// The inbox preview line: the hidden first <div> MJML writes from <mj-preview>.
const previewOf = (html: string) => /<div style="display:none;[^"]*">([^<]*)<\/div>/.exec(html)?.[1]

function render(name: FlowTemplateName, locale: Locale, patch: Record<string, unknown> = {}, replace = false) {
  const template = getTemplate(name)
  if (!template) throw new Error(`no template ${name}`)
  return renderer.render({
    template: name,
    locale,
    data: replace ? patch : { ...template.sampleData, ...patch },
    brand: SAMPLE_BRAND,
    ...SAMPLE_LINKS,
  })
}

const cases = FLOW_TEMPLATE_NAMES.flatMap((name) => SUPPORTED_LOCALES.map((locale) => [name, locale] as const))
const WITH_PRODUCTS = FLOW_TEMPLATE_NAMES.filter((name) => name !== "flow-birthday")
// Every flow step may give a code (the flow's step configuration decides).
const WITH_DISCOUNT = FLOW_TEMPLATE_NAMES
const discountCases = cases
const noDiscount = { discount: undefined }
const percentOff = { discount: { code: "HELLO10", percent: 10 } }
const amountOff = { discount: { code: "SAVE50", amount: 50, currency: "eur", expiresAt: "2030-06-30T23:59:59.000Z" } }

describe("lifecycle flow emails", () => {
  it("every flow template of template-data.ts is registered, as marketing mail", () => {
    for (const name of FLOW_TEMPLATE_NAMES) {
      expect(getTemplate(name)?.category).toBe("marketing")
    }
  })

  it("sends welcome, post-purchase and win-back under their own consent topic, birthday under loyalty", () => {
    const topics = Object.fromEntries(FLOW_TEMPLATE_NAMES.map((name) => [name, getTemplate(name)?.topic]))
    expect(topics).toEqual({
      "flow-welcome-1": "lifecycle",
      "flow-welcome-2": "lifecycle",
      "flow-welcome-3": "lifecycle",
      "flow-post-purchase": "lifecycle",
      "flow-birthday": "loyalty",
      "flow-win-back-1": "lifecycle",
      "flow-win-back-2": "lifecycle",
    })
  })

  it.each(cases)("%s (%s) passes validation and renders without missing strings", (name, locale) => {
    expect(validateTemplateSource({ templateName: name, locale })).toEqual({ ok: true })
    for (const patch of [{}, noDiscount, percentOff, amountOff, { products: [] }, { customerName: undefined, greetingName: undefined }]) {
      const email = render(name, locale, patch)
      expect(email.subject).not.toMatch(/\{\{|\n|^\s|\s$/)
      expect(email.html).not.toContain("{{")
      expect(email.text).not.toContain("{{")
      expect(email.text).not.toMatch(/&(amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/i)
      expect(email.text).toContain(SAMPLE_LINKS.unsubscribeUrl)
      expect(email.html).toContain(`href="${escaped(SAMPLE_LINKS.unsubscribeUrl)}"`)
      expect(email.text).toContain("Moda Cad. 12, 34710 Kadıköy, İstanbul, Türkiye")
      expect(previewOf(email.html)?.length).toBeGreaterThan(20)
    }
  })

  it.each(cases)("%s (%s) renders with nothing but its required data", (name, locale) => {
    const template = getTemplate(name)!
    const minimal = Object.fromEntries(template.required.map((key) => [key, template.sampleData[key]]))
    const email = render(name, locale, minimal, true)
    expect(email.html).not.toContain("{{")
    // Without a shop link of its own, the button leads to the storefront.
    expect(email.html).toContain(`href="${SAMPLE_BRAND.storefrontUrl}"`)
    expect(email.html).not.toContain("dashed")
  })

  it("links a reader taps are 44 px tall: View links and the order link pad 12 px around 20-24 px lines", () => {
    const html = render("flow-post-purchase", "en").html
    const views = [...html.matchAll(/<a href="[^"]+" style="display:inline-block;padding:12px 0 12px 8px;[^"]*">View<\/a>/g)]
    expect(views).toHaveLength(SAMPLE_PRODUCTS.length)
    expect(html).toMatch(/<a href="[^"]+" style="display:inline-block;padding:12px 0;[^"]*">View your order<\/a>/)
  })

  it.each(discountCases)("%s (%s): the preview line names the discount when there is one", (name, locale) => {
    const percent = previewOf(render(name, locale, percentOff).html)!
    expect(percent).toContain("HELLO10")
    expect(percent).toContain(locale === "tr" ? "%10" : "10%")
    const amount = previewOf(render(name, locale, amountOff).html)!
    expect(amount).toContain("SAVE50")
    expect(amount).toContain(locale === "tr" ? "€50,00" : "€50.00")
    const none = render(name, locale, noDiscount)
    expect(previewOf(none.html)).not.toMatch(/HELLO10|WELCOME10|BACK15| off |indirim/)
    expect(none.html).not.toContain("dashed")
  })

  it.each(discountCases)("%s (%s): the code box shows the code, the amount and the expiry", (name, locale) => {
    const email = render(name, locale, amountOff)
    expect(email.text).toContain("SAVE50")
    expect(email.text).toContain(locale === "tr" ? "Siparişinizde €50,00 indirim" : "€50.00 off your order")
    expect(email.text).toContain(locale === "tr" ? "30 Haziran 2030 tarihine kadar geçerlidir" : "Valid until June 30, 2030")
  })

  it.each(WITH_PRODUCTS.flatMap((name) => SUPPORTED_LOCALES.map((locale) => [name, locale] as const)))(
    "%s (%s) lists products with their links and prices, an image column only when some has an image",
    (name, locale) => {
      const withImages = render(name, locale, { products: SAMPLE_PRODUCTS })
      for (const product of SAMPLE_PRODUCTS) {
        expect(withImages.text).toContain(product.title)
        expect(withImages.html).toContain(`href="${product.url}"`)
      }
      expect(withImages.text).toContain(locale === "tr" ? "€19,50" : "€19.50")
      expect(withImages.html.match(/<td width="84"/g)).toHaveLength(SAMPLE_PRODUCTS.length)
      expect(withImages.html.match(/<img class="product-image"/g)).toHaveLength(2)
      // The image is not linked: the text part names each product once.
      expect(withImages.text.split(SAMPLE_PRODUCTS[0].title)).toHaveLength(2)

      const noImages = render(name, locale, { products: SAMPLE_PRODUCTS.map(({ imageUrl: _, ...p }) => p) })
      expect(noImages.html).not.toContain('<td width="84"')
      expect(noImages.html).not.toContain('class="product-image"')
      const rows = [...noImages.html.matchAll(/<tr>((?:(?!<tr)[\s\S])*?)<\/tr>/g)].map((m) => m[1]).filter((row) => row.includes("/products/"))
      expect(rows).toHaveLength(SAMPLE_PRODUCTS.length)
      expect(new Set(rows.map((row) => (row.match(/<td/g) ?? []).length))).toEqual(new Set([2]))

      const noPrice = render(name, locale, { products: [{ id: "p", title: "Gift Card", url: "https://kestrel.example.com/products/gift-card" }] })
      expect(noPrice.text).toContain("Gift Card")
      expect(noPrice.text).not.toMatch(/€|\$/)

      const empty = render(name, locale, { products: [] })
      expect(empty.html).not.toContain("<table cellpadding=\"0\" cellspacing=\"0\" width=\"100%\" border=\"0\" style=\"color:")
      expect(empty.text).not.toContain("Canvas Tote")
    }
  )

  it("welcome 3 and win-back 2 change subject, heading and button with the code", () => {
    expect(render("flow-welcome-3", "en").subject).toBe("A gift for your first order at Kestrel Supply")
    expect(render("flow-welcome-3", "en", noDiscount).subject).toBe("Ayşe, ready for your first order?")
    expect(render("flow-welcome-3", "tr", noDiscount).subject).toBe("Ayşe, ilk siparişinize hazır mısınız?")
    expect(render("flow-welcome-3", "en", noDiscount).text).toContain("Visit the shop")
    expect(render("flow-win-back-2", "en").subject).toBe("A gift to welcome you back to Kestrel Supply")
    expect(render("flow-win-back-2", "tr", { ...noDiscount, customerName: undefined }).subject).toBe("Kestrel Supply sizi bekliyor")
    expect(render("flow-win-back-2", "en").text).toContain("Use my code")
  })

  it("a flow step's A/B subject line replaces the template's subject", () => {
    expect(render("flow-welcome-1", "en", { subjectLine: "Hello from Kestrel" }).subject).toBe("Hello from Kestrel")
  })

  it("welcome 1 and post-purchase greet by name, or neutrally", () => {
    expect(render("flow-welcome-1", "en").subject).toBe("Welcome to Kestrel Supply, Ayşe")
    expect(render("flow-welcome-1", "tr", { customerName: undefined }).subject).toBe("Kestrel Supply ailesine hoş geldiniz")
    const post = render("flow-post-purchase", "en")
    expect(post.text).toContain("Hi Ayşe,")
    expect(post.text).toContain("order #1042")
    expect(post.text).toContain("Frequently bought together")
    expect(post.html).toContain('href="https://kestrel.example.com/account/orders/order_01JSAMPLE"')
    expect(render("flow-post-purchase", "tr").text).toContain("Birlikte sık alınanlar")
    const plain = render("flow-post-purchase", "en", { greetingName: undefined, orderUrl: undefined, products: [], discount: undefined })
    expect(plain.text).toContain("Hi there,")
    expect(plain.text).not.toMatch(/View your order|Frequently bought together/)
    expect(previewOf(plain.html)).toBe("Thank you for shopping at Kestrel Supply.")
  })

  it("birthday shows the bonus and its value only when paid", () => {
    const paid = render("flow-birthday", "en", noDiscount)
    expect(paid.subject).toBe("Happy birthday, Ayşe! A gift from Kestrel Supply")
    expect(paid.text).toContain("+200")
    expect(paid.text).toContain("Worth €2.00 off your next order")
    expect(previewOf(paid.html)).toBe("We added 200 birthday points to your account, worth €2.00.")
    expect(paid.html).toContain('href="https://kestrel.example.com/account/rewards"')
    expect(previewOf(render("flow-birthday", "en").html)).toBe(
      "A birthday gift: 15% off with code BIRTHDAY15. We added 200 birthday points to your account, worth €2.00."
    )
    const paidTr = render("flow-birthday", "tr")
    expect(paidTr.text).toContain("Bir sonraki siparişinizde €2,00 indirim değerinde")

    const noValue = render("flow-birthday", "en", { bonusValue: undefined })
    expect(noValue.text).toContain("+200")
    expect(noValue.text).not.toContain("Worth")

    const none = render("flow-birthday", "tr", { bonusPoints: undefined, bonusValue: undefined })
    expect(none.subject).toBe("İyi ki doğdunuz, Ayşe!")
    expect(none.text).not.toMatch(/puan|\+200/)
    expect(none.html).toContain('href="https://kestrel.example.com/store"')
  })

  it("win-back 1 names the last order's date when known", () => {
    expect(render("flow-win-back-1", "en").text).toContain("since your last order on March 14, 2030")
    expect(render("flow-win-back-1", "tr").text).toContain("14 Mart 2030")
    const undated = render("flow-win-back-1", "en", { lastOrderDate: undefined })
    expect(undated.text).toContain("It has been a while. Here is")
  })

  it("samples show every optional block, so the editor's preview shows all of a template", () => {
    for (const name of WITH_DISCOUNT) {
      expect(getTemplate(name)!.sampleData.discount).toMatchObject({ code: expect.any(String), expiresAt: SAMPLE_DISCOUNT.expiresAt })
    }
    for (const name of WITH_PRODUCTS) {
      expect((getTemplate(name)!.sampleData.products as unknown[]).length).toBeGreaterThan(1)
    }
  })
})

describe("lifecycle flow email strings", () => {
  // The template editor shows every string as a field: one the email never uses would be a
  // field that changes nothing.
  it.each(cases)("%s (%s) uses every string it ships", (name, locale) => {
    const template = getTemplate(name)!
    const sources = [template.mjml, template.subject[locale], ...Object.values(template.strings[locale])].join("\n")
    for (const key of Object.keys(template.strings[locale])) {
      if (key === "preview") continue
      expect({ key, used: sources.includes(`{{t.${key}}}`) }).toEqual({ key, used: true })
    }
  })
})
