import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyPointsEarnedData = {
  customerName?: string
  orderDisplayId?: string
  pointsEarned: number
  /** Balance including the new points. */
  balance: number
  /** Points stay pending until the return window of the order closes. */
  pendingUntil?: string
  tierName?: string
  nextTierName?: string
  pointsToNextTier?: number
  rewardsUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
        </mj-column>
      </mj-section>
      <mj-section padding="8px 0">
        <mj-group>
          <mj-column width="48%" background-color="#f9fafb" border-radius="6px" padding="16px 8px">
            <mj-text mj-class="muted" align="center" padding="0">{{t.earnedLabel}}</mj-text>
            <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" color="{{brand.primaryColor}}" padding="4px 0 0 0">+{{number pointsEarned}}</mj-text>
          </mj-column>
          <mj-column width="4%">
            <mj-spacer height="1px" />
          </mj-column>
          <mj-column width="48%" background-color="#f9fafb" border-radius="6px" padding="16px 8px">
            <mj-text mj-class="muted" align="center" padding="0">{{t.balanceLabel}}</mj-text>
            <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" padding="4px 0 0 0">{{number balance}}</mj-text>
          </mj-column>
        </mj-group>
      </mj-section>
      <mj-section padding="16px 0 0 0">
        <mj-column>
          <mj-text>{{#if pendingUntil}}{{t.pending}} {{/if}}{{#if tierName}}{{t.tier}}{{#if nextTierName}} {{t.nextTier}}{{/if}}{{/if}}</mj-text>
          <mj-button href="{{rewardsUrl}}">{{t.cta}}</mj-button>
        </mj-column>
      </mj-section>
`

export const loyaltyPointsEarned = defineTemplate<
  "loyalty-points-earned",
  LoyaltyPointsEarnedData
>({
  name: "loyalty-points-earned",
  topic: "loyalty",
  category: "marketing",
  // News the reader need not act on: it waits behind any other marketing email in the caps.
  priority: "low",
  description:
    "Points earned on an order: points, when they become available, balance and tier progress.",
  subject: {
    en: "You earned {{number pointsEarned}} points at {{brand.storeName}}",
    tr: "{{brand.storeName}} alışverişinizden {{number pointsEarned}} puan kazandınız",
  },
  card,
  strings: {
    en: {
      preview: "Your points balance just went up.",
      heading: "You earned {{number pointsEarned}} points",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        "Thanks for your order{{#if orderDisplayId}} #{{orderDisplayId}}{{/if}}. Here is where your rewards stand.",
      earnedLabel: "Points earned",
      balanceLabel: "Your balance",
      pending:
        'These points are pending and become available on {{date pendingUntil "long"}}, once the return window closes.',
      tier: "You are a {{tierName}} member.",
      nextTier:
        "Earn {{number pointsToNextTier}} more points to reach {{nextTierName}}.",
      cta: "See your rewards",
    },
    tr: {
      preview: "Puan bakiyeniz arttı.",
      heading: "{{number pointsEarned}} puan kazandınız",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        "{{#if orderDisplayId}}#{{orderDisplayId}} numaralı siparişiniz{{else}}Siparişiniz{{/if}} için teşekkür ederiz. Ödül durumunuz aşağıda.",
      earnedLabel: "Kazanılan puan",
      balanceLabel: "Puan bakiyeniz",
      pending:
        'Bu puanlar beklemede; iade süresi dolduktan sonra, {{date pendingUntil "long"}} tarihinde kullanılabilir olacak.',
      tier: "{{tierName}} üyesisiniz.",
      nextTier:
        "{{nextTierName}} seviyesine ulaşmak için {{number pointsToNextTier}} puan daha kazanın.",
      cta: "Ödüllerinizi görün",
    },
  },
  required: ["pointsEarned", "balance", "rewardsUrl"],
  sampleData: {
    customerName: "Jordan",
    orderDisplayId: "1042",
    pointsEarned: 120,
    balance: 1340,
    pendingUntil: "2030-07-14T00:00:00.000Z",
    tierName: "Silver",
    nextTierName: "Gold",
    pointsToNextTier: 660,
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
