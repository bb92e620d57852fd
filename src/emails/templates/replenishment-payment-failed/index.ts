import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { ReplenishmentItem } from "../replenishment-reminder"
import {
  itemRows,
  secondaryButton,
  summaryRow,
} from "../replenishment-reminder/parts"

export type ReplenishmentPaymentFailedData = {
  customerName?: string
  /** The renewal whose payment failed (the subscription period), not the day of the attempt. */
  renewalDate: string
  items: ReplenishmentItem[]
  currency: string
  /** What the renewal would have charged, shipping and taxes included. */
  total: number
  /** The next automatic attempt. Absent on the last notice: the subscription is on hold. */
  retryDate?: string
  updatePaymentUrl: string
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
        </mj-column>
      </mj-section>
      <mj-section padding="20px 0 0 0">
        <mj-column>
          <mj-button href="{{updatePaymentUrl}}" width="100%">{{t.updatePayment}}</mj-button>
          ${secondaryButton("{{manageUrl}}", "{{t.manage}}")}
          <mj-text mj-class="muted" align="center" padding="8px 0 0 0">{{t.help}}</mj-text>
        </mj-column>
      </mj-section>
`

export const replenishmentPaymentFailed = defineTemplate<
  "replenishment-payment-failed",
  ReplenishmentPaymentFailedData
>({
  name: "replenishment-payment-failed",
  topic: "replenishment",
  category: "transactional",
  description:
    "A renewal's payment failed and no order was placed: when the next attempt is, or (last notice) that the subscription is on hold until the payment method is updated.",
  subject: {
    en: "{{#if retryDate}}We could not process your subscription payment{{else}}Action needed: your subscription is on hold{{/if}}",
    tr: "{{#if retryDate}}Abonelik ödemeniz alınamadı{{else}}İşlem gerekiyor: aboneliğiniz beklemede{{/if}}",
  },
  card,
  strings: {
    en: {
      preview:
        "{{#if retryDate}}Your payment did not go through. Update your payment method to keep your deliveries coming.{{else}}Update your payment method to restart your deliveries.{{/if}}",
      heading:
        "{{#if retryDate}}Your payment did not go through{{else}}Your subscription is on hold{{/if}}",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        '{{#if retryDate}}We tried to charge your saved payment method for your subscription order of {{date renewalDate "long"}}, but the payment did not go through, so no order has been placed. We will try again on {{date retryDate "long"}}. To make sure it goes through, please update your payment method before then.{{else}}We could not charge your saved payment method for your subscription order of {{date renewalDate "long"}}, so no order has been placed. Your subscription is on hold until you update your payment method.{{/if}}',
      quantity: "Qty {{quantity}}",
      total: "Total",
      totalNote: "Including shipping and taxes.",
      updatePayment: "Update payment method",
      manage: "Manage subscription",
      help: "{{#if retryDate}}Already updated your payment method? Then there is nothing else to do.{{else}}Questions? Just reply to this email.{{/if}}",
    },
    tr: {
      preview:
        "{{#if retryDate}}Ödemeniz gerçekleşmedi. Teslimatlarınızın aksamaması için ödeme yönteminizi güncelleyin.{{else}}Teslimatlarınızı yeniden başlatmak için ödeme yönteminizi güncelleyin.{{/if}}",
      heading:
        "{{#if retryDate}}Ödemeniz gerçekleşmedi{{else}}Aboneliğiniz beklemede{{/if}}",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        '{{#if retryDate}}{{date renewalDate "long"}} tarihli abonelik siparişiniz için kayıtlı ödeme yönteminizden tahsilat yapmaya çalıştık, ancak ödeme gerçekleşmedi; bu nedenle sipariş oluşturulmadı. {{date retryDate "long"}} tarihinde yeniden deneyeceğiz. Ödemenin başarılı olması için lütfen bu tarihten önce ödeme yönteminizi güncelleyin.{{else}}{{date renewalDate "long"}} tarihli abonelik siparişiniz için kayıtlı ödeme yönteminizden tahsilat yapamadık; bu nedenle sipariş oluşturulmadı. Ödeme yönteminizi güncelleyene kadar aboneliğiniz beklemede kalacak.{{/if}}',
      quantity: "Adet: {{quantity}}",
      total: "Toplam",
      totalNote: "Kargo ve vergiler dahildir.",
      updatePayment: "Ödeme yöntemini güncelle",
      manage: "Aboneliği yönet",
      help: "{{#if retryDate}}Ödeme yönteminizi zaten güncellediyseniz başka bir şey yapmanıza gerek yok.{{else}}Sorunuz mu var? Bu e-postayı yanıtlamanız yeterli.{{/if}}",
    },
  },
  required: [
    "renewalDate",
    "items",
    "currency",
    "total",
    "updatePaymentUrl",
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
        variantTitle: "Size 02 / 100 pack",
        quantity: 1,
        total: 95.5,
      },
    ],
    // Items 1275.50 plus 49.90 shipping.
    total: 1325.4,
    retryDate: "2030-07-02T09:00:00.000Z",
    updatePaymentUrl:
      "https://kestrel.example.com/account/subscriptions/sub_01JSAMPLE/payment",
    manageUrl: "https://kestrel.example.com/account/subscriptions/sub_01JSAMPLE",
  },
})
