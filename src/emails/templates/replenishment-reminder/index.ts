import { defineTemplate } from "../../define"
import { opening } from "../../layout"

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
  skipUrl: string
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
            {{#each items}}
            <tr>
              <td width="60" style="padding:10px 12px 10px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;">{{#if imageUrl}}<img class="item-image" src="{{imageUrl}}" alt="{{title}}" width="48" style="width:48px;height:auto;border-radius:4px;display:block;" />{{/if}}</td>
              <td style="padding:10px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;">
                <div style="font-weight:600;">{{title}}</div>
                {{#if variantTitle}}<div style="color:#6b7280;">{{variantTitle}}</div>{{/if}}
                <div style="color:#6b7280;">{{t.quantity}}</div>
              </td>
              <td align="right" style="padding:10px 0 10px 12px;border-bottom:1px solid #e5e7eb;vertical-align:top;white-space:nowrap;">{{money total @root.currency}}</td>
            </tr>
            {{/each}}
            <tr>
              <td></td>
              <td style="padding:14px 0 0;font-weight:700;">{{t.total}}</td>
              <td align="right" style="padding:14px 0 0;font-weight:700;white-space:nowrap;">{{money total currency}}</td>
            </tr>
          </mj-table>
          <mj-text mj-class="muted" padding="6px 0 0 0">{{t.totalNote}}</mj-text>
        </mj-column>
      </mj-section>
      <mj-section padding="20px 0 0 0">
        <mj-column>
          <mj-button href="{{manageUrl}}" width="100%">{{t.manage}}</mj-button>
          <mj-button href="{{skipUrl}}" width="100%" background-color="#ffffff" color="{{brand.primaryColor}}" border="2px solid {{brand.primaryColor}}" inner-padding="12px 28px">{{t.skip}}</mj-button>
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
  category: "transactional",
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
    skipUrl:
      "https://kestrel.example.com/retention/subscriptions/skip?token=sample",
    manageUrl: "https://kestrel.example.com/account/subscriptions",
  },
})
