import { compileTemplate, errorMessage } from "./compile"
import { TemplateRenderError } from "./errors"
import { createEmailHandlebars } from "./handlebars"
import { DEFAULT_LOCALE, resolveLocale } from "./locales"
import { getTemplate } from "./registry"
import { renderCompiled, renderContext } from "./renderer"
import { SAMPLE_BRAND, SAMPLE_LINKS } from "./samples"
import type {
  BrandSettings,
  RenderedEmail,
  TemplateIssue,
  ValidationResult,
} from "./types"
import { findUnknownVariables } from "./variables"

const env = createEmailHandlebars()

// A name only the greeting may show (see recipient-name.ts and the cart reminder's data).
const GREETING_NAME = /\{\{[^}]*\bgreetingName\b/

export type SourceCheckInput = {
  templateName: string
  locale: string
  /** Left out: the built-in subject is used. */
  subject?: string
  /** Left out: the built-in MJML is used. */
  mjml?: string
  /** The merchant's wording of some `{{t.key}}` strings; the others stay as shipped. */
  strings?: Record<string, string>
}

/**
 * Checks a merchant's edited subject/MJML before it is saved: compiles it exactly as a send
 * would, then renders it with the template's sample data. Errors carry the part and, where
 * known, the line in the merchant's source, for inline display in the admin.
 */
export function validateTemplateSource(
  input: SourceCheckInput
): ValidationResult {
  const template = getTemplate(input.templateName)
  if (!template) {
    return {
      ok: false,
      errors: [
        {
          part: "mjml",
          message: `no template is registered under "${input.templateName}"`,
        },
      ],
    }
  }
  const locale = resolveLocale([input.locale], DEFAULT_LOCALE)
  const compilation = compileTemplate(env, template, locale, input)
  const errors: TemplateIssue[] = [...compilation.issues]
  const greetingInSubject = GREETING_NAME.exec(compilation.subjectSource)
  if (greetingInSubject) {
    errors.push({
      part: "subject",
      line: compilation.subjectSource.slice(0, greetingInSubject.index).split("\n").length,
      message:
        "greetingName is not allowed in a subject: it can be what a guest typed into an address; use customerName (the name on the customer's account)",
    })
  }

  const renderInput = {
    template: template.name,
    locale,
    data: template.sampleData,
    // Every optional brand field set (a web font is off by default), so a template may read any.
    brand: { ...SAMPLE_BRAND, webFont: { family: "Inter", url: "https://fonts.example.com/inter.css" } },
    ...SAMPLE_LINKS,
  }
  const context = renderContext(renderInput, locale)

  const sources = [
    { part: "subject" as const, source: compilation.subjectSource },
    { part: "mjml" as const, source: compilation.mjmlSource },
  ]
  for (const { part, source } of sources) {
    if (errors.some((error) => error.part === part)) {
      continue
    }
    try {
      for (const unknown of findUnknownVariables(env, source, context)) {
        errors.push({
          part: "variables",
          message: `${part === "subject" ? "subject uses" : "uses"} "${unknown.path}", which this template's data does not have`,
          line: unknown.line,
        })
      }
    } catch (error) {
      errors.push({ part, message: errorMessage(error) })
    }
  }

  if (compilation.compiled && !errors.length) {
    try {
      renderCompiled(compilation.compiled, template, locale, context)
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) {
        throw error
      }
      errors.push(...error.issues)
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true }
}

/**
 * Renders a template (or an unsaved draft of it) with its sample data for the admin preview.
 * Never cached: drafts change on every keystroke.
 */
export function renderPreview(input: {
  templateName: string
  locale: string
  brand?: BrandSettings
  subject?: string
  mjml?: string
  strings?: Record<string, string>
  // Defaults to the template's sample data.
  data?: Record<string, unknown>
}): RenderedEmail {
  const template = getTemplate(input.templateName)
  const locale = resolveLocale([input.locale], DEFAULT_LOCALE)
  if (!template) {
    throw new TemplateRenderError({
      template: input.templateName,
      locale,
      part: "mjml",
      detail: `no template is registered under "${input.templateName}"`,
    })
  }
  const compilation = compileTemplate(env, template, locale, input)
  if (!compilation.compiled) {
    const first = compilation.issues[0]
    throw new TemplateRenderError({
      template: template.name,
      locale,
      part: first?.part ?? "mjml",
      detail: first
        ? `${first.message}${first.line ? ` (line ${first.line})` : ""}`
        : "did not compile",
      issues: compilation.issues,
    })
  }
  const context = renderContext(
    {
      template: template.name,
      locale,
      data: input.data ?? template.sampleData,
      brand: input.brand ?? SAMPLE_BRAND,
      ...SAMPLE_LINKS,
    },
    locale
  )
  return renderCompiled(compilation.compiled, template, locale, context)
}
