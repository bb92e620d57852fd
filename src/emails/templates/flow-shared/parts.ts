// Parts the lifecycle-flow emails share (welcome series, post-purchase, birthday, win-back), so
// each lists products, shows a code and leads to the shop the same way. Like `opening()`, they
// return MJML that ends up inlined in each template's source, which is what a merchant edits.

import type { TemplateTopic } from "../../types"
import type { FlowDiscount, FlowProduct } from "../../../lib/flows/template-data"

/**
 * Consent topic of the welcome, post-purchase and win-back emails: "lifecycle", their own, so
 * their unsubscribe link stops these emails and not cart reminders (and names them). The
 * birthday email is the loyalty program's and uses "loyalty".
 */
export const LIFECYCLE_TOPIC: TemplateTopic = "lifecycle"

const BORDER = "border-bottom:1px solid #e5e7eb;vertical-align:top;"
const HAS_IMAGES = '(some @root.products "imageUrl")'

/**
 * The `products` list as rows: a thumbnail column only when some product has an image (else
 * no empty column), the title linked to the product page, the price when known and a "View"
 * link whose cell is tall enough to tap (44 px) on a phone. Nothing at all for an empty list.
 * The image is not a link: the plain-text part would then print the title twice. It keeps its
 * 72 px on phones (no `item-image` class): the column keeps its width, so a smaller image would
 * only leave a gap before the title.
 */
export function productList(heading = "{{t.productsHeading}}"): string {
  return `<mj-raw>{{#if products.length}}</mj-raw>
      <mj-section padding="8px 0 0 0">
        <mj-column>
          <mj-text font-weight="700" font-size="17px" padding="0 0 4px 0">${heading}</mj-text>
          <mj-table>
            {{#each products}}
            <tr>
              {{#if ${HAS_IMAGES}}}<td width="84" style="padding:12px 12px 12px 0;${BORDER}">{{#if imageUrl}}<img class="product-image" src="{{imageUrl}}" alt="{{title}}" width="72" style="width:72px;height:auto;border-radius:4px;display:block;" />{{/if}}</td>{{/if}}
              <td style="padding:12px 0;${BORDER}">
                <a href="{{url}}" style="font-weight:600;color:{{@root.brand.textColor}};text-decoration:none;">{{title}}</a>
                {{#if price}}<div style="color:#6b7280;">{{money price.amount price.currency}}</div>{{/if}}
              </td>
              <td align="right" style="padding:12px 0 12px 12px;${BORDER}white-space:nowrap;"><a href="{{url}}" style="display:inline-block;padding:12px 0 12px 8px;min-height:20px;font-weight:600;">{{t.view}}</a></td>
            </tr>
            {{/each}}
          </mj-table>
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>`
}

/** The code box (`discount`), nothing without one; percent or amount, and the expiry when set. */
export const discountBox = `<mj-raw>{{#if discount}}</mj-raw>
      <mj-section padding="16px 0 8px 0">
        <mj-column background-color="#f9fafb" border="1px dashed {{brand.primaryColor}}" border-radius="6px" padding="16px">
          <mj-text align="center" font-size="17px" font-weight="700" padding="0 0 6px 0">{{#if discount.percent}}{{t.discountPercent}}{{else}}{{t.discountAmount}}{{/if}}</mj-text>
          <mj-text align="center" padding="0">{{t.discountCode}} <strong style="font-family:Menlo,Consolas,monospace;font-size:17px;letter-spacing:1px;">{{discount.code}}</strong>{{#if discount.expiresAt}}<br /><span style="color:#6b7280;font-size:13px;">{{t.discountExpiry}}</span>{{/if}}</mj-text>
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>`

/** The main button: to `shopUrl` when the flow gives one, else the storefront. */
export function shopButton(label = "{{t.cta}}", href = "{{#if shopUrl}}{{shopUrl}}{{else}}{{brand.storefrontUrl}}{{/if}}"): string {
  return `<mj-section padding="16px 0 0 0">
        <mj-column>
          <mj-button href="${href}" width="100%">${label}</mj-button>
          <mj-text mj-class="muted" align="center" padding="8px 0 0">{{t.help}}</mj-text>
        </mj-column>
      </mj-section>`
}

/** Strings of the discount box and the product list, per locale, for the templates to spread. */
export const DISCOUNT_STRINGS = {
  en: {
    discountPercent: "{{percent discount.percent}} off your order",
    discountAmount: "{{money discount.amount discount.currency}} off your order",
    discountCode: "Use code",
    discountExpiry: 'Valid until {{date discount.expiresAt "long"}}',
  },
  tr: {
    discountPercent: "Siparişinizde {{percent discount.percent}} indirim",
    discountAmount: "Siparişinizde {{money discount.amount discount.currency}} indirim",
    discountCode: "İndirim kodu:",
    discountExpiry: '{{date discount.expiresAt "long"}} tarihine kadar geçerlidir',
  },
} as const

export const COMMON_FLOW_STRINGS = {
  en: {
    greeting: "Hi there,",
    view: "View",
    help: "Questions? Just reply to this email.",
  },
  tr: {
    greeting: "Merhaba,",
    view: "İncele",
    help: "Sorunuz mu var? Bu e-postayı yanıtlamanız yeterli.",
  },
} as const

/** The preview line's discount part ("10% off with code X"), for the templates' `preview`. */
export const DISCOUNT_PREVIEW = {
  en: "{{#if discount.percent}}{{percent discount.percent}}{{else}}{{money discount.amount discount.currency}}{{/if}} off with code {{discount.code}}",
  tr: "{{discount.code}} koduyla {{#if discount.percent}}{{percent discount.percent}}{{else}}{{money discount.amount discount.currency}}{{/if}} indirim",
} as const

const IMAGE = (text: string) => `https://placehold.co/144x144/png?text=${text}`

/** Products of the previews: with images and prices, one without an image. */
export const SAMPLE_PRODUCTS: FlowProduct[] = [
  {
    id: "prod_sample_tote",
    title: "Canvas Tote",
    url: "https://kestrel.example.com/products/canvas-tote",
    imageUrl: IMAGE("Tote"),
    price: { amount: 19.5, currency: "eur" },
  },
  {
    id: "prod_sample_mug",
    title: "Stoneware Mug",
    url: "https://kestrel.example.com/products/stoneware-mug",
    imageUrl: IMAGE("Mug"),
    price: { amount: 14, currency: "eur" },
  },
  {
    id: "prod_sample_socks",
    title: "Merino Socks",
    url: "https://kestrel.example.com/products/merino-socks",
    price: { amount: 12, currency: "eur" },
  },
]

export const SAMPLE_DISCOUNT: FlowDiscount = {
  code: "WELCOME10",
  percent: 10,
  amount: 5,
  currency: "eur",
  expiresAt: "2030-06-30T23:59:59.000Z",
}
