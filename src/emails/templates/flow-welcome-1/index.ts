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
          <mj-text>{{t.promise}}</mj-text>
        </mj-column>
      </mj-section>
      ${productList()}
      ${discountBox}
      ${shopButton()}
`

export const flowWelcome1 = defineTemplate<"flow-welcome-1", FlowWelcomeData>({
  name: "flow-welcome-1",
  topic: LIFECYCLE_TOPIC,
  category: "marketing",
  description:
    "Welcome series, step 1: sent when a customer signs up; a welcome and the way to the shop (products and a code when the flow adds them).",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}Welcome to {{brand.storeName}}{{#if customerName}}, {{customerName}}{{/if}}{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}{{brand.storeName}} ailesine hoş geldiniz{{#if customerName}}, {{customerName}}{{/if}}{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.en} on your first order. {{/if}}Thanks for joining {{brand.storeName}}: here is what to expect.`,
      heading: "Welcome to {{brand.storeName}}",
      greetingNamed: "Hi {{greetingName}},",
      intro: "Thank you for signing up. We are glad you are here.",
      promise:
        "Expect a few emails from us about what our customers love and news from the shop. No flood, and you can change that any time.",
      productsHeading: "Take a look around",
      cta: "Start shopping",
      ...COMMON_FLOW_STRINGS.en,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview: `{{#if discount}}İlk siparişinizde ${DISCOUNT_PREVIEW.tr}. {{/if}}{{brand.storeName}} ailesine katıldığınız için teşekkürler: sizi neler bekliyor?`,
      heading: "{{brand.storeName}} ailesine hoş geldiniz",
      greetingNamed: "Merhaba {{greetingName}},",
      intro: "Kaydolduğunuz için teşekkür ederiz. Aramızda olmanıza çok sevindik.",
      promise:
        "Müşterilerimizin en sevdiği ürünler ve mağazadan haberler hakkında ara sıra e-posta göndereceğiz. Bunu istediğiniz zaman değiştirebilirsiniz.",
      productsHeading: "Göz atın",
      cta: "Alışverişe başlayın",
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
    products: SAMPLE_PRODUCTS,
    discount: SAMPLE_DISCOUNT,
  },
})
