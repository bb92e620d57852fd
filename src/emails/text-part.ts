import { compile, type FormatCallback } from "html-to-text"

// Plain-text part derived from the compiled HTML by the html-to-text package. It runs once per
// compiled template, with the Handlebars placeholders still in place, so wrapping is off: a
// placeholder's width says nothing about the width of what it renders.

// A linked image (the logo) stands for its alt text; other images (products) are decoration
// next to their title.
// (Selectors cannot say "an img inside an a": the package matches elements on their own.)
const image: FormatCallback = (elem, _walk, builder) => {
  for (let node = elem.parent; node; node = node.parent) {
    if (node.name === "a") {
      const alt: unknown = elem.attribs?.alt
      builder.addInline(typeof alt === "string" ? alt : "")
      return
    }
  }
}

// A table cell ends with a space: MJML writes `<td>a</td><td>b</td>` without any between them.
const cell: FormatCallback = (elem, walk, builder) => {
  walk(elem.children, builder)
  builder.addInline(" ")
}

const paragraph = { leadingLineBreaks: 2, trailingLineBreaks: 2 }
const line = { leadingLineBreaks: 1, trailingLineBreaks: 1 }

const convert = compile({
  wordwrap: false,
  formatters: { image, cell },
  selectors: [
    // MJML lays every email out in tables: their structure means nothing in text. Each
    // component (text, button, table row) sits in its own <tr>: one paragraph each.
    { selector: "table", format: "block", options: line },
    { selector: "tr", format: "block", options: paragraph },
    { selector: "td", format: "cell" },
    { selector: "th", format: "cell" },
    {
      selector: "a",
      options: { linkBrackets: ["(", ")"], hideLinkHrefIfSameAsText: true },
    },
    { selector: "img", format: "image" },
    // The inbox preview line is hidden in the HTML and would otherwise open the text part;
    // whatever else a merchant hides the same way stays out too.
    { selector: "div[style*='display:none']", format: "skip" },
    { selector: "div[style*='display: none']", format: "skip" },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({
      selector,
      format: "block",
      options: paragraph,
    })),
  ],
})

const BLOCK_TAG_ONLY_LINE = /^(?:\s*\{\{~?\s*(?:#|\/|\^|else\b)[^}]*\}\})+\s*$/

export function htmlToText(html: string): string {
  // A line holding only block tags ("{{/if}} {{#if x}}") is not "standalone" for Handlebars
  // and would leave an empty line behind; one tag per line is, and vanishes cleanly.
  return tidyText(convert(html))
    .split("\n")
    .flatMap((entry) =>
      BLOCK_TAG_ONLY_LINE.test(entry)
        ? (entry.match(/\{\{[^}]*\}\}/g) ?? [entry])
        : [entry]
    )
    .join("\n")
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
