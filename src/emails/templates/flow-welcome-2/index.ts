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
      ${productList()}
      ${discountBox}
      ${shopButton()}
`

export const flowWelcome2 = defineTemplate<"flow-welcome-2", FlowWelcomeData>({
  name: "flow-welcome-2",
  topic: LIFECYCLE_TOPIC,
  category: "marketing",
  description:
    "Welcome series, step 2: the store's best sellers, for a new customer who has not ordered yet.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if customerName}}{{customerName}}, meet{{else}}Meet{{/if}} our best sellers{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}{{#if customerName}}{{customerName}}, en{{else}}En{{/if}} çok satanlarımızla tanışın{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.en}: {{/if}}The products {{brand.storeName}} customers come back for.`,
      heading: "Our customers’ favourites",
      greetingNamed: "Hi {{greetingName}},",
      intro: "Not sure where to start? These are the products {{brand.storeName}} customers order most.",
      productsHeading: "Best sellers",
      cta: "Shop best sellers",
      ...COMMON_FLOW_STRINGS.en,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.tr}: {{/if}}{{brand.storeName}} müşterilerinin tekrar tekrar aldığı ürünler.`,
      heading: "Müşterilerimizin favorileri",
      greetingNamed: "Merhaba {{greetingName}},",
      intro: "Nereden başlayacağınızı bilemediniz mi? {{brand.storeName}} müşterilerinin en çok sipariş ettiği ürünler bunlar.",
      productsHeading: "En çok satanlar",
      cta: "En çok satanlara göz atın",
      ...COMMON_FLOW_STRINGS.tr,
      ...DISCOUNT_STRINGS.tr,
    },
  },
  required: ["step", "products"],
  sampleData: {
    customerName: "Ayşe",
    greetingName: "Ayşe",
    subjectLine: "",
    shopUrl: "https://kestrel.example.com/store",
    step: 2,
    products: SAMPLE_PRODUCTS,
    discount: SAMPLE_DISCOUNT,
  },
})
