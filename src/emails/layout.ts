// The document every built-in email fills (see defineTemplate): the branded head, the header
// with the logo or store name, the white card that holds the email's own content, and the
// footer. A change to the frame or to the partials it names is one edit for every email.
//
// The result is an ordinary MJML document, and it is what a merchant sees and edits in
// Retention → Messages → Templates: an override is always a whole document that compiles on
// its own. Head, header and footer stay `{{> head}}`, `{{> header}}` and `{{> footer}}` in it,
// so brand styles (a dark-mode rule, say) and the compliance footer reach edited emails too.

/** Wraps a card's content (MJML sections, indented for the card) in the shared document. */
export function emailDocument(card: string): string {
  return `<mjml lang="{{locale}}">
  {{> head}}
  <mj-body background-color="{{brand.backgroundColor}}">
    {{> header}}
    <mj-wrapper mj-class="card">
${card.replace(/^\n+|\s+$/g, "")}
    </mj-wrapper>
    {{> footer}}
  </mj-body>
</mjml>`
}

/**
 * How a card opens: its heading, a greeting and the intro (`t.heading`, `t.greetingNamed` or
 * `t.greeting`, `t.intro`), for the first column of the card's first section. `greet` names
 * the data field the greeting addresses; without it there is no greeting (staff alerts).
 */
export function opening(greet?: "customerName" | "greetingName"): string {
  const lines = ['<mj-text mj-class="heading">{{t.heading}}</mj-text>']
  if (greet) {
    lines.push(
      `<mj-text>{{#if ${greet}}}{{t.greetingNamed}}{{else}}{{t.greeting}}{{/if}}</mj-text>`
    )
  }
  lines.push("<mj-text>{{t.intro}}</mj-text>")
  // Indented for where it goes (section, column, then this), so the document a merchant
  // opens in the editor reads as if written by hand.
  return lines.join("\n          ")
}
