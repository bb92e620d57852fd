// Plain-text part derived from the compiled HTML. It runs once per compiled template, with the
// Handlebars placeholders still in place, so it only has to understand what MJML emits.

const BLOCK_TAGS = new Set([
  "div",
  "p",
  "table",
  "tbody",
  "thead",
  "tr",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
  "hr",
])
// MJML puts every component (text, button, table row) in its own <tr>: one paragraph each.
const PARAGRAPH_TAGS = new Set([
  "tr",
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "blockquote",
])
const CELL_TAGS = new Set(["td", "th"])

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  middot: "·",
  copy: "©",
  rarr: "→",
  hellip: "…",
  ndash: "–",
  mdash: "—",
}

export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi,
    (whole: string, entity: string) => {
      if (entity[0] === "#") {
        const code =
          entity[1] === "x" || entity[1] === "X"
            ? parseInt(entity.slice(2), 16)
            : parseInt(entity.slice(1), 10)
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole
      }
      return NAMED_ENTITIES[entity.toLowerCase()] ?? whole
    }
  )
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(
    `\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`,
    "i"
  ).exec(attributes)
  if (!match) {
    return undefined
  }
  return decodeEntities(match[2] ?? match[3] ?? "")
}

function bodyOf(html: string): string {
  const start = html.search(/<body[\s>]/i)
  const end = html.search(/<\/body>/i)
  if (start === -1) {
    return html
  }
  return html.slice(html.indexOf(">", start) + 1, end === -1 ? undefined : end)
}

const BLOCK_TAG_ONLY_LINE = /^(?:\s*\{\{~?\s*(?:#|\/|\^|else\b)[^}]*\}\})+\s*$/

export function htmlToText(html: string): string {
  const body = bodyOf(html)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(style|script|head|title)\b[\s\S]*?<\/\1>/gi, "")
    // The inbox preview line is hidden in the HTML and would otherwise open the text part.
    .replace(/<div\b[^>]*display:\s*none[^>]*>[\s\S]*?<\/div>/gi, "")

  let out = ""
  let link: { href: string; label: string } | undefined

  const text = (chunk: string) => {
    // Not \s: the no-break spaces Intl puts in amounts must survive.
    const collapsed = decodeEntities(chunk.replace(/[ \t\r\n\f]+/g, " "))
    if (link) {
      link.label += collapsed
    } else if (collapsed !== " " || !/[ \n]$/.test(out)) {
      out += collapsed
    }
  }
  // Layout markup nests deeply; collapse runs of block boundaries so that the same content
  // gives the same lines whatever whitespace MJML left between the tags.
  const breakLine = (blankLines: number) => {
    if (link) {
      link.label += " "
      return
    }
    out = out.replace(/[ \t]+$/, "")
    const wanted = "\n".repeat(blankLines + 1)
    const trailing = /\n*$/.exec(out)?.[0].length ?? 0
    if (out && trailing < wanted.length) {
      out += "\n".repeat(wanted.length - trailing)
    }
  }

  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g
  let last = 0
  for (const match of body.matchAll(tag)) {
    const index = match.index ?? 0
    text(body.slice(last, index))
    last = index + match[0].length

    const closing = match[1] === "/"
    const name = match[2].toLowerCase()
    const attributes = match[3]

    if (name === "a") {
      if (!closing) {
        link = { href: attribute(attributes, "href") ?? "", label: "" }
      } else if (link) {
        const { href, label } = link
        link = undefined
        const shown = label.replace(/\s+/g, " ").trim()
        const target = href.replace(/^mailto:/i, "")
        out +=
          !href || shown === target
            ? shown
            : shown
              ? `${shown} (${href})`
              : href
      }
    } else if (name === "img") {
      // Only a linked image (the logo) says something; product images are decoration here.
      if (link) {
        link.label += attribute(attributes, "alt") ?? ""
      }
    } else if (name === "br") {
      out = out.replace(/[ \t]+$/, "") + "\n"
    } else if (CELL_TAGS.has(name)) {
      if (closing) {
        text(" ")
      }
    } else if (BLOCK_TAGS.has(name)) {
      breakLine(PARAGRAPH_TAGS.has(name) ? 1 : 0)
    }
  }
  text(body.slice(last))

  // A line holding only block tags ("{{/if}} {{#if x}}") is not "standalone" for Handlebars
  // and would leave an empty line behind; one tag per line is, and vanishes cleanly.
  const lines = tidyText(out)
    .split("\n")
    .flatMap((line) =>
      BLOCK_TAG_ONLY_LINE.test(line)
        ? (line.match(/\{\{[^}]*\}\}/g) ?? [line])
        : [line]
    )
  return lines.join("\n")
}

/** Also run after each text render: hidden `{{#if}}` blocks leave blank lines behind. */
export function tidyText(text: string): string {
  // Patterns that match only what needs changing: this runs on every send, and a regex that
  // matches every single space costs more than the whole Handlebars render of the text.
  return text
    .replace(/[ \t]*\n[ \t]+|[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/ {2,}|\t+/g, " ")
    .trim()
}
