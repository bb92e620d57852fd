// Merchant MJML must never read a file on the server (security review, issue #12 item 1):
// mjml 4 follows <mj-include path="…"> by default, and a Handlebars error used to quote the
// line of source it choked on, so an included file came back in the error text.
import Handlebars from "handlebars"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  fileReadingConstructs,
  handlebarsErrorSummary,
  runMjml,
} from "../compile"
import { TemplateRenderError } from "../errors"
import { getTemplate } from "../registry"
import { EmailRenderer, renderUncached } from "../renderer"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "../samples"
import { renderPreview, validateTemplateSource } from "../validate"

const SECRET = "DATABASE_PASSWORD_7f3c9e"
let dir: string
let secretHtml: string
let secretMjml: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "retention-include-"))
  // "{{{{" makes Handlebars fail on the included text, which is how the process environment
  // leaked through the error message.
  secretHtml = join(dir, "secret.env")
  writeFileSync(secretHtml, `${SECRET}=1 {{{{raw}}}}\n`)
  secretMjml = join(dir, "secret.mjml")
  writeFileSync(secretMjml, `<mj-text>${SECRET}</mj-text>`)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function cartReminderWith(insert: string): string {
  const mjml = getTemplate("cart-reminder")?.mjml
  if (!mjml) {
    throw new Error("cart-reminder is not registered")
  }
  return mjml.replace("<mj-body", `${insert}\n<mj-body`)
}

function lineOf(source: string, needle: string): number {
  return source.slice(0, source.indexOf(needle)).split("\n").length
}

describe("MJML that reads files", () => {
  it("is refused by validation with the line, and nothing of the file comes back", () => {
    const mjml = cartReminderWith(
      `<mj-include path="${secretHtml}" type="html" />`
    )
    const result = validateTemplateSource({
      templateName: "cart-reminder",
      locale: "en",
      mjml,
    })
    expect(result.ok).toBe(false)
    if (result.ok) {
      return
    }
    expect(result.errors).toContainEqual({
      part: "mjml",
      kind: "policy",
      line: lineOf(mjml, "<mj-include"),
      message: expect.stringMatching(/^mj-include is not allowed/),
    })
    expect(JSON.stringify(result)).not.toContain(SECRET)
  })

  it("is refused by the preview, whatever the include type or the tag's case", () => {
    for (const include of [
      `<mj-include path="${secretMjml}" />`,
      `<MJ-INCLUDE path="${secretHtml}" type="html"/>`,
      `<mj-include path="${secretHtml}" type="css" css-inline="inline" />`,
    ]) {
      let caught: unknown
      try {
        renderPreview({
          templateName: "cart-reminder",
          locale: "en",
          mjml: cartReminderWith(include),
        })
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(TemplateRenderError)
      if (!(caught instanceof TemplateRenderError)) {
        return
      }
      expect(caught.part).toBe("mjml")
      expect(caught.message).toContain("mj-include is not allowed")
      expect(JSON.stringify(caught.issues)).not.toContain(SECRET)
    }
  })

  it("refuses file-name attributes on MJML tags", () => {
    expect(
      fileReadingConstructs(
        `<mjml>\n<mj-head><mj-style inline="inline" path="/etc/passwd" /></mj-head>\n</mjml>`
      )
    ).toEqual([
      {
        part: "mjml",
        kind: "policy",
        line: 2,
        message: "the path attribute is not allowed: templates cannot read files",
      },
    ])
    // Image sources and links are URLs in the output, not files read by mjml.
    expect(
      fileReadingConstructs(
        `<mj-image src="https://cdn.example/logo.png" href="{{storefrontUrl}}" />`
      )
    ).toEqual([])
  })

  it("is refused when a saved override is sent", () => {
    let caught: unknown
    try {
      new EmailRenderer().render({
        template: "cart-reminder",
        locale: "en",
        data: getTemplate("cart-reminder")?.sampleData ?? {},
        brand: SAMPLE_BRAND,
        ...SAMPLE_LINKS,
        override: {
          mjml: cartReminderWith(`<mj-include path="${secretMjml}" />`),
          version: "1",
        },
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(TemplateRenderError)
    expect(String(caught)).toContain("mj-include is not allowed")
    expect(String(caught)).not.toContain(SECRET)
  })

  it("is never followed by mjml itself, whoever wrote the source", () => {
    const source = `<mjml><mj-body><mj-section><mj-column>
      <mj-include path="${secretMjml}" />
      <mj-text>kept</mj-text>
    </mj-column></mj-section></mj-body></mjml>`
    const { html } = runMjml(source)
    expect(html).toContain("kept")
    expect(html).not.toContain(SECRET)
    expect(html).not.toContain(dir)
  })

  it("cannot come from customer data in the uncached pipeline", () => {
    const template = getTemplate("cart-reminder")
    const rendered = renderUncached({
      template: "cart-reminder",
      locale: "en",
      data: {
        ...template?.sampleData,
        customerName: `<mj-include path="${secretMjml}" />`,
      },
      brand: SAMPLE_BRAND,
      ...SAMPLE_LINKS,
    })
    expect(rendered.html).not.toContain(SECRET)
  })
})

describe("handlebarsErrorSummary", () => {
  function parseError(source: string): unknown {
    try {
      Handlebars.parse(source)
    } catch (error) {
      return error
    }
    throw new Error("expected a parse error")
  }

  it("keeps where and what, never the quoted source line", () => {
    const lexical = handlebarsErrorSummary(
      parseError(`line one\n${SECRET} {{{{raw}}}} x`)
    )
    expect(lexical).toBe("Lexical error on line 2. Unrecognized text.")
    const parse = handlebarsErrorSummary(parseError(`${SECRET} {{foo}`))
    expect(parse).toMatch(/^Parse error on line 1: Expecting .* got 'INVALID'$/)
    expect(parse).not.toContain(SECRET)
  })

  it("passes other errors through", () => {
    expect(handlebarsErrorSummary(new Error("a doesn't match b - 1:5"))).toBe(
      "a doesn't match b - 1:5"
    )
  })
})
