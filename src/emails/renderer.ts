import type Handlebars from "handlebars"
import {
  compileTemplate,
  errorMessage,
  handlebarsErrorSummary,
  runMjml,
  type CompiledTemplate,
} from "./compile"
import { TemplateRenderError } from "./errors"
import { plausibleName } from "./recipient-name"
import {
  createEmailHandlebars,
  createFormatMemo,
  type FormatMemo,
  type RenderFormat,
} from "./handlebars"
import { htmlToText, tidyText } from "./text-part"
import { DEFAULT_LOCALE, resolveLocale, type Locale } from "./locales"
import { getTemplate } from "./registry"
import { assembleSource, withStringOverrides } from "./source"
import type {
  BrandSettings,
  EmailTemplate,
  RenderInput,
  RenderedEmail,
  TemplateData,
  TemplateIssue,
  TemplatePart,
} from "./types"

const BRAND_TEXT_FIELDS = [
  "storeName",
  "storeAddress",
  "storefrontUrl",
] as const
const BRAND_COLOR_FIELDS = [
  "primaryColor",
  "textColor",
  "backgroundColor",
] as const
// MJML cannot validate brand colours (they are placeholders when it runs) and they end up in
// style attributes, so they are held to a plain colour syntax here.
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]+|rgba?\([\d\s.,%]+\))$/i

function lookupTemplate(name: string, locale: string): EmailTemplate {
  const template = getTemplate(name)
  if (!template) {
    throw new TemplateRenderError({
      template: name,
      locale,
      part: "mjml",
      detail: `no template is registered under "${name}"`,
    })
  }
  return template
}

function brandProblems(brand: BrandSettings): string[] {
  const missing: string[] = []
  for (const field of BRAND_TEXT_FIELDS) {
    if (!brand[field]?.trim()) {
      missing.push(`brand.${field}`)
    }
  }
  for (const field of BRAND_COLOR_FIELDS) {
    if (!COLOR.test(brand[field] ?? "")) {
      missing.push(`brand.${field} (a colour such as #1a1a1a)`)
    }
  }
  return missing
}

const BRAND_CHECKED_FIELDS = [...BRAND_TEXT_FIELDS, ...BRAND_COLOR_FIELDS]

type BrandCheck = {
  values: (string | undefined)[]
  problems: readonly string[]
}

// A store has one brand, passed as the same object to every send of a batch: check each
// object once. The checked values are kept alongside, so a brand edited in place is checked
// again rather than trusted.
const brandChecks = new WeakMap<BrandSettings, BrandCheck>()

export function checkedBrandProblems(brand: BrandSettings): readonly string[] {
  const known = brandChecks.get(brand)
  if (known) {
    let unchanged = true
    for (let i = 0; i < BRAND_CHECKED_FIELDS.length; i++) {
      if (brand[BRAND_CHECKED_FIELDS[i]] !== known.values[i]) {
        unchanged = false
        break
      }
    }
    if (unchanged) {
      return known.problems
    }
  }
  const problems = brandProblems(brand)
  if (typeof brand === "object" && brand !== null) {
    brandChecks.set(brand, {
      values: BRAND_CHECKED_FIELDS.map((field) => brand[field]),
      problems,
    })
  }
  return problems
}

function missingVariables(
  template: EmailTemplate,
  data: TemplateData,
  brand: BrandSettings,
  unsubscribeUrl: string | undefined
): string[] {
  const missing: string[] = []
  for (const key of template.required) {
    if (data[key] === undefined || data[key] === null) {
      missing.push(key)
    }
  }
  missing.push(...checkedBrandProblems(brand))
  // Sending marketing mail without a working opt-out breaks CAN-SPAM and GDPR.
  if (template.category === "marketing" && !unsubscribeUrl) {
    missing.push("unsubscribeUrl")
  }
  return missing
}

function checkVariables(
  template: EmailTemplate,
  locale: Locale,
  input: RenderInput
): void {
  const missing = missingVariables(
    template,
    input.data,
    input.brand,
    input.unsubscribeUrl
  )
  if (missing.length) {
    throw new TemplateRenderError({
      template: template.name,
      locale,
      part: "variables",
      detail: `missing or invalid: ${missing.join(", ")}`,
      issues: missing.map((name) => ({
        part: "variables",
        message: `missing or invalid: ${name}`,
      })),
    })
  }
}

