import { defineTemplate } from "../../define"
import { opening } from "../../layout"

export type DetractorAlertData = {
  score: number
  comment?: string
  customerName: string
  customerEmail: string
  orderDisplayId?: string
  /** Link to the order (or the customer) in the Medusa admin. */
  orderAdminUrl: string
  respondedAt: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening()}
          <mj-table padding="4px 0 16px 0">
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;width:38%;">{{t.scoreLabel}}</td>
              <td style="padding:6px 0;font-weight:700;color:#b91c1c;">{{score}} / 10</td>
            </tr>
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.customerLabel}}</td>
              <td style="padding:6px 0;">{{customerName}}</td>
            </tr>
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.emailLabel}}</td>
              <td style="padding:6px 0;"><a href="mailto:{{customerEmail}}">{{customerEmail}}</a></td>
            </tr>
            {{#if orderDisplayId}}
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.orderLabel}}</td>
              <td style="padding:6px 0;">#{{orderDisplayId}}</td>
            </tr>
            {{/if}}
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.respondedLabel}}</td>
              <td style="padding:6px 0;">{{date respondedAt "long"}}</td>
            </tr>
          </mj-table>
          <mj-text font-weight="700" padding="0 0 6px 0">{{t.commentLabel}}</mj-text>
          <mj-text>{{#if comment}}<div style="border-left:3px solid #e5e7eb;padding:4px 0 4px 12px;font-style:italic;">{{multiline comment}}</div>{{else}}<span style="color:#6b7280;">{{t.noComment}}</span>{{/if}}</mj-text>
          <mj-button href="{{orderAdminUrl}}">{{t.cta}}</mj-button>
          <mj-text mj-class="muted" padding="8px 0 0 0">{{t.tip}}</mj-text>
        </mj-column>
      </mj-section>
`

export const detractorAlert = defineTemplate<
  "detractor-alert",
  DetractorAlertData
>({
  name: "detractor-alert",
  topic: "system",
  category: "transactional",
  // The store's own staff: the customer's full name or email, as stored.
  audience: "staff",
  description:
    "Alert to the merchant when a customer answers the NPS survey with a low score (0 to 6).",
  subject: {
    en: "Detractor alert: {{customerName}} scored {{score}}/10",
    tr: "Düşük NPS puanı: {{customerName}} {{score}}/10 verdi",
  },
  card,
  strings: {
    en: {
      preview: "{{customerName}} answered your NPS survey with {{score}}/10.",
      heading: "A customer rated you {{score}} out of 10",
      intro:
        "{{customerName}} answered your NPS survey with a low score. A quick, personal reply often wins a detractor back.",
      scoreLabel: "Score",
      customerLabel: "Customer",
      emailLabel: "Email",
      orderLabel: "Order",
      respondedLabel: "Answered on",
      commentLabel: "Comment",
      noComment: "No comment left.",
      cta: "View order in admin",
      tip: "Tip: reply from your own inbox so the customer can answer you directly.",
      footerTransactionalReason:
        "You receive this alert because detractor alerts are turned on for {{brand.storeName}}.",
    },
    tr: {
      preview: "{{customerName}}, NPS anketinize {{score}}/10 puan verdi.",
      heading: "Bir müşteri size 10 üzerinden {{score}} puan verdi",
      intro:
        "{{customerName}}, NPS anketinize düşük bir puanla yanıt verdi. Hızlı ve kişisel bir yanıt, memnun olmayan bir müşteriyi çoğu zaman geri kazandırır.",
      scoreLabel: "Puan",
      customerLabel: "Müşteri",
      emailLabel: "E-posta",
      orderLabel: "Sipariş",
      respondedLabel: "Yanıt tarihi",
      commentLabel: "Yorum",
      noComment: "Yorum bırakılmadı.",
      cta: "Siparişi yönetim panelinde görüntüle",
      tip: "İpucu: Müşterinin size doğrudan yanıt verebilmesi için kendi e-posta adresinizden yazın.",
      footerTransactionalReason:
        "{{brand.storeName}} için düşük puan uyarıları açık olduğu için bu uyarıyı alıyorsunuz.",
    },
  },
  required: [
    "score",
    "customerName",
    "customerEmail",
    "orderAdminUrl",
    "respondedAt",
  ],
  sampleData: {
    score: 4,
    comment:
      "The parcel arrived a week late.\nNobody answered my emails in the meantime.",
    customerName: "Jordan Lee",
    customerEmail: "jordan@example.com",
    orderDisplayId: "1042",
    orderAdminUrl:
      "https://admin.kestrel.example.com/app/orders/order_01JSAMPLE",
    respondedAt: "2030-06-12T14:30:00.000Z",
  },
})
