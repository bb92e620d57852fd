import { EmailRenderer } from "../renderer"
import { listTemplates } from "../registry"
import { SUPPORTED_LOCALES } from "../locales"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"

// The default consent policy is opt-out: a marketing footer must not claim the reader opted in,
// and must say how to stop the emails, in every locale.
describe("marketing footer", () => {
  const renderer = new EmailRenderer()
  const marketing = listTemplates().filter((t) => t.category === "marketing")

  it("has marketing templates to check", () => {
    expect(marketing.length).toBeGreaterThan(0)
  })

  for (const template of listTemplates().filter((t) => t.category === "marketing")) {
    for (const locale of SUPPORTED_LOCALES) {
      it(`${template.name} (${locale}) claims no opt-in and offers the unsubscribe link`, () => {
        const out = renderer.render({ template: template.name, locale, data: template.sampleData, brand: SAMPLE_BRAND, ...SAMPLE_LINKS })
        for (const part of [out.html, out.text]) {
          expect(part).not.toMatch(/opted in|kabul ettiğiniz/i)
          expect(part).toMatch(/shopped or signed up|alışveriş yaptığınız veya kaydolduğunuz/)
        }
        expect(out.html).toContain(SAMPLE_LINKS.unsubscribeUrl.replace(/=/g, "&#x3D;"))
      })
    }
  }
})
