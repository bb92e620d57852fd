import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { FlowWinBackData } from "../../../lib/flows/template-data"
import {
  COMMON_FLOW_STRINGS,
  DISCOUNT_PREVIEW,
  DISCOUNT_STRINGS,
  LIFECYCLE_TOPIC,
  SAMPLE_DISCOUNT,
  SAMPLE_PRODUCTS,
  discountBox,
  productList,
  shopButton,
} from "../flow-shared/parts"

const card = `
      <mj-section>
        <mj-column>
          ${opening("greetingName")}
        </mj-column>
      </mj-section>
      ${discountBox}
      ${productList()}
      ${shopButton()}
`

export const flowWinBack1 = defineTemplate<"flow-win-back-1", FlowWinBackData>({
  name: "flow-win-back-1",
  topic: LIFECYCLE_TOPIC,
  category: "marketing",
  description:
    "Win-back, step 1: when a customer has gone quiet for longer than their usual time between orders, what is new and picked for them.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if customerName}}{{customerName}}, it{{else}}It{{/if}} has been a while{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if customerName}}{{customerName}}, sizi{{else}}Sizi{{/if}} özledik{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.en}: {{/if}}A few things picked for you at {{brand.storeName}}.`,
      heading: "We have missed you",
      greetingNamed: "Hi {{greetingName}},",
      intro:
        "It has been a while{{#if lastOrderDate}} since your last order on {{date lastOrderDate \"long\"}}{{/if}}. Here is what we picked for you at {{brand.storeName}}.",
      productsHeading: "Picked for you",
      cta: "See what is new",
      ...COMMON_FLOW_STRINGS.en,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.tr}: {{/if}}{{brand.storeName}} mağazasında sizin için seçtiklerimiz.`,
      heading: "Sizi özledik",
      greetingNamed: "Merhaba {{greetingName}},",
      intro:
        "{{#if lastOrderDate}}Son siparişinizin üzerinden ({{date lastOrderDate \"long\"}}) epey zaman geçti{{else}}Sizi görmeyeli epey zaman oldu{{/if}}. {{brand.storeName}} mağazasında sizin için seçtiklerimize göz atın.",
      productsHeading: "Sizin için seçtiklerimiz",
      cta: "Yenilere göz atın",
      ...COMMON_FLOW_STRINGS.tr,
      ...DISCOUNT_STRINGS.tr,
    },
  },
  required: ["step"],
  sampleData: {
    customerName: "Ayşe",
    greetingName: "Ayşe",
    subjectLine: "",
    shopUrl: "https://kestrel.example.com/store",
    step: 1,
    lastOrderDate: "2030-03-14T10:00:00.000Z",
    products: SAMPLE_PRODUCTS,
    discount: SAMPLE_DISCOUNT,
  },
})
