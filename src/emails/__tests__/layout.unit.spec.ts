import { emailDocument, opening } from "../layout"
import { SUPPORTED_LOCALES } from "../locales"
import { TEMPLATES } from "../registry"
import { renderPreview, validateTemplateSource } from "../validate"

const CARD = "@@card@@"
const [frameStart, frameEnd] = emailDocument(CARD).split(CARD)

describe("shared layout", () => {
  it("frames the card with the head, header and footer partials", () => {
    expect(frameStart).toContain("{{> head}}")
    expect(frameStart).toContain("{{> header}}")
    expect(frameStart).toContain('<mj-wrapper mj-class="card">')
    expect(frameEnd).toContain("{{> footer}}")
  })

  it.each(TEMPLATES.map((template) => [template.name, template]))(
    "%s is the layout filled with its card",
    (_, template) => {
      expect(template.mjml.startsWith(frameStart)).toBe(true)
      expect(template.mjml.endsWith(frameEnd)).toBe(true)
      const card = template.mjml.slice(
        frameStart.length,
        template.mjml.length - frameEnd.length
      )
      expect(card).toMatch(/^ {6}<mj-section/)
      expect(card).not.toMatch(/<mjml|<mj-head|<mj-body|\{\{> /)
    }
  )

  // The template editor shows `template.mjml` as the default source: a merchant who saves it
  // unchanged, or edits it, has a whole document that compiles and sends the same email.
  it.each(
    TEMPLATES.flatMap((template) =>
      SUPPORTED_LOCALES.map(
        (locale) => [template.name, locale, template] as const
      )
    )
  )(
    "%s (%s) as shown in the editor compiles to the built-in email",
    (name, locale, template) => {
      expect(
        validateTemplateSource({
          templateName: name,
          locale,
          mjml: template.mjml,
        })
      ).toEqual({ ok: true })
      expect(
        renderPreview({ templateName: name, locale, mjml: template.mjml })
      ).toEqual(renderPreview({ templateName: name, locale }))
    }
  )

  it("opens a card with the heading, a greeting when there is one, and the intro", () => {
    const lines = opening("greetingName")
      .split("\n")
      .map((line) => line.trim())
    expect(lines).toEqual([
      '<mj-text mj-class="heading">{{t.heading}}</mj-text>',
      "<mj-text>{{#if greetingName}}{{t.greetingNamed}}{{else}}{{t.greeting}}{{/if}}</mj-text>",
      "<mj-text>{{t.intro}}</mj-text>",
    ])
    expect(opening()).not.toContain("greeting")
  })
})
