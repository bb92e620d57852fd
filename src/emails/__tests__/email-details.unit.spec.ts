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

  // The inbox preview line: the hidden first <div> MJML writes from <mj-preview>.
  const previewOf = (html: string) => /<div style="display:none;[^"]*">([^<]*)<\/div>/.exec(html)?.[1]

  it("the preview line of a discount step mentions the discount, in each locale", () => {
    const percent = { ...cartSample, discount: { code: "COMEBACK10", percent: 10 } }
    expect(previewOf(renderCart(percent).html)).toBe("10% off your cart with code COMEBACK10: your items are still waiting.")
    const amount = renderer.render({
      template: "cart-reminder",
      locale: "tr",
      data: { ...cartSample, currency: "try", discount: { code: "GERI50", amount: 50 } },
      brand: SAMPLE_BRAND,
      ...SAMPLE_LINKS,
    })
    expect(previewOf(amount.html)).toBe("GERI50 koduyla sepetinizde ₺50,00 indirim: ürünleriniz sizi bekliyor.")
    const { discount: _, ...plain } = cartSample
    expect(previewOf(renderCart(plain).html)).toBe("The items in your cart are still waiting for you.")
  })

  const earnedSample = listTemplates().find((t) => t.name === "loyalty-points-earned")!.sampleData
  const renderEarned = (data: Record<string, unknown>, locale: "en" | "tr" = "en") =>
    renderer.render({ template: "loyalty-points-earned", locale, data, brand: SAMPLE_BRAND, ...SAMPLE_LINKS })

  it("points earned carries the tier the order reached: subject, preview and a box", () => {
    const email = renderEarned(earnedSample)
    expect(email.subject).toBe("You reached Silver and earned 120 points at Kestrel Supply")
    expect(previewOf(email.html)).toBe("You are now Silver: every order earns 1.25× points.")
    expect(renderEarned(earnedSample, "tr").subject).toBe("Kestrel Supply: Silver seviyesine ulaştınız ve 120 puan kazandınız")

    const { reachedTierName: _n, reachedTierMultiplier: _m, ...noTier } = earnedSample
    const plain = renderEarned(noTier)
    expect(plain.subject).toBe("You earned 120 points at Kestrel Supply")
    expect(previewOf(plain.html)).toBe("Your points balance just went up.")
    expect(plain.text).not.toContain("You are now")
    // Without a new tier, the current one is named as before.
    expect(plain.text).toContain("You are a Silver member. Earn 3,660 more points to reach Gold.")
  })

  it("points earned shows available and pending apart; older data without them shows the total", () => {
    const email = renderEarned({ ...earnedSample, availablePoints: 0, pendingPoints: 120 })
    expect(email.text).toMatch(/Available now\s+0\b/)
    expect(email.text).toMatch(/Pending\s+120\b/)
    expect(email.text).not.toContain("Your balance")

    const { availablePoints: _a, pendingPoints: _p, ...legacy } = earnedSample
    const old = renderEarned(legacy)
    expect(old.text).toMatch(/Your balance\s+1,340/)
    expect(old.text).not.toContain("Available now")
  })

  it("loyalty emails show a money value only when a currency is known", () => {
    const render = (template: string, data: Record<string, unknown>) =>
      renderer.render({ template, locale: "en", data, brand: SAMPLE_BRAND, ...SAMPLE_LINKS })
    const expiring = listTemplates().find((t) => t.name === "loyalty-points-expiring")!.sampleData
    expect(render("loyalty-points-expiring", expiring).text).toContain("Worth €3.00 off your next order")
    expect(previewOf(render("loyalty-points-expiring", { ...expiring, currency: "usd", pointsValue: 12.5 }).html)).toBe(
      "$12.50 in points expires soon: use it before July 14, 2030."
    )
    const { currency: _c, pointsValue: _v, pendingPoints: _p, ...bare } = expiring
    const without = render("loyalty-points-expiring", bare)
    expect(without.text).not.toMatch(/Worth|Pending/)
    expect(previewOf(without.html)).toBe("Use your points before they expire.")

    const available = listTemplates().find((t) => t.name === "loyalty-points-available")!.sampleData
    const { currency: _c2, pendingPoints: _p2, ...plain } = available
    expect(render("loyalty-points-available", plain).text).not.toMatch(/worth|pending/)
  })

  it("templates have the priorities the send policy weighs them by", () => {
    const priorities = Object.fromEntries(listTemplates().map((t) => [t.name, t.priority ?? "normal"]))
    expect(priorities).toMatchObject({
      "cart-reminder": "high",
      "nps-survey": "high",
      "loyalty-points-earned": "low",
      "loyalty-points-available": "low",
      "loyalty-tier-reached": "low",
      "loyalty-points-expiring": "normal",
      "replenishment-running-low": "normal",
    })
  })

  it("a web font only when the brand names one: its stylesheet linked, its family first", () => {
    const plain = renderCart(cartSample).html
    expect(plain).not.toContain("<link")
    expect(plain).toContain("font-family:-apple-system, BlinkMacSystemFont")

    const webFont = { family: "Source Sans 3", url: "https://fonts.googleapis.com/css2?family=Source+Sans+3&display=swap" }
    const branded = renderer.render({ template: "cart-reminder", locale: "en", data: cartSample, brand: { ...SAMPLE_BRAND, webFont }, ...SAMPLE_LINKS })
    expect(branded.html).toContain(
      '<link href="https://fonts.googleapis.com/css2?family&#x3D;Source+Sans+3&amp;display&#x3D;swap" rel="stylesheet" type="text/css" />'
    )
    expect(branded.html).toContain("font-family:'Source Sans 3', -apple-system, BlinkMacSystemFont")
    expect(branded.text).toBe(renderCart(cartSample).text)
  })

  it("NPS score buttons are 44 × 44 px in every client width, and wrap instead of shrinking", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const template = listTemplates().find((t) => t.name === "nps-survey")!
      const { html } = renderer.render({ template: "nps-survey", locale, data: template.sampleData, brand: SAMPLE_BRAND, ...SAMPLE_LINKS })
      const buttons = [...html.matchAll(/<a href="[^"]*score&#x3D;\d+"[^>]*style="([^"]*)"/g)].map((m) => m[1])
      expect(buttons).toHaveLength(11)
      for (const style of buttons) {
        expect(style).toContain("display:inline-block;box-sizing:border-box;width:44px;height:44px;")
      }
      // No table cell that would squeeze eleven buttons into one row on a phone.
      expect(html).not.toMatch(/table-layout:fixed/)
    }
  })
})
