import type { EmailTemplate, TemplateData } from "./types"

/**
 * Keeps the literal name and checks `required` against the data type. The check lives here
 * rather than in `EmailTemplate` because `keyof D` there would make every template
 * unassignable to the registry's `EmailTemplate`.
 */
export function defineTemplate<const N extends string, D extends TemplateData>(
  template: EmailTemplate<D, N> & { required: readonly (keyof D & string)[] }
): EmailTemplate<D, N> {
  return template
}
