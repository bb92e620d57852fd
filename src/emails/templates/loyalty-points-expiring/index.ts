import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type LoyaltyPointsExpiringData = {
  customerName?: string
  /** Points that expire on `expiresAt` unless spent. */
  points: number
  expiresAt: string
  /** Spendable balance, including the expiring points. */
  balance: number
  /** Points still pending (not spendable yet), shown apart from the balance. */
  pendingPoints?: number
  /** Money value of the expiring points, in major units of `currency`. */
  pointsValue?: number
  currency?: string
  rewardsUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
          <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" color="{{brand.primaryColor}}" padding="0 0 4px 0">{{number points}}</mj-text>
          <mj-text align="center" font-weight="600" padding="0 0 8px 0">{{#if currency}}{{#if (gt pointsValue 0)}}{{t.worth}}{{/if}}{{/if}}</mj-text>
          <mj-text align="center" mj-class="muted">{{t.balance}}{{#if (gt pendingPoints 0)}}<br />{{t.pending}}{{/if}}</mj-text>
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
      preview: "{{#if currency}}{{#if (gt pointsValue 0)}}{{money pointsValue currency}} in points expires soon: use it before {{date expiresAt \"long\"}}.{{else}}Use your points before they expire.{{/if}}{{else}}Use your points before they expire.{{/if}}",
      heading: "Your points are about to expire",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro: 'These points expire on {{date expiresAt "long"}} unless you use them before then.',
      balance: "Your balance: {{number balance}} points",
      worth: "Worth {{money pointsValue currency}} off your next order",
      pending: "Pending (not yet spendable): {{number pendingPoints}} points",
      cta: "Use your points",
    },
    tr: {
      preview: "{{#if currency}}{{#if (gt pointsValue 0)}}{{money pointsValue currency}} değerindeki puanlarınızın süresi doluyor.{{else}}Puanlarınızın süresi dolmadan kullanın.{{/if}}{{else}}Puanlarınızın süresi dolmadan kullanın.{{/if}}",
      heading: "Puanlarınızın süresi doluyor",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro: 'Bu puanları {{date expiresAt "long"}} tarihine kadar kullanmazsanız süreleri dolacak.',
      balance: "Bakiyeniz: {{number balance}} puan",
      worth: "Bir sonraki siparişinizde {{money pointsValue currency}} indirim değerinde",
      pending: "Beklemede (henüz kullanılamaz): {{number pendingPoints}} puan",
      cta: "Puanlarınızı kullanın",
    },
  },
  required: ["points", "expiresAt", "balance", "rewardsUrl"],
  sampleData: {
    customerName: "Jordan",
    points: 300,
    expiresAt: "2030-07-14T00:00:00.000Z",
    balance: 1340,
    pendingPoints: 120,
    pointsValue: 3,
    currency: "eur",
    rewardsUrl: "https://kestrel.example.com/account/rewards",
  },
})
