import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { FlowBirthdayData } from "../../../lib/flows/template-data"
import {
  COMMON_FLOW_STRINGS,
  DISCOUNT_PREVIEW,
  DISCOUNT_STRINGS,
  SAMPLE_DISCOUNT,
  discountBox,
  shopButton,
} from "../flow-shared/parts"

const card = `
      <mj-section>
        <mj-column>
          ${opening("greetingName")}
        </mj-column>
      </mj-section>
      <mj-raw>{{#if bonusPoints}}</mj-raw>
      <mj-section padding="8px 0">
        <mj-column background-color="#f9fafb" border-radius="6px" padding="16px">
          <mj-text mj-class="muted" align="center" padding="0">{{t.bonusLabel}}</mj-text>
          <mj-text align="center" font-size="28px" line-height="36px" font-weight="700" color="{{brand.primaryColor}}" padding="4px 0 0 0">+{{number bonusPoints}}</mj-text>
          <mj-raw>{{#if bonusValue}}</mj-raw>
          <mj-text align="center" padding="4px 0 0 0">{{t.bonusValue}}</mj-text>
          <mj-raw>{{/if}}</mj-raw>
        </mj-column>
      </mj-section>
      <mj-raw>{{/if}}</mj-raw>
      ${discountBox}
      ${shopButton("{{t.cta}}", "{{#if bonusPoints}}{{#if rewardsUrl}}{{rewardsUrl}}{{else}}{{#if shopUrl}}{{shopUrl}}{{else}}{{brand.storefrontUrl}}{{/if}}{{/if}}{{else}}{{#if shopUrl}}{{shopUrl}}{{else}}{{brand.storefrontUrl}}{{/if}}{{/if}}")}
`

// On the customer's birthday, the loyalty program's day: same consent topic as its other emails.
export const flowBirthday = defineTemplate<"flow-birthday", FlowBirthdayData>({
  name: "flow-birthday",
  topic: "loyalty",
  category: "marketing",
  description:
    "Birthday greeting on the customer's birthday (store's time zone, once a year), with the loyalty bonus and its value when one was paid.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}Happy birthday{{#if customerName}}, {{customerName}}{{/if}}!{{#if bonusPoints}} A gift from {{brand.storeName}}{{/if}}{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}İyi ki doğdunuz{{#if customerName}}, {{customerName}}{{/if}}!{{#if bonusPoints}} {{brand.storeName}} mağazasından bir hediye{{/if}}{{/if}}",
  },
  card,
  strings: {
    en: {
      preview:
        "{{#if discount}}A birthday gift: " +
        DISCOUNT_PREVIEW.en +
        ". {{/if}}{{#if bonusPoints}}We added {{number bonusPoints}} birthday points to your account{{#if bonusValue}}, worth {{money bonusValue.amount bonusValue.currency}}{{/if}}.{{else}}Everyone at {{brand.storeName}} wishes you a wonderful day.{{/if}}",
      heading: "Happy birthday!",
      greetingNamed: "Hi {{greetingName}},",
      intro:
        "Everyone at {{brand.storeName}} wishes you a wonderful day{{#if bonusPoints}}, and we have a small gift for you{{/if}}.",
      bonusLabel: "Birthday points added to your account",
      bonusValue: "Worth {{money bonusValue.amount bonusValue.currency}} off your next order",
      cta: "{{#if bonusPoints}}See your rewards{{else}}Treat yourself{{/if}}",
      greeting: COMMON_FLOW_STRINGS.en.greeting,
      help: COMMON_FLOW_STRINGS.en.help,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview:
        "{{#if discount}}Doğum günü hediyeniz: " +
        DISCOUNT_PREVIEW.tr +
        ". {{/if}}{{#if bonusPoints}}Hesabınıza {{number bonusPoints}} doğum günü puanı ekledik{{#if bonusValue}} ({{money bonusValue.amount bonusValue.currency}} değerinde){{/if}}.{{else}}{{brand.storeName}} ekibi olarak güzel bir gün geçirmenizi dileriz.{{/if}}",
      heading: "İyi ki doğdunuz!",
      greetingNamed: "Merhaba {{greetingName}},",
      intro:
        "{{brand.storeName}} ekibi olarak güzel bir gün geçirmenizi dileriz{{#if bonusPoints}}; size küçük bir hediyemiz var{{/if}}.",
      bonusLabel: "Hesabınıza eklenen doğum günü puanı",
      bonusValue: "Bir sonraki siparişinizde {{money bonusValue.amount bonusValue.currency}} indirim değerinde",
      cta: "{{#if bonusPoints}}Ödüllerinizi görün{{else}}Kendinizi şımartın{{/if}}",
      greeting: COMMON_FLOW_STRINGS.tr.greeting,
      help: COMMON_FLOW_STRINGS.tr.help,
      ...DISCOUNT_STRINGS.tr,
    },
  },
  required: [],
  sampleData: {
    customerName: "Ayşe",
    greetingName: "Ayşe",
    subjectLine: "",
    shopUrl: "https://kestrel.example.com/store",
    rewardsUrl: "https://kestrel.example.com/account/rewards",
    bonusPoints: 200,
    bonusValue: { amount: 2, currency: "eur" },
    discount: { ...SAMPLE_DISCOUNT, code: "BIRTHDAY15", percent: 15 },
  },
})
