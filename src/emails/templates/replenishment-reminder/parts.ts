// Parts every replenishment email shares, written once so a reminder, a renewal and a failed
// payment list the same subscription the same way. Like `opening()`, these return MJML that
// ends up inlined in each template's source, which is what a merchant sees and edits.

/** What an item row shows besides the title and variant. */
export type ItemColumns = {
  /** A thumbnail column, drawn only when some item of the list has an `imageUrl`. */
  image?: boolean
  /** "Qty 2" under the title (the template's `t.quantity`). */
  quantity?: boolean
  /** The line total on the right, in the email's `currency`. */
  price?: boolean
}

const BORDER = "border-bottom:1px solid #e5e7eb;vertical-align:top;"
const HAS_IMAGES = '(some @root.items "imageUrl")'

/** `{{#each items}}` rows for an mj-table (one row per item). */
export function itemRows(show: ItemColumns): string {
  const cells: string[] = []
  if (show.image) {
    cells.push(
      `{{#if ${HAS_IMAGES}}}<td width="60" style="padding:10px 12px 10px 0;${BORDER}">{{#if imageUrl}}<img class="item-image" src="{{imageUrl}}" alt="{{title}}" width="48" style="width:48px;height:auto;border-radius:4px;display:block;" />{{/if}}</td>{{/if}}`
    )
  }
  const details = [
    '<div style="font-weight:600;">{{title}}</div>',
    '{{#if variantTitle}}<div style="color:#6b7280;">{{variantTitle}}</div>{{/if}}',
  ]
  if (show.quantity) {
    details.push('<div style="color:#6b7280;">{{t.quantity}}</div>')
  }
  cells.push(
    `<td style="padding:10px 0;${BORDER}">${details.join("")}</td>`
  )
  if (show.price) {
    cells.push(
      `<td align="right" style="padding:10px 0 10px 12px;${BORDER}white-space:nowrap;">{{money total @root.currency}}</td>`
    )
  }
  return [
    "{{#each items}}",
    "            <tr>",
    ...cells.map((cell) => `              ${cell}`),
    "            </tr>",
    "            {{/each}}",
  ].join("\n")
}

/**
 * A row under priced item rows (savings, total): the label under the titles, the amount under
 * the prices. `value` is Handlebars (`{{money total currency}}`); `style` is added to both cells.
 */
export function summaryRow(label: string, value: string, style = ""): string {
  return [
    "<tr>",
    `              {{#if (some items "imageUrl")}}<td></td>{{/if}}`,
    `              <td style="padding:10px 0 0;${style}">${label}</td>`,
    `              <td align="right" style="padding:10px 0 0 12px;white-space:nowrap;${style}">${value}</td>`,
    "            </tr>",
  ].join("\n")
}

/** An outlined button for the second action under the main one, in the brand colour. */
export function secondaryButton(href: string, label: string): string {
  return `<mj-button href="${href}" width="100%" background-color="#ffffff" color="{{brand.primaryColor}}" border="2px solid {{brand.primaryColor}}" inner-padding="12px 28px">${label}</mj-button>`
}
