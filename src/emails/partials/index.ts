import type { Locale } from "../locales"
import type { TemplateCategory } from "../types"

const FONT_STACK =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

// Brand colours are Handlebars placeholders: MJML copies them into inline styles untouched,
// so one compiled template serves every brand setting without recompiling.
const head = `
<mj-head>
  <mj-title>{{brand.storeName}}</mj-title>
  <mj-preview>{{t.preview}}</mj-preview>
  <mj-attributes>
    <mj-all font-family="{{#if brand.webFont}}'{{brand.webFont.family}}', {{/if}}${FONT_STACK}" />
    <mj-section padding="0" />
    <mj-column padding="0" />
    <mj-text color="{{brand.textColor}}" font-size="15px" line-height="24px" padding="0 0 14px 0" />
    <mj-button background-color="{{brand.primaryColor}}" color="#ffffff" font-size="16px" font-weight="600" border-radius="6px" inner-padding="14px 28px" padding="10px 0" />
    <mj-table color="{{brand.textColor}}" font-size="14px" line-height="20px" padding="0" />
    <mj-divider border-color="#e5e7eb" border-width="1px" padding="14px 0" />
    <mj-class name="card" background-color="#ffffff" border-radius="8px" padding="32px 28px" />
    <mj-class name="heading" font-size="24px" line-height="32px" font-weight="700" padding="0 0 16px 0" />
    <mj-class name="muted" color="#6b7280" font-size="13px" line-height="20px" />
  </mj-attributes>
  <mj-style>
    a { color: {{brand.primaryColor}}; }
    .muted a { color: #6b7280; }
    @media only screen and (max-width:480px) {
      .item-image { width: 48px !important; }
    }
  </mj-style>
</mj-head>`

// A web font only when the brand names one (Settings → Brand): by default every email uses the
// reader's system fonts and asks no third party for anything. The stylesheet is linked from the
// body, where mail clients that load web fonts (Apple Mail, iOS, Thunderbird) honour it; the
// family goes first in the font stack, so other clients fall back to the system fonts.
const header = `
<mj-raw>{{#if brand.webFont}}<link href="{{brand.webFont.url}}" rel="stylesheet" type="text/css" />{{/if}}</mj-raw>
<mj-section padding="28px 16px 20px">
  <mj-column>
    <mj-text align="center" font-size="20px" line-height="28px" font-weight="700" padding="0">{{#if brand.logoUrl}}<a href="{{brand.storefrontUrl}}"><img src="{{brand.logoUrl}}" alt="{{brand.storeName}}" height="40" style="height:40px;width:auto;border:0;display:inline-block;" /></a>{{else}}<a href="{{brand.storefrontUrl}}" style="color:{{brand.textColor}};text-decoration:none;">{{brand.storeName}}</a>{{/if}}</mj-text>
  </mj-column>
</mj-section>`

// The unsubscribe link belongs to marketing mail only; transactional mail must not offer it
// (unsubscribing would not stop it, which is misleading).
const marketingFooter = `
<mj-section padding="24px 16px 32px">
  <mj-column>
    <mj-text mj-class="muted" css-class="muted" align="center">{{t.footerMarketingReason}}<br />{{brand.storeName}} · {{address brand.storeAddress}}<br />{{#if unsubscribeUrl}}<a href="{{unsubscribeUrl}}">{{t.footerUnsubscribe}}</a>{{/if}}{{#if preferencesUrl}} · <a href="{{preferencesUrl}}">{{t.footerPreferences}}</a>{{/if}}</mj-text>
  </mj-column>
</mj-section>`

const transactionalFooter = `
<mj-section padding="24px 16px 32px">
  <mj-column>
    <mj-text mj-class="muted" css-class="muted" align="center">{{t.footerTransactionalReason}}<br />{{brand.storeName}} · {{address brand.storeAddress}}</mj-text>
  </mj-column>
</mj-section>`

export const PARTIAL_NAMES = ["head", "header", "footer"] as const

export function partialSource(
  name: string,
  category: TemplateCategory
): string | undefined {
  switch (name) {
    case "head":
      return head
    case "header":
      return header
    case "footer":
      return category === "marketing" ? marketingFooter : transactionalFooter
    default:
      return undefined
  }
}

/** Strings used by the partials; a template may redefine any of them. */
export const COMMON_STRINGS: Record<Locale, Record<string, string>> = {
  en: {
    // True under both consent policies: under the default opt-out policy nobody "opted in".
    footerMarketingReason:
      "You are receiving this email because you shopped or signed up at {{brand.storeName}}. You can unsubscribe at any time.",
    footerTransactionalReason:
      "This is a service email about your account or orders at {{brand.storeName}}.",
    footerUnsubscribe: "Unsubscribe",
    footerPreferences: "Email preferences",
  },
  tr: {
    footerMarketingReason:
      "{{brand.storeName}} mağazasında alışveriş yaptığınız veya kaydolduğunuz için bu e-postayı alıyorsunuz. Aboneliğinizi istediğiniz zaman iptal edebilirsiniz.",
    footerTransactionalReason:
      "Bu, {{brand.storeName}} hesabınız veya siparişlerinizle ilgili bir hizmet e-postasıdır.",
    footerUnsubscribe: "Abonelikten çık",
    footerPreferences: "E-posta tercihleri",
  },
}
