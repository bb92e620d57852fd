import { defineTemplate } from "../../define"

export type TestMessageData = {
  sentAt: string
  /** Admin user who pressed "send test". */
  requestedBy?: string
}

const card = `
      <mj-section>
        <mj-column>
          <mj-text mj-class="heading">{{t.heading}}</mj-text>
          <mj-text>{{t.body}}</mj-text>
          <mj-table padding="4px 0 16px 0">
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;width:38%;">{{t.senderLabel}}</td>
              <td style="padding:6px 0;">{{brand.fromName}} ({{brand.fromEmail}})</td>
            </tr>
            {{#if brand.replyTo}}
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.replyToLabel}}</td>
              <td style="padding:6px 0;">{{brand.replyTo}}</td>
            </tr>
            {{/if}}
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.sentLabel}}</td>
              <td style="padding:6px 0;">{{date sentAt "long"}}</td>
            </tr>
            {{#if requestedBy}}
            <tr>
              <td style="padding:6px 12px 6px 0;color:#6b7280;">{{t.requestedByLabel}}</td>
              <td style="padding:6px 0;">{{requestedBy}}</td>
            </tr>
            {{/if}}
          </mj-table>
          <mj-button href="{{brand.storefrontUrl}}">{{t.cta}}</mj-button>
        </mj-column>
      </mj-section>
`

export const testMessage = defineTemplate<"test-message", TestMessageData>({
  name: "test-message",
  topic: "system",
  category: "transactional",
  description:
    'Short message sent by the admin\'s "send test" button to check email settings.',
  subject: {
    en: "Test email from {{brand.storeName}}",
    tr: "{{brand.storeName}} test e-postası",
  },
  card,
  strings: {
    en: {
      preview: "If you can read this, sending works.",
      heading: "Your email settings work",
      body: "This is a test email from {{brand.storeName}}. If you can read it, your customers will receive your retention emails too.",
      senderLabel: "Sender",
      replyToLabel: "Reply-to",
      sentLabel: "Sent on",
      requestedByLabel: "Requested by",
      cta: "Open your store",
      footerTransactionalReason:
        "You receive this message because someone pressed “send test” in the {{brand.storeName}} admin.",
    },
    tr: {
      preview: "Bunu okuyabiliyorsanız gönderim çalışıyor.",
      heading: "E-posta ayarlarınız çalışıyor",
      body: "Bu, {{brand.storeName}} mağazanızdan gönderilen bir test e-postasıdır. Bunu okuyabiliyorsanız müşterileriniz de müşteri bağlılığı e-postalarınızı alabilir.",
      senderLabel: "Gönderen",
      replyToLabel: "Yanıt adresi",
      sentLabel: "Gönderim tarihi",
      requestedByLabel: "İsteyen",
      cta: "Mağazanızı açın",
      footerTransactionalReason:
        "{{brand.storeName}} yönetim panelinde “test gönder” düğmesine basıldığı için bu mesajı alıyorsunuz.",
    },
  },
  required: ["sentAt"],
  sampleData: {
    sentAt: "2030-06-12T14:30:00.000Z",
    requestedBy: "admin@kestrel.example.com",
  },
})
