import { emailDocument } from "./layout"
import type { EmailTemplate, TemplateData } from "./types"

/** A built-in template as written: the content of its card, which the shared layout wraps. */
export type TemplateDefinition<
  D extends TemplateData,
  N extends string,
> = Omit<EmailTemplate<D, N>, "mjml"> & {
  /** MJML sections inside the card (see layout.ts), indented for the card. */
  card: string
  required: readonly (keyof D & string)[]
}

/**
 * Fills the shared layout with the template's card, keeps the literal name and checks
 * `required` against the data type. The check lives here rather than in `EmailTemplate`
 * because `keyof D` there would make every template unassignable to the registry's
 * `EmailTemplate`.
 */
export function defineTemplate<const N extends string, D extends TemplateData>(
  definition: TemplateDefinition<D, N>
): EmailTemplate<D, N> {
  const { card, ...template } = definition
  return { ...template, mjml: emailDocument(card) }
}
