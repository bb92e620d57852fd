import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type CartReminderItem = {
  title: string
  variantTitle?: string
  quantity: number
  unitPrice: number
  total: number
  imageUrl?: string
  /** Set when stock is low enough to be worth mentioning. */
  lowStock?: number
  /** Unit price when the item was added, set only when it has dropped since. */
  previousPrice?: number
}

export type CartReminderData = {
  /** First name on the shopper's account: the one name a subject may carry. */
  customerName?: string
  /** Name for the greeting: the account's, else the cart address's. Never in the subject. */
  greetingName?: string
  /** A campaign's A/B subject line, already filled in; else the template's own subject. */
  subjectLine?: string
  items: CartReminderItem[]
  currency: string
  subtotal: number
  recoveryUrl: string
  discount?: {
    code: string
    /** Either percent or amount (in the cart currency). */
    percent?: number
    amount?: number
    expiresAt?: string
  }
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("greetingName")}
        </mj-column>
      </mj-section>
      <mj-section>
        <mj-column>
          <mj-table>
            {{#each items}}
            <tr>
              {{#if (some @root.items "imageUrl")}}<td width="72" style="padding:12px 12px 12px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;">{{#if imageUrl}}<img class="item-image" src="{{imageUrl}}" alt="{{title}}" width="64" style="width:64px;height:auto;border-radius:4px;display:block;" />{{/if}}</td>{{/if}}
              <td style="padding:12px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;">
                <div style="font-weight:600;">{{title}}</div>
                {{#if variantTitle}}<div style="color:#6b7280;">{{variantTitle}}</div>{{/if}}
                <div style="color:#6b7280;">{{t.quantity}}</div>
                {{#if lowStock}}<div style="color:#b45309;font-weight:600;">{{t.lowStock}}</div>{{/if}}
                {{#if previousPrice}}<div style="color:#047857;">{{t.priceDrop}}</div>{{/if}}
              </td>
              <td align="right" style="padding:12px 0 12px 12px;border-bottom:1px solid #e5e7eb;vertical-align:top;white-space:nowrap;font-weight:600;">{{money total @root.currency}}</td>
            </tr>
            {{/each}}
            <tr>
              {{#if (some items "imageUrl")}}<td></td>{{/if}}
              <td style="padding:14px 0 0;font-weight:700;">{{t.total}}</td>
              <td align="right" style="padding:14px 0 0;font-weight:700;white-space:nowrap;">{{money subtotal currency}}</td>
            </tr>
          </mj-table>
        </mj-column>
      </mj-section>
      <mj-raw>{{#if discount}}</mj-raw>
      <mj-section padding="24px 0 0">
        <mj-column background-color="#f9fafb" border="1px dashed {{brand.primaryColor}}" border-radius="6px" padding="16px">
          <mj-text align="center" font-size="17px" font-weight="700" padding="0 0 6px 0">{{#if discount.percent}}{{t.discountPercent}}{{else}}{{t.discountAmount}}{{/if}}</mj-text>
          <mj-text align="center" padding="0">{{t.discountCode}} <strong style="font-family:Menlo,Consolas,monospace;font-size:17px;letter-spacing:1px;">{{discount.code}}</strong>{{#if discount.expiresAt}}<br /><span style="color:#6b7280;font-size:13px;">{{t.discountExpiry}}</span>{{/if}}</mj-text>
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>
      <mj-section padding="24px 0 0">
        <mj-column>
          <mj-button href="{{recoveryUrl}}" width="100%">{{t.cta}}</mj-button>
          <mj-text mj-class="muted" align="center" padding="8px 0 0">{{t.help}}</mj-text>
        </mj-column>
      </mj-section>
`

export const cartReminder = defineTemplate<"cart-reminder", CartReminderData>({
  name: "cart-reminder",
  topic: "cart_recovery",
  category: "marketing",
  // A reminder about a cart the reader left: the frequency caps count only other high-priority sends.
  priority: "high",
  description:
    "Abandoned-cart reminder with the cart's items, stock and price-drop notes, and an optional discount code.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if customerName}}{{customerName}}, your{{else}}Your{{/if}} cart at {{brand.storeName}} is waiting{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if customerName}}{{customerName}}, sepetiniz{{else}}Sepetiniz{{/if}} sizi bekliyor{{/if}}",
  },
  card,
  strings: {
    en: {
      // The inbox line is often all a reader sees: a step with a discount says so there.
      preview:
        "{{#if discount}}{{#if discount.percent}}{{percent discount.percent}}{{else}}{{money discount.amount currency}}{{/if}} off your cart with code {{discount.code}}: your items are still waiting.{{else}}The items in your cart are still waiting for you.{{/if}}",
      heading: "You left something behind",
      greetingNamed: "Hi {{greetingName}},",
      greeting: "Hi there,",
      intro:
        "Your cart at {{brand.storeName}} is saved. Pick up where you left off whenever you are ready.",
      quantity: "Qty {{quantity}}",
      lowStock: "Only {{lowStock}} left in stock",
      priceDrop:
        "Price drop: now {{money unitPrice @root.currency}}, was {{money previousPrice @root.currency}}",
      total: "Cart total",
      discountPercent: "{{percent discount.percent}} off your order",
      discountAmount: "{{money discount.amount currency}} off your order",
      discountCode: "Use code",
      discountExpiry: 'Valid until {{date discount.expiresAt "long"}}',
      cta: "Return to your cart",
      help: "Questions? Just reply to this email.",
    },
    tr: {
      preview:
        "{{#if discount}}{{discount.code}} koduyla sepetinizde {{#if discount.percent}}{{percent discount.percent}}{{else}}{{money discount.amount currency}}{{/if}} indirim: ürünleriniz sizi bekliyor.{{else}}Sepetinizdeki ürünler sizi bekliyor.{{/if}}",
      heading: "Sepetinizde ürünler kaldı",
      greetingNamed: "Merhaba {{greetingName}},",
      greeting: "Merhaba,",
      intro:
        "{{brand.storeName}} sepetiniz kaydedildi. Hazır olduğunuzda kaldığınız yerden devam edebilirsiniz.",
      quantity: "Adet: {{quantity}}",
      lowStock: "Stokta yalnızca {{lowStock}} adet kaldı",
      priceDrop:
        "Fiyatı düştü: şimdi {{money unitPrice @root.currency}}, önceki fiyatı {{money previousPrice @root.currency}}",
      total: "Sepet toplamı",
      discountPercent: "Siparişinizde {{percent discount.percent}} indirim",
      discountAmount:
        "Siparişinizde {{money discount.amount currency}} indirim",
      discountCode: "İndirim kodu:",
      discountExpiry:
        '{{date discount.expiresAt "long"}} tarihine kadar geçerlidir',
      cta: "Sepetinize dönün",
      help: "Sorunuz mu var? Bu e-postayı yanıtlamanız yeterli.",
    },
  },
  required: ["items", "currency", "subtotal", "recoveryUrl"],
  sampleData: {
    customerName: "Ayşe",
    greetingName: "Ayşe",
    // Empty: previews show the template's own subject; a campaign variant fills it in.
    subjectLine: "",
    currency: "eur",
    items: [
      {
        title: "Linen Shirt",
        variantTitle: "M / Sand",
        quantity: 1,
        unitPrice: 59,
        total: 59,
        imageUrl: "https://placehold.co/128x128/png?text=Shirt",
        lowStock: 2,
      },
      {
        title: "Canvas Tote",
        variantTitle: "Natural",
        quantity: 2,
        unitPrice: 19.5,
        total: 39,
        imageUrl: "https://placehold.co/128x128/png?text=Tote",
        previousPrice: 24,
      },
    ],
    subtotal: 98,
    recoveryUrl:
      "https://shop.example.com/retention/carts/recover?token=sample",
    discount: {
      code: "COMEBACK10",
      percent: 10,
      expiresAt: "2030-06-30T23:59:59.000Z",
    },
  },
})
