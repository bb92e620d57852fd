import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { FlowWelcomeData } from "../../../lib/flows/template-data"
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

// The last welcome step: with a first-order code when the flow makes one, else a plain nudge.
export const flowWelcome3 = defineTemplate<"flow-welcome-3", FlowWelcomeData>({
  name: "flow-welcome-3",
  topic: LIFECYCLE_TOPIC,
  category: "marketing",
  description:
    "Welcome series, step 3: a nudge towards the first order, with a first-order code when the flow gives one.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if discount}}A gift for your first order at {{brand.storeName}}{{else}}{{#if customerName}}{{customerName}}, ready{{else}}Ready{{/if}} for your first order?{{/if}}{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if discount}}{{brand.storeName}} ilk siparişinize özel bir hediye{{else}}{{#if customerName}}{{customerName}}, ilk{{else}}İlk{{/if}} siparişinize hazır mısınız?{{/if}}{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.en} on your first order.{{else}}Everything is ready for your first order at {{brand.storeName}}.{{/if}}`,
      heading: "{{#if discount}}A gift for your first order{{else}}Ready when you are{{/if}}",
      greetingNamed: "Hi {{greetingName}},",
      intro:
        "{{#if discount}}To welcome you, here is a code for your first order at {{brand.storeName}}. Enter it at checkout.{{else}}Whenever you are ready for your first order, {{brand.storeName}} is here.{{/if}}",
      productsHeading: "Popular right now",
      cta: "{{#if discount}}Use my code{{else}}Visit the shop{{/if}}",
      ...COMMON_FLOW_STRINGS.en,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview: `{{#if discount}}İlk siparişinizde ${DISCOUNT_PREVIEW.tr}.{{else}}{{brand.storeName}} ilk siparişiniz için her şey hazır.{{/if}}`,
      heading: "{{#if discount}}İlk siparişinize özel hediye{{else}}Hazır olduğunuzda buradayız{{/if}}",
      greetingNamed: "Merhaba {{greetingName}},",
      intro:
        "{{#if discount}}Hoş geldiniz hediyesi olarak {{brand.storeName}} ilk siparişinizde geçerli bir kod hazırladık. Ödeme adımında girmeniz yeterli.{{else}}İlk siparişinize hazır olduğunuzda {{brand.storeName}} burada.{{/if}}",
      productsHeading: "Şu sıralar popüler",
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
    step: 3,
    discount: SAMPLE_DISCOUNT,
    products: SAMPLE_PRODUCTS.slice(0, 2),
  },
})
