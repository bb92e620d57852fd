import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyTierReachedData = {
  customerName?: string
  tierName: string
  /** Earning multiplier of the new tier, e.g. 1.25. */
  multiplier: number
  nextTierName?: string
  pointsToNextTier?: number
  rewardsUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
          <mj-text>{{#if nextTierName}}{{t.nextTier}}{{/if}}</mj-text>
          <mj-button href="{{rewardsUrl}}">{{t.cta}}</mj-button>
        </mj-column>
      </mj-section>
`

export const loyaltyTierReached = defineTemplate<"loyalty-tier-reached", LoyaltyTierReachedData>({
  name: "loyalty-tier-reached",
  topic: "loyalty",
  category: "marketing",
  // News the reader need not act on: it waits behind any other marketing email in the caps.
  priority: "low",
  description: "The customer reached a new tier: its name, earning multiplier and the next tier.",
  subject: {
    en: "Welcome to {{tierName}} at {{brand.storeName}}",
    tr: "{{brand.storeName}} {{tierName}} seviyesine hoş geldiniz",
  },
  card,
  strings: {
    en: {
      preview: "You reached a new rewards tier.",
      heading: "You are now {{tierName}}",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro: "Thanks for shopping with us. From now on every order earns {{multiplier}}× points.",
      nextTier: "Earn {{number pointsToNextTier}} more points in the next 12 months to reach {{nextTierName}}.",
      cta: "See your rewards",
    },
    tr: {
      preview: "Yeni bir ödül seviyesine ulaştınız.",
      heading: "Artık {{tierName}} üyesisiniz",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro: "Bizi tercih ettiğiniz için teşekkürler. Bundan sonra her siparişiniz {{multiplier}} kat puan kazandırır.",
      nextTier: "{{nextTierName}} seviyesine ulaşmak için önümüzdeki 12 ayda {{number pointsToNextTier}} puan daha kazanın.",
      cta: "Ödüllerinizi görün",
    },
  },
  required: ["tierName", "multiplier", "rewardsUrl"],
  sampleData: {
    customerName: "Jordan",
    tierName: "Silver",
    multiplier: 1.25,
    nextTierName: "Gold",
    pointsToNextTier: 660,
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
