import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { ReplenishmentItem } from "../replenishment-reminder"
import { itemRows, summaryRow } from "../replenishment-reminder/parts"

/** An item of the subscription that was out of stock and left out of the order. */
export type UnavailableItem = {
  title: string
  variantTitle?: string
}

export type ReplenishmentRenewalPlacedData = {
  customerName?: string
  orderDisplayId: string
  /** The order's lines, with their totals after the subscribe-and-save discount. */
  items: ReplenishmentItem[]
  currency: string
  /** What the order charged, shipping and taxes included. */
  total: number
  /** Subscribe-and-save savings on this order; shown only when above 0. */
  discountTotal?: number
  /** When the next renewal order will be placed. */
  nextRenewalDate: string
  manageUrl: string
  /** Out of stock at renewal: left out of this order and not charged. */
  unavailableItems?: UnavailableItem[]
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
        </mj-column>
      </mj-section>
      <mj-raw>{{#if unavailableItems}}</mj-raw>
      <mj-section padding="0 0 16px 0">
        <mj-column background-color="#fffbeb" border="1px solid #fcd34d" border-radius="6px" padding="14px 16px">
          <mj-text font-weight="600" padding="0 0 4px 0">{{t.unavailableHeading}}</mj-text>
          <mj-text padding="0"><ul style="margin:0;padding:0 0 0 18px;">{{#each unavailableItems}}<li>{{title}}{{#if variantTitle}} ({{variantTitle}}){{/if}}</li>{{/each}}</ul></mj-text>
          <mj-text mj-class="muted" padding="6px 0 0 0">{{t.unavailableNote}}</mj-text>
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>
      <mj-section>
        <mj-column>
          <mj-table>
            ${itemRows({ image: true, quantity: true, price: true })}
            ${summaryRow("{{t.total}}", "{{money total currency}}", "font-weight:700;")}
          </mj-table>
          <mj-text mj-class="muted" padding="6px 0 0 0">{{t.totalNote}}</mj-text>
          <mj-raw>{{#if (gt discountTotal 0)}}</mj-raw>
          <mj-text color="#047857" font-weight="600" padding="4px 0 0 0">{{t.savings}}</mj-text>
          <mj-raw>{{/if}}</mj-raw>
        </mj-column>
      </mj-section>
      <mj-section padding="20px 0 0 0">
        <mj-column>
          <mj-text>{{t.next}}</mj-text>
          <mj-button href="{{manageUrl}}" width="100%">{{t.manage}}</mj-button>
          <mj-text mj-class="muted" align="center" padding="8px 0 0 0">{{t.changes}}</mj-text>
        </mj-column>
      </mj-section>
`

export const replenishmentRenewalPlaced = defineTemplate<
  "replenishment-renewal-placed",
  ReplenishmentRenewalPlacedData
>({
  name: "replenishment-renewal-placed",
  topic: "replenishment",
  category: "transactional",
  description:
    "Confirmation of a subscription renewal order: items, savings, total, items left out for lack of stock, and the next renewal date.",
  subject: {
    en: "Your subscription order #{{orderDisplayId}} has been placed",
    tr: "#{{orderDisplayId}} numaralı abonelik siparişiniz oluşturuldu",
  },
  card,
  strings: {
    en: {
      preview:
        "We placed your subscription order #{{orderDisplayId}}. Here is what is in it.",
      heading: "Your subscription order is placed",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        "We have placed your subscription order #{{orderDisplayId}} and charged your saved payment method. Here is what is in it.",
      unavailableHeading: "Some items were out of stock",
      unavailableNote:
        "They are not in this order and you have not been charged for them; they stay in your subscription.",
      quantity: "Qty {{quantity}}",
      total: "Order total",
      totalNote: "Including shipping and taxes.",
      savings:
        "You saved {{money discountTotal currency}} on this order with your subscription.",
      next: 'Your next order will be placed on <strong>{{date nextRenewalDate "long"}}</strong>.',
      manage: "Manage subscription",
      changes: "You can skip, change or cancel your subscription any time.",
    },
    tr: {
      preview:
        "#{{orderDisplayId}} numaralı abonelik siparişinizi oluşturduk. Siparişinizin içeriği aşağıda.",
      heading: "Abonelik siparişiniz oluşturuldu",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        "#{{orderDisplayId}} numaralı abonelik siparişinizi oluşturduk ve tutarı kayıtlı ödeme yönteminizden tahsil ettik. Siparişinizin içeriği aşağıda.",
      unavailableHeading: "Bazı ürünler stokta yoktu",
      unavailableNote:
        "Bu ürünler bu siparişe eklenmedi ve ücretleri sizden alınmadı; aboneliğinizde kalmaya devam ediyorlar.",
      quantity: "Adet: {{quantity}}",
      total: "Sipariş toplamı",
      totalNote: "Kargo ve vergiler dahildir.",
      savings:
        "Aboneliğiniz sayesinde bu siparişte {{money discountTotal currency}} tasarruf ettiniz.",
      next: 'Bir sonraki siparişiniz <strong>{{date nextRenewalDate "long"}}</strong> tarihinde oluşturulacak.',
      manage: "Aboneliği yönet",
      changes:
        "Aboneliğinizi dilediğiniz zaman atlayabilir, değiştirebilir veya iptal edebilirsiniz.",
    },
  },
  required: [
    "orderDisplayId",
    "items",
    "currency",
    "total",
    "nextRenewalDate",
    "manageUrl",
  ],
  sampleData: {
    customerName: "Jordan",
    orderDisplayId: "1043",
    currency: "try",
    items: [
      {
        title: "Single-Origin Coffee Beans",
        variantTitle: "1 kg / Whole bean",
        quantity: 2,
        total: 1180,
        imageUrl: "https://placehold.co/96x96/png?text=Coffee",
      },
      {
        title: "Paper Filters",
        variantTitle: "Size 02 / 100 pack",
        quantity: 1,
        total: 95.5,
      },
    ],
    // Items 1275.50 plus 49.90 shipping.
    total: 1325.4,
    // 10% subscribe-and-save on the coffee, which was 1311.11 before it.
    discountTotal: 131.11,
    nextRenewalDate: "2030-07-29T09:00:00.000Z",
    manageUrl: "https://kestrel.example.com/account/subscriptions/sub_01JSAMPLE",
    unavailableItems: [
      { title: "Decaf Coffee Beans", variantTitle: "500 g / Ground" },
    ],
  },
})
