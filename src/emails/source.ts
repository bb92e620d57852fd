import { COMMON_STRINGS, PARTIAL_NAMES, partialSource } from "./partials"
import type { Locale } from "./locales"
import type { EmailTemplate, TemplateIssue, TemplatePart } from "./types"

const PARTIAL = /\{\{>\s*([\w-]+)\s*\}\}/g
const STRING = /\{\{\s*t\.([A-Za-z0-9_]+)\s*\}\}/g
const TRIPLE_STASH = /\{\{\{|\{\{&/g

function lineAt(source: string, index: number): number {
  let line = 1
  for (let i = 0; i < index; i++) {
    if (source.charCodeAt(i) === 10) {
      line++
    }
  }
  return line
}

// Inserted text is flattened to one line so that line numbers reported by Handlebars and
// MJML still point at the line the merchant wrote.
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").trim()
}

export type AssembledSource = { source: string; issues: TemplateIssue[] }

/**
 * Turns a template source into plain Handlebars: partials and localized strings are inlined
 * at compile time (they are constant per template and locale), data placeholders stay.
 * Localized strings may themselves contain data placeholders such as `{{customerName}}`.
 */
export function assembleSource(
  raw: string,
  template: Pick<EmailTemplate, "category" | "strings">,
  locale: Locale,
  part: Extract<TemplatePart, "subject" | "mjml">
): AssembledSource {
  const issues: TemplateIssue[] = []

  // Triple-stash turns HTML escaping off; with customer data in every email that is never safe.
  for (const match of raw.matchAll(TRIPLE_STASH)) {
    issues.push({
      part,
      line: lineAt(raw, match.index ?? 0),
      message: "unescaped output ({{{ }}} or {{& }}) is not allowed: use {{ }}",
    })
  }

  let source = raw
  if (part === "mjml") {
    source = source.replace(
      PARTIAL,
      (_whole: string, name: string, offset: number) => {
        const partial = partialSource(name, template.category)
        if (partial === undefined) {
          issues.push({
            part,
            line: lineAt(raw, offset),
            message: `unknown partial "${name}" (available: ${PARTIAL_NAMES.join(", ")})`,
          })
          return ""
        }
        return oneLine(partial)
      }
    )
  }

  const strings: Record<string, string> = {
    ...COMMON_STRINGS[locale],
    ...template.strings[locale],
  }
  const withPartials = source
  source = withPartials.replace(
    STRING,
    (_whole: string, key: string, offset: number) => {
      const value = strings[key]
      if (value === undefined) {
        issues.push({
          part,
          line: lineAt(withPartials, offset),
          message: `unknown localized string "t.${key}" for locale "${locale}"`,
        })
        return ""
      }
      return oneLine(value)
    }
  )

  return { source, issues }
}

const BLOCK_TAG = /\{\{~?\s*(?:#|\/|\^|else\b)[^}]*\}\}/g

/**
 * MJML silently drops text that sits between its tags, so an `{{#if}}` placed there would
 * vanish and leave its body always rendered. Blocks must sit inside mj-text, mj-table,
 * mj-button or mj-raw; this compares the block tags before and after MJML to catch it.
 */
export function droppedBlockTags(before: string, after: string): string[] {
  const count = (text: string) => {
    const counts = new Map<string, number>()
    for (const match of text.matchAll(BLOCK_TAG)) {
      const tag = match[0].replace(/\s+/g, " ")
      counts.set(tag, (counts.get(tag) ?? 0) + 1)
    }
    return counts
  }
  const afterCounts = count(after)
  const dropped: string[] = []
  for (const [tag, expected] of count(before)) {
    if ((afterCounts.get(tag) ?? 0) < expected) {
      dropped.push(tag)
    }
  }
  return dropped
}

/** Marketing mail must carry the unsubscribe link and postal address (CAN-SPAM, GDPR). */
export function missingComplianceParts(source: string): string[] {
  const missing: string[] = []
  if (!/\{\{[^}]*\bunsubscribeUrl\b[^}]*\}\}/.test(source)) {
    missing.push("the unsubscribe link ({{unsubscribeUrl}})")
  }
  if (!/\{\{[^}]*\bbrand\.storeAddress\b[^}]*\}\}/.test(source)) {
    missing.push("the store's postal address ({{brand.storeAddress}})")
  }
  return missing
}

const TRIPLE_STASH_IN_STRING = /\{\{\{|\{\{~?&/

/**
 * The template as one locale's send sees it once the merchant's own wording of some
 * `{{t.key}}` strings is laid over the shipped strings, and what is wrong with that wording:
 * a key the template does not have, unescaped output. Handlebars errors inside a string show
 * up when the assembled source compiles, like any other.
 */
export function withStringOverrides<T extends Pick<EmailTemplate, "category" | "strings">>(
  template: T,
  locale: Locale,
  strings: Record<string, string> | undefined
): { template: T; issues: TemplateIssue[] } {
  if (!strings || !Object.keys(strings).length) return { template, issues: [] }
  const shipped = { ...COMMON_STRINGS[locale], ...template.strings[locale] }
  const issues: TemplateIssue[] = []
  for (const [key, value] of Object.entries(strings)) {
    if (!(key in shipped)) issues.push({ part: "strings", message: `t.${key}: this template has no such string` })
    else if (TRIPLE_STASH_IN_STRING.test(value)) issues.push({ part: "strings", message: `t.${key}: unescaped output ({{{ }}} or {{& }}) is not allowed: use {{ }}` })
  }
  return {
    template: { ...template, strings: { ...template.strings, [locale]: { ...template.strings[locale], ...strings } } },
    issues,
  }
}
