// What a shopper typed as their name ends up in emails the store sends to whatever address
// they typed: a guest could put "URGENT: your card was charged $499, call …" in a cart's
// first_name and have the store mail it to someone else. Medusa verifies neither the name nor
// the address (not for guests, and not for accounts either: registering needs no proof of the
// email), so every name is held to what a personal name looks like before it is shown.

/** Longest name shown; longer ones are not names. */
export const MAX_NAME_LENGTH = 40
/** Most words in a first name ("Mary Ann", "Jean-Luc", "Ana de Souza"); sentences have more. */
export const MAX_NAME_WORDS = 3

// Letters of any script (with their combining marks), and the separators names use.
const NAME_CHARACTERS = /^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u
// "evil.example", "www.x": a name has a space after its periods ("St. John", "J.R. Smith").
const DOMAIN_LIKE = /\p{L}{2,}\.\p{L}{2,}|^www\./iu

/**
 * The name to greet someone with, or undefined when `value` does not look like a personal
 * name: at most 40 characters and three words of letters (any script), spaces, hyphens,
 * apostrophes and periods; nothing like a web address; no digits, `@`, `:` or `/`, no line
 * breaks or other control or formatting characters. Inner runs of spaces become one space.
 * Callers show the neutral greeting instead ("Hi there,").
 */
export function plausibleName(value: unknown): string | undefined {
  if (typeof value !== "string") {
    return undefined
  }
  const name = value.normalize("NFC").trim().replace(/ {2,}/g, " ")
  if (
    !name ||
    name.length > MAX_NAME_LENGTH ||
    !NAME_CHARACTERS.test(name) ||
    DOMAIN_LIKE.test(name) ||
    name.split(" ").length > MAX_NAME_WORDS
  ) {
    return undefined
  }
  return name
}
