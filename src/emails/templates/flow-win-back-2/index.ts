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

// The last win-back step: the code, when the flow gives one, is the reason to open it.
export const flowWinBack2 = defineTemplate<"flow-win-back-2", FlowWinBackData>({
  name: "flow-win-back-2",
  topic: LIFECYCLE_TOPIC,
  category: "marketing",
  description:
    "Win-back, step 2: a last note to a customer who has not come back, with a code when the flow gives one.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if discount}}A gift to welcome you back to {{brand.storeName}}{{else}}{{#if customerName}}{{customerName}}, come{{else}}Come{{/if}} back to {{brand.storeName}}{{/if}}{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if discount}}{{brand.storeName}} mağazasına dönüşünüze özel hediye{{else}}{{#if customerName}}{{customerName}}, {{/if}}{{brand.storeName}} sizi bekliyor{{/if}}{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.en} on your next order.{{else}}We would love to see you again at {{brand.storeName}}.{{/if}}`,
      heading: "{{#if discount}}A gift to welcome you back{{else}}We would love to see you again{{/if}}",
      greetingNamed: "Hi {{greetingName}},",
      intro:
        "{{#if discount}}Here is a code for your next order at {{brand.storeName}}. Enter it at checkout.{{else}}A lot has changed at {{brand.storeName}} since your last visit. Come and have a look.{{/if}}",
      productsHeading: "Picked for you",
      cta: "{{#if discount}}Use my code{{else}}Visit the shop{{/if}}",
      ...COMMON_FLOW_STRINGS.en,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview: `{{#if discount}}Bir sonraki siparişinizde ${DISCOUNT_PREVIEW.tr}.{{else}}Sizi {{brand.storeName}} mağazasında yeniden görmek isteriz.{{/if}}`,
      heading: "{{#if discount}}Dönüşünüze özel bir hediye{{else}}Sizi yeniden görmek isteriz{{/if}}",
      greetingNamed: "Merhaba {{greetingName}},",
      intro:
        "{{#if discount}}{{brand.storeName}} mağazasındaki bir sonraki siparişiniz için bir kod hazırladık. Ödeme adımında girmeniz yeterli.{{else}}Son ziyaretinizden bu yana {{brand.storeName}} mağazasında çok şey değişti. Gelin, bir göz atın.{{/if}}",
      productsHeading: "Sizin için seçtiklerimiz",
      cta: "{{#if discount}}Kodumu kullan{{else}}Mağazaya git{{/if}}",
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
    step: 2,
    lastOrderDate: "2030-03-14T10:00:00.000Z",
    discount: { ...SAMPLE_DISCOUNT, code: "BACK15", percent: 15 },
    products: SAMPLE_PRODUCTS.slice(0, 2),
  },
})
