import type { Locale } from "./locales"

export type TemplateTopic =
  "cart_recovery" | "lifecycle" | "nps" | "loyalty" | "replenishment" | "system"

// Marketing emails carry the unsubscribe link and need consent; transactional ones do not.
export type TemplateCategory = "marketing" | "transactional"

export type TemplatePart = "subject" | "mjml" | "text" | "variables" | "strings"

/** Store identity passed to every render; the postal address is required by CAN-SPAM. */
export type BrandSettings = {
  storeName: string
  fromName: string
  fromEmail: string
  replyTo?: string
  logoUrl?: string
  /** A web font the brand chose: its CSS family name and the https stylesheet that defines it. */
  webFont?: { family: string; url: string } | null
  primaryColor: string
  textColor: string
  backgroundColor: string
  storeAddress: string
  storefrontUrl: string
}

export type TemplateData = Record<string, unknown>

/** Every template needs `preview` (the inbox preview line rendered by the head partial). */
export type TemplateStrings = { preview: string } & Record<string, string>

export type EmailTemplate<
  D extends TemplateData = TemplateData,
  N extends string = string,
> = {
  name: N
  topic: TemplateTopic
  category: TemplateCategory
  /**
   * A marketing email the frequency caps never hold back (consent, suppressions and quiet hours
   * still apply): a notice the customer asked for, such as a subscription's renewal reminder.
   */
  uncapped?: boolean
  /**
   * How it weighs against the frequency caps (default "normal"): a marketing email is held back
   * only by recent sends of the same or a higher priority. "high" for what the reader acts on
   * soon (a survey, a cart reminder), "low" for news they need not act on (points earned).
   */
  priority?: "low" | "normal" | "high"
  /**
   * Who reads it. Customer emails (the default) show `customerName` and `greetingName` only
   * when they look like a personal name (plausibleName); a staff alert shows them as stored.
   */
  audience?: "customers" | "staff"
  description: string
  subject: Record<Locale, string>
  /**
   * Full MJML document (for built-in templates, the shared layout filled with their card): what
   * the template editor shows and an override replaces. `{{t.key}}` pulls a localized string,
   * `{{> head}}` etc. a partial.
   */
  mjml: string
  strings: Record<Locale, TemplateStrings>
  /** Top-level data keys a send must provide; checked before rendering. */
  required: readonly string[]
  sampleData: D
}

/** A merchant's edited copy, stored elsewhere; `version` must change whenever the content does. */
export type TemplateOverride = {
  subject?: string
  mjml?: string
  /** The merchant's wording of some `{{t.key}}` strings of this locale; the rest stay shipped. */
  strings?: Record<string, string>
  version: string
}

export type RenderInput = {
  template: string
  locale: string
  data: TemplateData
  brand: BrandSettings
  unsubscribeUrl?: string
  preferencesUrl?: string
  override?: TemplateOverride
}

export type RenderedEmail = {
  subject: string
  html: string
  text: string
  locale: Locale
}

export type TemplateIssue = {
  part: TemplatePart
  message: string
  line?: number
  // "policy": the source would compile but is refused (a file read, a marketing email without
  // its footer), so the editor lists it apart from what does not compile.
  kind?: "policy"
}

export type ValidationResult =
  { ok: true } | { ok: false; errors: TemplateIssue[] }
