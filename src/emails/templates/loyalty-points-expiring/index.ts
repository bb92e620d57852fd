import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyPointsExpiringData = {
  customerName?: string
  /** Points that expire on `expiresAt` unless spent. */
  points: number
  expiresAt: string
  balance: number
  rewardsUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
          <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" color="{{brand.primaryColor}}">{{number points}}</mj-text>
          <mj-text align="center" mj-class="muted">{{t.balance}}</mj-text>
          <mj-button href="{{rewardsUrl}}">{{t.cta}}</mj-button>
        </mj-column>
      </mj-section>
`

export const loyaltyPointsExpiring = defineTemplate<"loyalty-points-expiring", LoyaltyPointsExpiringData>({
  name: "loyalty-points-expiring",
  topic: "loyalty",
  category: "marketing",
  description: "Reminder before points expire (first in, first out): how many and when.",
  subject: {
    en: '{{number points}} of your points expire on {{date expiresAt "long"}}',
    tr: '{{number points}} puanınızın süresi {{date expiresAt "long"}} tarihinde doluyor',
  },
  card,
  strings: {
    en: {
      preview: "Use your points before they expire.",
      heading: "Your points are about to expire",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro: 'These points expire on {{date expiresAt "long"}} unless you use them before then.',
      balance: "Your balance: {{number balance}} points",
      cta: "Use your points",
    },
    tr: {
      preview: "Puanlarınızın süresi dolmadan kullanın.",
      heading: "Puanlarınızın süresi doluyor",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro: 'Bu puanları {{date expiresAt "long"}} tarihine kadar kullanmazsanız süreleri dolacak.',
      balance: "Bakiyeniz: {{number balance}} puan",
      cta: "Puanlarınızı kullanın",
    },
  },
  required: ["points", "expiresAt", "balance", "rewardsUrl"],
  sampleData: {
    customerName: "Jordan",
    points: 300,
    expiresAt: "2030-07-14T00:00:00.000Z",
    balance: 1340,
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
