import { createEmailHandlebars } from "../handlebars"
import { EmailRenderer } from "../renderer"
import { listTemplates } from "../registry"
import { SUPPORTED_LOCALES } from "../locales"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import type { CartReminderData } from "../templates/cart-reminder"

const renderer = new EmailRenderer()
const cartSample = listTemplates().find((t) => t.name === "cart-reminder")!.sampleData as CartReminderData
const renderCart = (data: CartReminderData) =>
  renderer.render({ template: "cart-reminder", locale: "en", data, brand: SAMPLE_BRAND, ...SAMPLE_LINKS })

describe("email details", () => {
  it("loads no web font from a third-party host in any template or locale", () => {
    for (const template of listTemplates()) {
      for (const locale of SUPPORTED_LOCALES) {
        const { html } = renderer.render({ template: template.name, locale, data: template.sampleData, brand: SAMPLE_BRAND, ...SAMPLE_LINKS })
        expect({ template: template.name, locale, external: /fonts\.googleapis|@import\s+url/i.test(html) }).toEqual({
          template: template.name,
          locale,
          external: false,
        })
      }
    }
  })

  it("draws the product image column only when some item has an image", () => {
    expect(cartSample.items.some((i) => i.imageUrl)).toBe(true)
    const withImages = renderCart(cartSample).html
    expect(withImages.match(/<td width="72"/g)?.length).toBe(cartSample.items.length)

    const withoutImages = renderCart({ ...cartSample, items: cartSample.items.map(({ imageUrl: _, ...item }) => item) }).html
    expect(withoutImages).not.toContain('<td width="72"')
    // The rows still line up: every row has the same number of cells.
    const rows = [...withoutImages.matchAll(/<tr>((?:(?!<tr)[\s\S])*?)<\/tr>/g)]
      .map((m) => m[1])
      .filter((row) => row.includes("Qty") || row.includes("Cart total"))
    expect(rows).toHaveLength(cartSample.items.length + 1)
    expect(new Set(rows.map((row) => (row.match(/<td/g) ?? []).length))).toEqual(new Set([2]))
  })

  it("the some helper looks at the list's own fields only", () => {
    const env = createEmailHandlebars()
    const render = (source: string, data: unknown) => env.compile(source)(data)
    const yes = "{{#if (some items \"imageUrl\")}}yes{{else}}no{{/if}}"
    expect(render(yes, { items: [{}, { imageUrl: "x" }] })).toBe("yes")
    expect(render(yes, { items: [{ imageUrl: "" }, {}] })).toBe("no")
    expect(render(yes, { items: "not a list" })).toBe("no")
    expect(render("{{#if (some items \"constructor\")}}yes{{else}}no{{/if}}", { items: [{}] })).toBe("no")
  })
})
