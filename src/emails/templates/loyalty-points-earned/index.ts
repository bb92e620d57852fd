import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyPointsEarnedData = {
  customerName?: string
  orderDisplayId?: string
  pointsEarned: number
  /** Balance including the new points (available + pending). */
  balance: number
  /** Spendable now. */
  availablePoints?: number
  /** Waiting out a return window, including the new points. */
  pendingPoints?: number
  /** Points stay pending until the return window of the order closes. */
  pendingUntil?: string
  tierName?: string
  nextTierName?: string
  pointsToNextTier?: number
  /**
   * Set when the same order lifted the customer into a new tier: the tier news goes in this
   * email instead of a second one (one email per event).
   */
  reachedTierName?: string
  reachedTierMultiplier?: number
  rewardsUrl: string
}

const stat = (label: string, value: string, color = "") => `
          <mj-column width="32%" background-color="#f9fafb" border-radius="6px" padding="14px 4px">
            <mj-text mj-class="muted" align="center" padding="0">${label}</mj-text>
            <mj-text align="center" font-size="24px" line-height="32px" font-weight="700"${color} padding="4px 0 0 0">${value}</mj-text>
          </mj-column>`
const gap = `
          <mj-column width="2%">
            <mj-spacer height="1px" />
          </mj-column>`

// Earned, available now and pending side by side: pending points cannot be spent yet, so one
// "balance" would promise too much. Data from before the split (a deferred email) shows the
// total balance in the second box and no third.
const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
        </mj-column>
      </mj-section>
      <mj-raw>{{#if reachedTierName}}</mj-raw>
      <mj-section padding="0 0 16px 0">
        <mj-column background-color="#f9fafb" border="1px solid #e5e7eb" border-radius="6px" padding="14px 16px">
          <mj-text font-weight="700" padding="0 0 4px 0">{{t.tierReachedHeading}}</mj-text>
          <mj-text padding="0">{{t.tierReached}}</mj-text>
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>
      <mj-section padding="8px 0">
        <mj-group>${stat("{{t.earnedLabel}}", "+{{number pointsEarned}}", ' color="{{brand.primaryColor}}"')}${gap}${stat(
          "{{#if (gt pendingPoints -1)}}{{t.availableLabel}}{{else}}{{t.balanceLabel}}{{/if}}",
          "{{#if (gt pendingPoints -1)}}{{number availablePoints}}{{else}}{{number balance}}{{/if}}"
        )}
          <mj-raw>{{#if (gt pendingPoints -1)}}</mj-raw>${gap}${stat("{{t.pendingLabel}}", "{{number pendingPoints}}")}
          <mj-raw>{{/if}}</mj-raw>
        </mj-group>
      </mj-section>
      <mj-section padding="16px 0 0 0">
        <mj-column>
          <mj-text>{{#if pendingUntil}}{{t.pending}} {{/if}}{{#if tierName}}{{#unless reachedTierName}}{{t.tier}}{{/unless}}{{#if nextTierName}} {{t.nextTier}}{{/if}}{{/if}}</mj-text>
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
    en: "{{#if reachedTierName}}You reached {{reachedTierName}} and earned {{number pointsEarned}} points at {{brand.storeName}}{{else}}You earned {{number pointsEarned}} points at {{brand.storeName}}{{/if}}",
    tr: "{{#if reachedTierName}}{{brand.storeName}}: {{reachedTierName}} seviyesine ulaştınız ve {{number pointsEarned}} puan kazandınız{{else}}{{brand.storeName}} alışverişinizden {{number pointsEarned}} puan kazandınız{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: "{{#if reachedTierName}}You are now {{reachedTierName}}: every order earns {{number reachedTierMultiplier}}× points.{{else}}Your points balance just went up.{{/if}}",
      heading: "You earned {{number pointsEarned}} points",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        "Thanks for your order{{#if orderDisplayId}} #{{orderDisplayId}}{{/if}}. Here is where your rewards stand.",
      earnedLabel: "Points earned",
      balanceLabel: "Your balance",
      availableLabel: "Available now",
      pendingLabel: "Pending",
      tierReachedHeading: "You are now {{reachedTierName}}",
      tierReached: "This order took you to {{reachedTierName}}: from now on every order earns {{number reachedTierMultiplier}}× points.",
      pending:
        'These points are pending and become available on {{date pendingUntil "long"}}, once the return window closes.',
      tier: "You are a {{tierName}} member.",
      nextTier:
        "Earn {{number pointsToNextTier}} more points to reach {{nextTierName}}.",
      cta: "See your rewards",
    },
    tr: {
      preview: "{{#if reachedTierName}}Artık {{reachedTierName}} üyesisiniz: her sipariş {{number reachedTierMultiplier}} kat puan kazandırır.{{else}}Puan bakiyeniz arttı.{{/if}}",
      heading: "{{number pointsEarned}} puan kazandınız",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        "{{#if orderDisplayId}}#{{orderDisplayId}} numaralı siparişiniz{{else}}Siparişiniz{{/if}} için teşekkür ederiz. Ödül durumunuz aşağıda.",
      earnedLabel: "Kazanılan puan",
      balanceLabel: "Puan bakiyeniz",
      availableLabel: "Kullanılabilir",
      pendingLabel: "Beklemede",
      tierReachedHeading: "Artık {{reachedTierName}} üyesisiniz",
      tierReached: "Bu siparişle {{reachedTierName}} seviyesine ulaştınız: bundan sonra her siparişiniz {{number reachedTierMultiplier}} kat puan kazandırır.",
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
    availablePoints: 1220,
    pendingPoints: 120,
    pendingUntil: "2030-07-14T00:00:00.000Z",
    tierName: "Silver",
    nextTierName: "Gold",
    pointsToNextTier: 3660,
    reachedTierName: "Silver",
    reachedTierMultiplier: 1.25,
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
