import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyPointsAvailableData = {
  customerName?: string
  /** Points that just became spendable. */
  points: number
  /** Spendable balance including them. */
  balance: number
  /** Money value of the balance, already formatted (e.g. "€12.50"). */
  balanceValue?: string
  rewardsUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
          <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" color="{{brand.primaryColor}}">{{number balance}}</mj-text>
          <mj-text align="center" mj-class="muted">{{t.balanceLabel}}{{#if balanceValue}} · {{balanceValue}}{{/if}}</mj-text>
          <mj-button href="{{rewardsUrl}}">{{t.cta}}</mj-button>
        </mj-column>
      </mj-section>
`

export const loyaltyPointsAvailable = defineTemplate<"loyalty-points-available", LoyaltyPointsAvailableData>({
  name: "loyalty-points-available",
  topic: "loyalty",
  category: "marketing",
  // News the reader need not act on: it waits behind any other marketing email in the caps.
  priority: "low",
  description: "Pending points became available after the return window: new spendable balance.",
  subject: {
    en: "{{number points}} points are ready to spend at {{brand.storeName}}",
    tr: "{{brand.storeName}}: {{number points}} puanınız kullanıma hazır",
  },
  card,
  strings: {
    en: {
      preview: "Your points are ready to spend.",
      heading: "{{number points}} points are now available",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro: "The return window of your order has closed, so your points can now be spent at checkout.",
      balanceLabel: "Points available",
      cta: "Use your points",
    },
    tr: {
      preview: "Puanlarınız kullanıma hazır.",
      heading: "{{number points}} puan artık kullanılabilir",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro: "Siparişinizin iade süresi doldu; puanlarınızı artık ödeme adımında kullanabilirsiniz.",
      balanceLabel: "Kullanılabilir puan",
      cta: "Puanlarınızı kullanın",
    },
  },
  required: ["points", "balance", "rewardsUrl"],
  sampleData: {
    customerName: "Jordan",
    points: 120,
    balance: 1340,
    balanceValue: "€13.40",
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
