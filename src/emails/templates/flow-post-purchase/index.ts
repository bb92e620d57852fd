import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import type { FlowPostPurchaseData } from "../../../lib/flows/template-data"
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
          <mj-raw>{{#if orderUrl}}</mj-raw>
          <mj-text padding="0 0 14px 0"><a href="{{orderUrl}}" style="display:inline-block;padding:12px 0;font-weight:600;">{{t.viewOrder}}</a></mj-text>
          <mj-raw>{{/if}}</mj-raw>
        </mj-column>
      </mj-section>
      ${productList()}
      ${discountBox}
      ${shopButton()}
`

export const flowPostPurchase = defineTemplate<"flow-post-purchase", FlowPostPurchaseData>({
  name: "flow-post-purchase",
  topic: LIFECYCLE_TOPIC,
  category: "marketing",
  description:
    "Post-purchase thank-you a few days after an order, with the products other customers frequently bought together with what was ordered.",
  subject: {
    en: "{{#if subjectLine}}{{subjectLine}}{{else}}Thank you for your order{{#if customerName}}, {{customerName}}{{/if}}{{/if}}",
    tr: "{{#if subjectLine}}{{subjectLine}}{{else}}Siparişiniz için teşekkürler{{#if customerName}}, {{customerName}}{{/if}}{{/if}}",
  },
  card,
  strings: {
    en: {
      preview: `{{#if discount}}${DISCOUNT_PREVIEW.en} on your next order. {{/if}}Thank you for shopping at {{brand.storeName}}{{#if products.length}}, and a few things that go well with your order{{/if}}.`,
      heading: "Thank you for your order",
      greetingNamed: "Hi {{greetingName}},",
      intro:
        "Thank you for shopping at {{brand.storeName}}{{#if orderDisplayId}}: we hope you enjoy order #{{orderDisplayId}}{{/if}}. If anything is not right, reply to this email and we will sort it out.",
      viewOrder: "View your order",
      productsHeading: "Frequently bought together",
      cta: "Continue shopping",
      ...COMMON_FLOW_STRINGS.en,
      ...DISCOUNT_STRINGS.en,
    },
    tr: {
      preview: `{{#if discount}}Bir sonraki siparişinizde ${DISCOUNT_PREVIEW.tr}. {{/if}}{{brand.storeName}} alışverişiniz için teşekkürler{{#if products.length}}; siparişinizle iyi giden birkaç ürün{{/if}}.`,
      heading: "Siparişiniz için teşekkürler",
      greetingNamed: "Merhaba {{greetingName}},",
      intro:
        "{{brand.storeName}} alışverişiniz için teşekkür ederiz{{#if orderDisplayId}}; #{{orderDisplayId}} numaralı siparişinizi beğenmenizi umuyoruz{{/if}}. Bir sorun olursa bu e-postayı yanıtlayın, hemen ilgilenelim.",
      viewOrder: "Siparişinizi görüntüleyin",
      productsHeading: "Birlikte sık alınanlar",
      cta: "Alışverişe devam edin",
      ...COMMON_FLOW_STRINGS.tr,
      ...DISCOUNT_STRINGS.tr,
    },
  },
  required: ["products"],
  sampleData: {
    customerName: "Ayşe",
    greetingName: "Ayşe",
    subjectLine: "",
    shopUrl: "https://kestrel.example.com/store",
    orderDisplayId: 1042,
    orderUrl: "https://kestrel.example.com/account/orders/order_01JSAMPLE",
    products: SAMPLE_PRODUCTS,
    discount: { ...SAMPLE_DISCOUNT, code: "THANKS10" },
  },
})
