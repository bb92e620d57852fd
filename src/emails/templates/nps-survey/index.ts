import { defineTemplate } from "../../define"

export type NpsSurveyData = {
  customerName?: string
  orderDisplayId?: string
  /** The merchant's question from the NPS settings; the template's own text when absent. */
  question?: string
  /** Exactly eleven signed links, for the scores 0 to 10 in order. */
  scoreUrls: string[]
}

// Eleven 44 × 44 px score buttons (the smallest tap target phones recommend) that wrap: one row
// at 600 px, two rows (0–5, 6–10) on a phone, with no media query a mail app might ignore.
const card = `
      <mj-section>
        <mj-column>
          <mj-text mj-class="heading" align="center">{{t.heading}}</mj-text>
          <mj-text align="center">{{#if customerName}}{{t.greetingNamed}}{{else}}{{t.greeting}}{{/if}} {{t.intro}}</mj-text>
          <mj-text align="center" font-size="17px" line-height="26px" font-weight="600" padding="8px 0 20px 0">{{#if question}}{{question}}{{else}}{{t.question}}{{/if}}</mj-text>
          <mj-text css-class="nps-scale" align="center" padding="0 0 2px 0">{{#each scoreUrls}}<a href="{{this}}" style="display:inline-block;box-sizing:border-box;width:44px;height:44px;line-height:42px;margin:0 2px 6px 2px;border:1px solid {{@root.brand.primaryColor}};border-radius:6px;color:{{@root.brand.primaryColor}};font-size:16px;font-weight:700;text-align:center;text-decoration:none;">{{@index}}</a>{{/each}}</mj-text>
          <mj-table padding="8px 0 0 0">
            <tr>
              <td align="left" style="color:#6b7280;font-size:12px;">{{t.notLikely}}</td>
              <td align="right" style="color:#6b7280;font-size:12px;">{{t.veryLikely}}</td>
            </tr>
          </mj-table>
          <mj-text mj-class="muted" align="center" padding="24px 0 0 0">{{t.followUp}}</mj-text>
        </mj-column>
      </mj-section>
`

export const npsSurvey = defineTemplate<"nps-survey", NpsSurveyData>({
  name: "nps-survey",
  topic: "nps",
  category: "marketing",
  // A survey is never starved by informational emails: the caps count only high-priority sends.
  priority: "high",
  description:
    "Net Promoter Score survey: one question with eleven one-click score buttons (0 to 10).",
  subject: {
    en: "{{brand.storeName}}: a quick question about your order",
    tr: "{{brand.storeName}}: siparişinizle ilgili kısa bir soru",
  },
  card,
  strings: {
    en: {
      preview: "One question, one click to answer.",
      heading: "How did we do?",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi,",
      intro:
        "thanks for shopping with us{{#if orderDisplayId}} (order #{{orderDisplayId}}){{/if}}. We would love your feedback.",
      question:
        "How likely are you to recommend {{brand.storeName}} to a friend or colleague?",
      notLikely: "0 = Not at all likely",
      veryLikely: "10 = Extremely likely",
      followUp:
        "Tap a number to answer. You can add a comment on the next page if you like.",
    },
    tr: {
      preview: "Tek bir soru, yanıtlamak için tek bir tıklama.",
      heading: "Bizi nasıl buldunuz?",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        "bizden alışveriş yaptığınız için teşekkür ederiz{{#if orderDisplayId}} (sipariş #{{orderDisplayId}}){{/if}}. Görüşleriniz bizim için çok değerli.",
      question:
        "{{brand.storeName}} mağazasını bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir?",
      notLikely: "0 = Hiç olası değil",
      veryLikely: "10 = Çok olası",
      followUp:
        "Yanıtlamak için bir sayıya dokunun. İsterseniz bir sonraki sayfada yorum da ekleyebilirsiniz.",
    },
  },
  required: ["scoreUrls"],
  sampleData: {
    customerName: "Jordan",
    orderDisplayId: "1042",
    // Empty: the sample shows the template's own localized question.
    question: "",
    scoreUrls: Array.from(
      { length: 11 },
      (_, score) =>
        `https://kestrel.example.com/retention/nps/answer?token=sample&score=${score}`
    ),
  },
})
