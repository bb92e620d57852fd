import { defineTemplate } from "../../define"
import { opening } from "../../layout"
import { itemRows } from "../replenishment-reminder/parts"
import type { UnavailableItem } from "../replenishment-renewal-placed"

export type ReplenishmentItemsUnavailableData = {
  customerName?: string
  /** The subscription's items, none of which was in stock. */
  items: UnavailableItem[]
  /** Postponed: the day of the next attempt. */
  postponedUntil?: string
  /** True once the renewal gave up on this period: the delivery is skipped, not postponed. */
  skipped: boolean
  /** When the next period's order will be placed (shown when skipped). */
  nextRenewalDate?: string
  manageUrl: string
}

const card = `
      <mj-section>
        <mj-column>
          ${opening("customerName")}
        </mj-column>
      </mj-section>
      <mj-section>
        <mj-column>
          <mj-text mj-class="muted" font-weight="600" padding="8px 0 0 0">{{t.itemsLabel}}</mj-text>
          <mj-table>
            ${itemRows({})}
          </mj-table>
        </mj-column>
      </mj-section>
      <mj-section padding="24px 0 0 0">
        <mj-column>
          <mj-button href="{{manageUrl}}" width="100%">{{t.manage}}</mj-button>
          <mj-text mj-class="muted" align="center" padding="8px 0 0 0">{{t.sorry}}</mj-text>
        </mj-column>
      </mj-section>
`

export const replenishmentItemsUnavailable = defineTemplate<
  "replenishment-items-unavailable",
  ReplenishmentItemsUnavailableData
>({
  name: "replenishment-items-unavailable",
  topic: "replenishment",
  category: "transactional",
  description:
    "Nothing of a renewal was in stock: no order and no charge; the renewal is postponed to a later day, or this delivery is skipped.",
  subject: {
    en: "{{#if skipped}}We skipped your subscription delivery{{else}}Your subscription order is delayed{{/if}}",
    tr: "{{#if skipped}}Abonelik teslimatınızı atladık{{else}}Abonelik siparişiniz gecikiyor{{/if}}",
  },
  card,
  strings: {
    en: {
      preview:
        "The items in your subscription are out of stock. You have not been charged.",
      heading:
        "{{#if skipped}}We skipped this delivery{{else}}Your subscription order is delayed{{/if}}",
      greetingNamed: "Hi {{customerName}},",
      greeting: "Hi there,",
      intro:
        '{{#if skipped}}None of the items in your subscription were in stock, so we skipped this delivery and you have not been charged.{{#if nextRenewalDate}} Your next order will be placed on {{date nextRenewalDate "long"}}.{{/if}}{{else}}None of the items in your subscription are in stock right now, so we have not placed your order and you have not been charged. {{#if postponedUntil}}We will try again on {{date postponedUntil "long"}}.{{else}}We will try again soon.{{/if}}{{/if}}',
      itemsLabel: "Out of stock",
      manage: "Manage subscription",
      sorry: "We are sorry for the inconvenience.",
    },
    tr: {
      preview:
        "Aboneliğinizdeki ürünler stokta yok. Sizden ödeme alınmadı.",
      heading:
        "{{#if skipped}}Bu teslimatı atladık{{else}}Abonelik siparişiniz gecikiyor{{/if}}",
      greetingNamed: "Merhaba {{customerName}},",
      greeting: "Merhaba,",
      intro:
        '{{#if skipped}}Aboneliğinizdeki ürünlerin hiçbiri stokta olmadığı için bu teslimatı atladık; sizden ödeme alınmadı.{{#if nextRenewalDate}} Bir sonraki siparişiniz {{date nextRenewalDate "long"}} tarihinde oluşturulacak.{{/if}}{{else}}Aboneliğinizdeki ürünlerin hiçbiri şu anda stokta olmadığı için siparişinizi oluşturmadık; sizden ödeme alınmadı. {{#if postponedUntil}}{{date postponedUntil "long"}} tarihinde yeniden deneyeceğiz.{{else}}Kısa süre içinde yeniden deneyeceğiz.{{/if}}{{/if}}',
      itemsLabel: "Stokta olmayan ürünler",
      manage: "Aboneliği yönet",
      sorry: "Yaşattığımız aksaklık için özür dileriz.",
    },
  },
  required: ["items", "skipped", "manageUrl"],
  sampleData: {
    customerName: "Jordan",
    items: [
      { title: "Single-Origin Coffee Beans", variantTitle: "1 kg / Whole bean" },
      { title: "Decaf Coffee Beans", variantTitle: "500 g / Ground" },
    ],
    postponedUntil: "2030-07-02T09:00:00.000Z",
    skipped: false,
    nextRenewalDate: "2030-07-29T09:00:00.000Z",
    manageUrl: "https://kestrel.example.com/account/subscriptions/sub_01JSAMPLE",
  },
})
