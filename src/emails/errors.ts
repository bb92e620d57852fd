import type { TemplateIssue, TemplatePart } from "./types"

/**
 * Any failure to compile or render an email. `part` tells the admin (and the logs) which
 * piece to fix; `issues` keeps every problem found, with source lines where known.
 */
export class TemplateRenderError extends Error {
  readonly template: string
  readonly locale: string
  readonly part: TemplatePart
  readonly issues: TemplateIssue[]
  readonly cause?: unknown

  constructor(args: {
    template: string
    locale: string
    part: TemplatePart
    detail: string
    issues?: TemplateIssue[]
    cause?: unknown
  }) {
    super(
      `Email template "${args.template}" (locale ${args.locale}) failed in ${args.part}: ${args.detail}`
    )
    this.name = "TemplateRenderError"
    this.template = args.template
    this.locale = args.locale
    this.part = args.part
    this.issues = args.issues ?? [{ part: args.part, message: args.detail }]
    this.cause = args.cause
  }
}
