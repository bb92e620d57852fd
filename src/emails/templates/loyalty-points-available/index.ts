import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyPointsAvailableData = {
  customerName?: string
  /** Points that just became spendable. */
  points: number
  /** Spendable balance including them. */
  balance: number
  /** Points still pending (other orders' return windows): shown apart, not in the balance. */
  pendingPoints?: number
  /** Money value of the spendable balance, in major units of `currency`. */
  balanceValue?: number
  currency?: string
  rewardsUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
          <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" color="{{brand.primaryColor}}">{{number balance}}</mj-text>
          <mj-text align="center" mj-class="muted">{{t.balanceLabel}}{{#if currency}}{{#if (gt balanceValue 0)}} · {{t.worth}}{{/if}}{{/if}}{{#if (gt pendingPoints 0)}}<br />{{t.pending}}{{/if}}</mj-text>
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
      worth: "worth {{money balanceValue currency}}",
      pending: "{{number pendingPoints}} more points pending",
      cta: "Use your points",
    },
    tr: {
      preview: "Puanlarınız kullanıma hazır.",
      heading: "{{number points}} puan artık kullanılabilir",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro: "Siparişinizin iade süresi doldu; puanlarınızı artık ödeme adımında kullanabilirsiniz.",
      balanceLabel: "Kullanılabilir puan",
      worth: "{{money balanceValue currency}} değerinde",
      pending: "{{number pendingPoints}} puan daha beklemede",
      cta: "Puanlarınızı kullanın",
    },
  },
  required: ["points", "balance", "rewardsUrl"],
  sampleData: {
    customerName: "Jordan",
    points: 120,
    balance: 1340,
    pendingPoints: 80,
    balanceValue: 13.4,
    currency: "eur",
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
