import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import { itemRows, secondaryButton } from "../replenishment-reminder/parts"

export type RunningLowItem = {
  title: string
  variantTitle?: string
  imageUrl?: string
}

export type ReplenishmentRunningLowData = {
  customerName?: string
  /** The items predicted to run out; the first one names the subject. */
  items: RunningLowItem[]
  /** The customer's last order of these items. */
  lastOrderedAt: string
  /** Signed link that rebuilds the cart with these items. */
  reorderUrl: string
  /** Where to subscribe instead; the subscribe offer shows only when it is set. */
  subscribeUrl?: string
  /** The plan's subscribe-and-save percentage, mentioned with the subscribe offer. */
  discountPercent?: number
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
          <mj-table>
            ${itemRows({ image: true })}
          </mj-table>
          <mj-button href="{{reorderUrl}}" width="100%" padding="24px 0 10px 0">{{t.reorder}}</mj-button>
        </mj-column>
      </mj-section>
      <mj-raw>{{#if subscribeUrl}}</mj-raw>
      <mj-section padding="8px 0 0 0">
        <mj-column>
          <mj-divider />
          <mj-text align="center">{{t.subscribeOffer}}</mj-text>
          ${secondaryButton("{{subscribeUrl}}", "{{t.subscribe}}")}
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>
`

export const replenishmentRunningLow = defineTemplate<
  "replenishment-running-low",
  ReplenishmentRunningLowData
>({
  name: "replenishment-running-low",
  topic: "replenishment",
  category: "marketing",
  description:
    "Predicted run-out reminder for a customer without a subscription: one-click reorder, and an optional subscribe-and-save offer.",
  subject: {
    en: "{{#if customerName}}{{customerName}}, running{{else}}Running{{/if}} low on {{items.[0].title}}?",
    tr: "{{#if customerName}}{{customerName}}, {{/if}}{{items.[0].title}} bitmek üzere mi?",
  },
  card,
  strings: {
    en: {
      preview: "Reorder in one click before you run out.",
      heading: "Running low?",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        'Your last order of the items below was on {{date lastOrderedAt "long"}}, so you may be running low. Reorder in one click before you run out.',
      reorder: "Reorder now",
      subscribeOffer:
        "{{#if discountPercent}}<strong>Save {{percent discountPercent}} with a subscription.</strong> {{/if}}Get them delivered on your schedule, and skip, pause or cancel any time.",
      subscribe: "Subscribe and never run out",
    },
    tr: {
      preview: "Bitmeden tek tıkla yeniden sipariş verin.",
      heading: "Bitmek üzere mi?",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        'Aşağıdaki ürünleri en son {{date lastOrderedAt "long"}} tarihinde sipariş ettiniz; bitmek üzere olabilir. Tükenmeden tek tıkla yeniden sipariş verin.',
      reorder: "Hemen yeniden sipariş ver",
      subscribeOffer:
        "{{#if discountPercent}}<strong>Abonelikle {{percent discountPercent}} tasarruf edin.</strong> {{/if}}Ürünleriniz seçtiğiniz aralıklarla kapınıza gelsin; dilediğiniz zaman atlayın, duraklatın veya iptal edin.",
      subscribe: "Abone olun, hiç bitmesin",
    },
  },
  required: ["items", "lastOrderedAt", "reorderUrl"],
  sampleData: {
    customerName: "Jordan",
    items: [
      {
        title: "Single-Origin Coffee Beans",
        variantTitle: "1 kg / Whole bean",
        imageUrl: "https://placehold.co/96x96/png?text=Coffee",
      },
    ],
    lastOrderedAt: "2030-06-03T14:20:00.000Z",
    reorderUrl: "https://kestrel.example.com/retention/reorder?token=sample",
    subscribeUrl:
      "https://kestrel.example.com/products/single-origin-coffee-beans?subscribe=4w",
    discountPercent: 10,
  },
})