const hasOwn = (value: object, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(value, key)

export function renderContext(
  input: RenderInput,
  locale: Locale
): Record<string, unknown> {
  // The same object as `{ ...input.data, brand, unsubscribeUrl, preferencesUrl, locale }`,
  // built without that literal: in V8, keys added after a spread cost microseconds per send.
  // Object.assign would run the __proto__ setter for an own "__proto__" key (JSON input can
  // carry one), so such data keeps the spread, which defines it as a plain property.
  const data = input.data
  const context: Record<string, unknown> =
    data !== null && data !== undefined && hasOwn(data, "__proto__")
      ? { ...data }
      : Object.assign({}, data)
  // Names come from what shoppers type and go to whatever address they typed: a customer email
  // shows one only if it looks like a personal name (recipient-name.ts), whatever the template
  // or a merchant's override does with it.
  if (getTemplate(input.template)?.audience !== "staff") {
    if (context.customerName !== undefined) {
      context.customerName = plausibleName(context.customerName)
    }
    if (context.greetingName !== undefined) {
      context.greetingName = plausibleName(context.greetingName)
    }
  }
  // Reserved names come last so template data can never replace the brand or the opt-out link.
  context.brand = input.brand
  context.unsubscribeUrl = input.unsubscribeUrl
  context.preferencesUrl = input.preferencesUrl
  context.locale = locale
  return context
}

function runTemplate(
  delegate: Handlebars.TemplateDelegate,
  context: Record<string, unknown>,
  format: RenderFormat,
  template: EmailTemplate,
  locale: Locale,
  part: TemplatePart,
  memo?: FormatMemo
): string {
  try {
    return delegate(context, { data: { format, memo } })
  } catch (error) {
    throw new TemplateRenderError({
      template: template.name,
      locale,
      part,
      detail: errorMessage(error),
      cause: error,
    })
  }
}

// Whitespace that `\s+ -> " "` would change: a run of two or more, or a lone non-space.
const UNTIDY_WHITESPACE = /\s\s|[^\S ]/

function cleanSubject(subject: string): string {
  // A line break in a subject would be a header injection.
  return UNTIDY_WHITESPACE.test(subject)
    ? subject.replace(/\s+/g, " ").trim()
    : subject.trim()
}

export function renderCompiled(
  compiled: CompiledTemplate,
  template: EmailTemplate,
  locale: Locale,
  context: Record<string, unknown>
): RenderedEmail {
  // The three parts show the same amounts and dates: each is formatted once per email.
  const memo = createFormatMemo()
  const subject = runTemplate(
    compiled.subject,
    context,
    "text",
    template,
    locale,
    "subject",
    memo
  )
  const html = runTemplate(
    compiled.html,
    context,
    "html",
    template,
    locale,
    "mjml",
    memo
  )
  const text = runTemplate(
    compiled.text,
    context,
    "text",
    template,
    locale,
    "text",
    memo
  )
  return {
    subject: cleanSubject(subject),
    html,
    text: tidyText(text),
    locale,
  }
}

function compilationError(
  template: EmailTemplate,
  locale: Locale,
  issues: TemplateIssue[]
): TemplateRenderError {
  const first = issues[0]
  const where = first.line ? ` (line ${first.line})` : ""
  return new TemplateRenderError({
    template: template.name,
    locale,
    part: first.part,
    detail: `${first.message}${where}${issues.length > 1 ? ` and ${issues.length - 1} more` : ""}`,
    issues,
  })
}

export type RendererStats = {
  /** Compiled templates currently held. */
  entries: number
  hits: number
  misses: number
  /** MJML compilations run by this renderer (successful or not). */
  compiles: number
  evictions: number
}

type CacheEntry =
  { compiled: CompiledTemplate } | { error: TemplateRenderError }

// Built-in keys are built once per template and locale: a key concatenated afresh on every
// send would be hashed afresh on every lookup too.
const builtinKeys = new WeakMap<
  EmailTemplate,
  Partial<Record<Locale, string>>
>()

function cacheKey(
  template: EmailTemplate,
  locale: Locale,
  override: RenderInput["override"]
): string {
  if (override) {
    return `${template.name}\u0000${locale}\u0000o:${override.version}`
  }
  let keys = builtinKeys.get(template)
  if (!keys) {
    keys = {}
    builtinKeys.set(template, keys)
  }
  return (keys[locale] ??= `${template.name}\u0000${locale}\u0000builtin`)
}

/**
 * Compiles each (template, locale, override version) once: partials and localized strings
 * are inlined, MJML runs with the Handlebars placeholders intact, and the resulting HTML and
 * the plain text derived from it are kept as compiled Handlebars templates. A send only runs
 * those and tidies the text. Failed compilations are cached too, so a broken
 * override costs one MJML run, not one per recipient.
 */
export class EmailRenderer {
  private readonly env = createEmailHandlebars()
  private readonly cache = new Map<string, CacheEntry>()
  private readonly maxEntries: number
  private counters = { hits: 0, misses: 0, compiles: 0, evictions: 0 }

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 500
  }

  render(input: RenderInput): RenderedEmail {
    const locale = resolveLocale([input.locale], DEFAULT_LOCALE)
    const template = lookupTemplate(input.template, locale)
    checkVariables(template, locale, input)
    const compiled = this.compiled(template, locale, input.override)
    return renderCompiled(
      compiled,
      template,
      locale,
      renderContext(input, locale)
    )
  }

  /** Compiles ahead of the first send (e.g. before a batch), so no recipient pays for it. */
  warm(
    templateName: string,
    locale: string,
    override?: RenderInput["override"]
  ): void {
    const resolved = resolveLocale([locale], DEFAULT_LOCALE)
    this.compiled(lookupTemplate(templateName, resolved), resolved, override)
  }

  clearCache(): void {
    this.cache.clear()
    this.counters = { hits: 0, misses: 0, compiles: 0, evictions: 0 }
  }

  stats(): RendererStats {
    return { entries: this.cache.size, ...this.counters }
  }

  private compiled(
    template: EmailTemplate,
    locale: Locale,
    override: RenderInput["override"]
  ): CompiledTemplate {
    const key = cacheKey(template, locale, override)
    let entry = this.cache.get(key)
    if (entry) {
      this.counters.hits++
      // Re-inserting moves the key to the end: Map order doubles as LRU order.
      this.cache.delete(key)
      this.cache.set(key, entry)
    } else {
      this.counters.misses++
      this.counters.compiles++
      const compilation = compileTemplate(this.env, template, locale, override)
      entry = compilation.compiled
        ? { compiled: compilation.compiled }
        : { error: compilationError(template, locale, compilation.issues) }
      this.cache.set(key, entry)
      if (this.cache.size > this.maxEntries) {
        const oldest = this.cache.keys().next()
        if (!oldest.done) {
          this.cache.delete(oldest.value)
          this.counters.evictions++
        }
      }
    }
    if ("error" in entry) {
      throw entry.error
    }
    return entry.compiled
  }
}

