import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import { itemRows, secondaryButton, summaryRow } from "./parts"

export type ReplenishmentItem = {
  title: string
  variantTitle?: string
  quantity: number
  total: number
  imageUrl?: string
}

export type ReplenishmentReminderData = {
  customerName?: string
  /** When the renewal order will be placed and charged. */
  renewalDate: string
  items: ReplenishmentItem[]
  currency: string
  /** Estimate: prices, shipping and taxes are settled when the order is placed. */
  total: number
  /** Subscribe-and-save savings already taken off `total`; shown only when above 0. */
  discountTotal?: number
  skipUrl: string
  /** Signed link to pause the subscription; the Pause button shows only when it is set. */
  pauseUrl?: string
  manageUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
        </mj-column>
      </mj-section>
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
          <mj-button href="{{manageUrl}}" width="100%">{{t.manage}}</mj-button>
          ${secondaryButton("{{skipUrl}}", "{{t.skip}}")}
          <mj-raw>{{#if pauseUrl}}</mj-raw>
          ${secondaryButton("{{pauseUrl}}", "{{t.pause}}")}
          <mj-raw>{{/if}}</mj-raw>
          <mj-text mj-class="muted" align="center" padding="8px 0 0 0">{{t.changes}}</mj-text>
        </mj-column>
      </mj-section>
`

export const replenishmentReminder = defineTemplate<
  "replenishment-reminder",
  ReplenishmentReminderData
>({
  name: "replenishment-reminder",
  topic: "replenishment",
  // Consent (subscribing grants the "replenishment" topic; its unsubscribe link revokes it) and
  // quiet hours apply; the frequency caps never hold back a notice of an upcoming charge.
  category: "marketing",
  uncapped: true,
  description:
    "Notice before a subscription renewal is charged: date, items, estimated total, skip and manage links.",
  subject: {
    en: 'Your subscription renews on {{date renewalDate "long"}}',
    tr: 'Aboneliğiniz {{date renewalDate "long"}} tarihinde yenilenecek',
  },
  card,
  strings: {
    en: {
      preview:
        "Your next subscription order is coming up. Skip or change it any time before then.",
      heading: "Your next delivery is coming up",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        'We will place your next subscription order on {{date renewalDate "long"}} and charge your saved payment method. If everything looks right, there is nothing to do.',
      quantity: "Qty {{quantity}}",
      total: "Estimated total",
      totalNote: "Shipping and taxes are calculated when the order is placed.",
      manage: "Manage subscription",
      skip: "Skip this delivery",
      pause: "Pause subscription",
      savings:
        "You save {{money discountTotal currency}} on this delivery with your subscription.",
      changes:
        'You can skip, change or cancel any time before {{date renewalDate "long"}}.',
    },
    tr: {
      preview:
        "Sıradaki abonelik siparişiniz yaklaşıyor. O zamana kadar dilediğiniz an atlayabilir veya değiştirebilirsiniz.",
      heading: "Sıradaki teslimatınız yaklaşıyor",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        'Sıradaki abonelik siparişinizi {{date renewalDate "long"}} tarihinde oluşturacak ve kayıtlı ödeme yönteminizden tahsil edeceğiz. Her şey doğruysa bir şey yapmanıza gerek yok.',
      quantity: "Adet: {{quantity}}",
      total: "Tahmini toplam",
      totalNote: "Kargo ve vergiler sipariş oluşturulurken hesaplanır.",
      manage: "Aboneliği yönet",
      skip: "Bu teslimatı atla",
      pause: "Aboneliği duraklat",
      savings:
        "Aboneliğiniz sayesinde bu teslimatta {{money discountTotal currency}} tasarruf ediyorsunuz.",
      changes:
        '{{date renewalDate "long"}} tarihine kadar dilediğiniz zaman atlayabilir, değiştirebilir veya iptal edebilirsiniz.',
    },
  },
  required: [
    "renewalDate",
    "items",
    "currency",
    "total",
    "skipUrl",
    "manageUrl",
  ],
  sampleData: {
    customerName: "Jordan",
    renewalDate: "2030-07-01T09:00:00.000Z",
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
        quantity: 1,
        total: 95.5,
      },
    ],
    total: 1275.5,
    // 10% subscribe-and-save on the coffee, which was 1311.11 before it.
    discountTotal: 131.11,
    skipUrl:
      "https://kestrel.example.com/retention/subscriptions/skip?token=sample",
    pauseUrl:
      "https://kestrel.example.com/retention/subscriptions/pause?token=sample",
    manageUrl: "https://kestrel.example.com/account/subscriptions",
  },
})
