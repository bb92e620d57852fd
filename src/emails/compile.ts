import mjml2html from "mjml"
import type Handlebars from "handlebars"
import { KNOWN_HELPERS } from "./handlebars"
import { htmlToText } from "./text-part"
import type { Locale } from "./locales"
import {
  assembleSource,
  droppedBlockTags,
  missingComplianceParts,
  withStringOverrides,
} from "./source"
import type { EmailTemplate, TemplateIssue, TemplatePart } from "./types"

type Delegate = Handlebars.TemplateDelegate

export type CompiledTemplate = {
  subject: Delegate
  html: Delegate
  text: Delegate
}

/** What the merchant can replace; anything left out falls back to the built-in source. */
export type SourceOverride = { subject?: string; mjml?: string; strings?: Record<string, string> }

export type Compilation = {
  compiled?: CompiledTemplate
  /** Handlebars sources after partials and strings were inlined (line numbers preserved). */
  subjectSource: string
  mjmlSource: string
  issues: TemplateIssue[]
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * A Handlebars error without the excerpt of the source it quotes. Parse and lexical errors
 * span several lines: the first says where, a line of source, an ASCII pointer under it, and
 * for parse errors what was expected. The source line is dropped: the line number is enough
 * for the editor, and an error text must never carry more source than the merchant typed
 * (an earlier mj-include let it quote any file on the server).
 */
export function handlebarsErrorSummary(error: unknown): string {
  const lines = errorMessage(error)
    .split("\n")
    .filter((entry) => entry.trim())
  const pointer = lines.findIndex((entry) => /^-*\^$/.test(entry))
  if (pointer < 1) {
    return lines.join(" ")
  }
  return [...lines.slice(0, pointer - 1), ...lines.slice(pointer + 1)].join(" ")
}

function handlebarsIssue(part: TemplatePart, error: unknown): TemplateIssue {
  const message = handlebarsErrorSummary(error)
  const line = /on line (\d+)/.exec(message)
  return { part, message, line: line ? Number(line[1]) : undefined }
}

function parseHandlebars(
  env: typeof Handlebars,
  source: string,
  part: TemplatePart
): TemplateIssue | undefined {
  try {
    env.parse(source)
    return undefined
  } catch (error) {
    return handlebarsIssue(part, error)
  }
}

type MjmlResult = { html: string; errors: { line?: number; message: string }[] }

// mjml 4's mjml2html is synchronous, but the installed @types/mjml-core describe mjml 5's
// Promise. Checking the shape keeps the types honest and turns an accidental mjml 5 upgrade
// into a clear error instead of "undefined" HTML.
function isMjmlResult(value: unknown): value is MjmlResult {
  return (
    typeof value === "object" &&
    value !== null &&
    "html" in value &&
    typeof value.html === "string" &&
    "errors" in value &&
    Array.isArray(value.errors)
  )
}

// mjml 4 reads files in exactly one place: the parser's handling of <mj-include path="…">
// (MJML, CSS or raw HTML from any path the process can read). Tag names are matched without
// regard to case because the parser lowercases them.
const MJ_INCLUDE = /<\s*mj-include\b/gi
// No mjml 4 component takes a file name; an attribute named like one is refused so that a
// component added later which reads it cannot quietly become a way to read files.
const FILE_ATTRIBUTE =
  /<\s*mj-[\w-]+\b[^>]*?\s(path|file|file-?path)\s*=/gi

/**
 * MJML constructs that would read a file on the server, with the line they sit on. Merchant
 * MJML (overrides and previews) is refused when it has any; mjml also runs with
 * `ignoreIncludes`, so a source that slipped past this check still reads nothing.
 */
export function fileReadingConstructs(source: string): TemplateIssue[] {
  const issues: TemplateIssue[] = []
  for (const match of source.matchAll(MJ_INCLUDE)) {
    issues.push({
      part: "mjml",
      kind: "policy",
      line: lineAt(source, match.index ?? 0),
      message:
        "mj-include is not allowed: templates cannot read files, use the shared partials ({{> header}}, {{> footer}})",
    })
  }
  for (const match of source.matchAll(FILE_ATTRIBUTE)) {
    issues.push({
      part: "mjml",
      kind: "policy",
      line: lineAt(source, match.index ?? 0),
      message: `the ${match[1].toLowerCase()} attribute is not allowed: templates cannot read files`,
    })
  }
  return issues
}

function lineAt(source: string, index: number): number {
  return source.slice(0, index).split("\n").length
}

/**
 * Runs MJML on a source whose placeholders are still in place. Brand colours are
 * placeholders at this point, which MJML's attribute validation flags; those reports are
 * expected and dropped, every other one is an error.
 */
export function runMjml(source: string): {
  html: string
  issues: TemplateIssue[]
} {
  let result: unknown
  try {
    result = mjml2html(source, {
      validationLevel: "soft",
      keepComments: false,
      // Never read a file named by the source, whoever wrote it (see fileReadingConstructs).
      ignoreIncludes: true,
      // No web font from a third-party host by default: mjml would otherwise add a Google Fonts
      // <link> for any family of its built-in list that the font stack names (Roboto), which
      // tells that host every time an email is opened.
      fonts: {},
    })
  } catch (error) {
    return {
      html: "",
      issues: [{ part: "mjml", message: errorMessage(error) }],
    }
  }
  if (!isMjmlResult(result)) {
    throw new Error(
      "mjml2html did not return a result synchronously: this code needs mjml 4.x"
    )
  }
  const issues = result.errors
    .filter((error) => !error.message.includes("{{"))
    .map((error): TemplateIssue => ({
      part: "mjml",
      message: error.message.trim(),
      line: error.line,
    }))
  // MJML indents its output for people; mail clients do not need it. Dropping the indentation
  // (a newline stays where there was one, so text renders exactly the same) makes every email
  // about a fifth smaller: less to store in the log, to copy, and to send.
  return { html: result.html.replace(/\n[ \t]+/g, "\n"), issues }
}

type Env = typeof Handlebars

export function compileSubject(
  env: Env,
  template: EmailTemplate,
  locale: Locale,
  raw: string
): { delegate?: Delegate; source: string; issues: TemplateIssue[] } {
  const { source, issues } = assembleSource(raw, template, locale, "subject")
  const parseIssue = parseHandlebars(env, source, "subject")
  if (parseIssue) {
    issues.push(parseIssue)
  }
  if (!source.trim()) {
    issues.push({ part: "subject", message: "the subject is empty" })
  }
  // A subject is a header, not HTML: escaping would show "&amp;" in the inbox.
  const delegate = issues.length
    ? undefined
    : env.compile(source, { noEscape: true, knownHelpers: KNOWN_HELPERS })
  return { delegate, source, issues }
}

export function compileBody(
  env: Env,
  template: EmailTemplate,
  locale: Locale,
  raw: string
): {
  html?: Delegate
  text?: Delegate
  source: string
  issues: TemplateIssue[]
} {
  const { source, issues } = assembleSource(raw, template, locale, "mjml")
  const parseIssue = parseHandlebars(env, source, "mjml")
  if (parseIssue) {
    return { source, issues: [...issues, parseIssue] }
  }
  const fileReads = fileReadingConstructs(source)
  if (fileReads.length) {
    return { source, issues: [...issues, ...fileReads] }
  }
  if (template.category === "marketing") {
    for (const missing of missingComplianceParts(source)) {
      issues.push({
        part: "mjml",
        kind: "policy",
        message: `a marketing email must include ${missing}: keep {{> footer}}`,
      })
    }
  }

  const mjml = runMjml(source)
  issues.push(...mjml.issues)
  if (mjml.issues.length) {
    return { source, issues }
  }
  for (const tag of droppedBlockTags(source, mjml.html)) {
    issues.push({
      part: "mjml",
      message: `MJML dropped ${tag}: block tags between MJML elements are removed, wrap them in <mj-raw> or move them inside mj-text/mj-table`,
    })
  }

  const textSource = htmlToText(mjml.html)
  const textIssue = parseHandlebars(env, textSource, "text")
  if (textIssue) {
    issues.push(textIssue)
  }
  if (issues.length) {
    return { source, issues }
  }
  return {
    html: env.compile(mjml.html, { knownHelpers: KNOWN_HELPERS }),
    // User data in a text/plain part must appear as typed, not as HTML entities.
    text: env.compile(textSource, {
      noEscape: true,
      knownHelpers: KNOWN_HELPERS,
    }),
    source,
    issues,
  }
}

export function compileTemplate(
  env: Env,
  shipped: EmailTemplate,
  locale: Locale,
  override?: SourceOverride
): Compilation {
  const { template, issues: stringIssues } = withStringOverrides(shipped, locale, override?.strings)
  const subject = compileSubject(
    env,
    template,
    locale,
    override?.subject ?? template.subject[locale]
  )
  const body = compileBody(
    env,
    template,
    locale,
    override?.mjml ?? template.mjml
  )
  const issues = [...stringIssues, ...subject.issues, ...body.issues]
  const compiled =
    subject.delegate && body.html && body.text && !issues.length
      ? { subject: subject.delegate, html: body.html, text: body.text }
      : undefined
  return {
    compiled,
    subjectSource: subject.source,
    mjmlSource: body.source,
    issues,
  }
}