/** Shared instance: one cache per process. */
export const emailRenderer = new EmailRenderer()

const uncachedEnv = createEmailHandlebars()

/**
 * The naive pipeline, kept as the benchmark baseline and as a cross-check in tests:
 * Handlebars on the MJML source with the data, then a full MJML run, on every call.
 */
export function renderUncached(input: RenderInput): RenderedEmail {
  const locale = resolveLocale([input.locale], DEFAULT_LOCALE)
  const { template, issues: stringIssues } = withStringOverrides(lookupTemplate(input.template, locale), locale, input.override?.strings)
  if (stringIssues.length) {
    throw compilationError(template, locale, stringIssues)
  }
  checkVariables(template, locale, input)
  const context = renderContext(input, locale)
  const where = { template: template.name, locale }

  const subjectSource = assembleSource(
    input.override?.subject ?? template.subject[locale],
    template,
    locale,
    "subject"
  )
  if (subjectSource.issues.length) {
    throw compilationError(template, locale, subjectSource.issues)
  }
  const mjmlSource = assembleSource(
    input.override?.mjml ?? template.mjml,
    template,
    locale,
    "mjml"
  )
  if (mjmlSource.issues.length) {
    throw compilationError(template, locale, mjmlSource.issues)
  }

  const subject = runTemplate(
    compile(uncachedEnv, subjectSource.source, "subject", where, true),
    context,
    "text",
    template,
    locale,
    "subject"
  )
  const mjml = runTemplate(
    compile(uncachedEnv, mjmlSource.source, "mjml", where, false),
    context,
    "html",
    template,
    locale,
    "mjml"
  )
  const result = runMjml(mjml)
  if (result.issues.length) {
    throw compilationError(template, locale, result.issues)
  }
  return {
    subject: cleanSubject(subject),
    html: result.html,
    text: htmlToText(result.html),
    locale,
  }
}

function compile(
  env: typeof Handlebars,
  source: string,
  part: TemplatePart,
  where: { template: string; locale: Locale },
  noEscape: boolean
): Handlebars.TemplateDelegate {
  try {
    return env.compile(env.parse(source), { noEscape })
  } catch (error) {
    throw new TemplateRenderError({
      ...where,
      part,
      detail: handlebarsErrorSummary(error),
      cause: error,
    })
  }
}
