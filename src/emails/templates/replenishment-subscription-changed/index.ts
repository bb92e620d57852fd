import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { ReplenishmentItem } from "../replenishment-reminder"
import { itemRows } from "../replenishment-reminder/parts"

export type SubscriptionChange = "paused" | "resumed" | "canceled" | "skipped"

/** An item of the subscription; `total` is accepted but not shown (no prices in this email). */
export type SubscriptionChangedItem = Omit<ReplenishmentItem, "total"> & {
  total?: number
}

export type ReplenishmentSubscriptionChangedData = {
  customerName?: string
  change: SubscriptionChange
  items: SubscriptionChangedItem[]
  /** Paused: the day the subscription restarts on its own; absent when paused until resumed. */
  pausedUntil?: string
  /** Resumed or skipped: when the next order will be placed. */
  nextRenewalDate?: string
  manageUrl: string
}

/**
 * One text per change, as a Handlebars chain on `change`. Every change is named: a value this
 * template does not know shows nothing rather than another change's text.
 */
function perChange(texts: Record<SubscriptionChange, string>): string {
  const changes: SubscriptionChange[] = ["paused", "resumed", "skipped", "canceled"]
  const chain = changes
    .map((change) => `if (eq change "${change}")}}${texts[change]}`)
    .join("{{else ")
  return `{{#${chain}{{/if}}`
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
        </mj-column>
      </mj-section>
      <mj-section>
        <mj-column>
          <mj-text mj-class="muted" font-weight="600" padding="8px 0 0 0">{{t.itemsLabel}}</mj-text>
          <mj-table>
            ${itemRows({ image: true, quantity: true })}
          </mj-table>
        </mj-column>
      </mj-section>
      <mj-section padding="24px 0 0 0">
        <mj-column>
          <mj-button href="{{manageUrl}}" width="100%">{{t.manage}}</mj-button>
          <mj-text mj-class="muted" align="center" padding="8px 0 0 0">{{t.notYou}}</mj-text>
        </mj-column>
      </mj-section>
`

export const replenishmentSubscriptionChanged = defineTemplate<
  "replenishment-subscription-changed",
  ReplenishmentSubscriptionChangedData
>({
  name: "replenishment-subscription-changed",
  topic: "replenishment",
  category: "transactional",
  description:
    "Confirmation that a subscription was paused, resumed or canceled, or its next delivery skipped.",
  subject: {
    en: perChange({
      paused: "Your subscription is paused",
      resumed: "Your subscription is active again",
      skipped: "Your next delivery has been skipped",
      canceled: "Your subscription has been canceled",
    }),
    tr: perChange({
      paused: "Aboneliğiniz duraklatıldı",
      resumed: "Aboneliğiniz yeniden aktif",
      skipped: "Sıradaki teslimatınız atlandı",
      canceled: "Aboneliğiniz iptal edildi",
    }),
  },
  card,
  strings: {
    en: {
      preview: perChange({
        paused: "No orders and no charges while your subscription is paused.",
        resumed: "Your deliveries are back on schedule.",
        skipped: "You will not be charged for the skipped delivery.",
        canceled: "No more orders and no more charges.",
      }),
      heading: perChange({
        paused: "Your subscription is paused",
        resumed: "Your subscription is active again",
        skipped: "Your next delivery is skipped",
        canceled: "Your subscription is canceled",
      }),
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro: perChange({
        paused:
          '{{#if pausedUntil}}Your subscription is paused until {{date pausedUntil "long"}}. We will not place any orders or charge you until then, and it restarts on its own on that day.{{else}}We will not place any orders or charge you until you resume it.{{/if}}',
        resumed:
          'Welcome back! Your subscription is running again.{{#if nextRenewalDate}} We will place your next order on {{date nextRenewalDate "long"}}.{{/if}}',
        skipped:
          'We skipped your next delivery, so you will not be charged for it.{{#if nextRenewalDate}} Your subscription continues as usual, with the next order on {{date nextRenewalDate "long"}}.{{/if}}',
        canceled:
          "We will not place any more orders for this subscription or charge you for it again. Orders already placed are not affected. We hope to see you again.",
      }),
      itemsLabel: "Items in this subscription",
      quantity: "Qty {{quantity}}",
      manage: perChange({
        paused: "Manage subscription",
        resumed: "Manage subscription",
        skipped: "Manage subscription",
        canceled: "View subscription",
      }),
      notYou:
        "If you did not make this change, reply to this email and we will look into it.",
    },
    tr: {
      preview: perChange({
        paused: "Aboneliğiniz duraklatıldığı sürece sipariş oluşturulmaz ve ödeme alınmaz.",
        resumed: "Teslimatlarınız yeniden planlandığı gibi devam ediyor.",
        skipped: "Atlanan teslimat için sizden ödeme alınmayacak.",
        canceled: "Artık yeni sipariş oluşturulmayacak ve ödeme alınmayacak.",
      }),
      heading: perChange({
        paused: "Aboneliğiniz duraklatıldı",
        resumed: "Aboneliğiniz yeniden aktif",
        skipped: "Sıradaki teslimatınız atlandı",
        canceled: "Aboneliğiniz iptal edildi",
      }),
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro: perChange({
        paused:
          '{{#if pausedUntil}}Aboneliğiniz {{date pausedUntil "long"}} tarihine kadar duraklatıldı. O tarihe kadar sipariş oluşturmayacak ve sizden ödeme almayacağız; aboneliğiniz o gün kendiliğinden yeniden başlayacak.{{else}}Siz yeniden başlatana kadar sipariş oluşturmayacak ve sizden ödeme almayacağız.{{/if}}',
        resumed:
          'Tekrar hoş geldiniz! Aboneliğiniz yeniden başladı.{{#if nextRenewalDate}} Bir sonraki siparişinizi {{date nextRenewalDate "long"}} tarihinde oluşturacağız.{{/if}}',
        skipped:
          'Sıradaki teslimatınızı atladık; bu teslimat için sizden ödeme alınmayacak.{{#if nextRenewalDate}} Aboneliğiniz her zamanki gibi devam ediyor; bir sonraki siparişiniz {{date nextRenewalDate "long"}} tarihinde oluşturulacak.{{/if}}',
        canceled:
          "Bu abonelik için artık yeni sipariş oluşturmayacak ve sizden ödeme almayacağız. Daha önce oluşturulan siparişleriniz bundan etkilenmez. Sizi yeniden aramızda görmeyi umuyoruz.",
      }),
      itemsLabel: "Bu abonelikteki ürünler",
      quantity: "Adet: {{quantity}}",
      manage: perChange({
        paused: "Aboneliği yönet",
        resumed: "Aboneliği yönet",
        skipped: "Aboneliği yönet",
        canceled: "Aboneliği görüntüle",
      }),
      notYou:
        "Bu değişikliği siz yapmadıysanız bu e-postayı yanıtlayın, hemen ilgilenelim.",
    },
  },
  required: ["change", "items", "manageUrl"],
  sampleData: {
    customerName: "Jordan",
    change: "paused",
    items: [
      {
        title: "Single-Origin Coffee Beans",
        variantTitle: "1 kg / Whole bean",
        quantity: 2,
        imageUrl: "https://placehold.co/96x96/png?text=Coffee",
      },
      {
        title: "Paper Filters",
        variantTitle: "Size 02 / 100 pack",
        quantity: 1,
      },
    ],
    pausedUntil: "2030-08-15T00:00:00.000Z",
    nextRenewalDate: "2030-08-15T09:00:00.000Z",
    manageUrl: "https://kestrel.example.com/account/subscriptions/sub_01JSAMPLE",
  },
})
