// Tiny server-rendered pages for links in emails (unsubscribe, later surveys). No scripts, no
// external assets but the store's own logo: they must work in any mail client's browser and
// reveal nothing extra. They carry the store's name and logo, so a reader knows whose page it is.

import type { MedusaContainer } from "@medusajs/framework/types"
import { RETENTION_SETTINGS_MODULE } from "../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../modules/retention-settings/service"

export type PageLocale = "en" | "tr"

export function pickLocale(...candidates: (string | undefined | null)[]): PageLocale {
  for (const c of candidates) {
    const tag = (c ?? "").toLowerCase()
    if (tag.startsWith("tr")) return "tr"
    if (tag.startsWith("en")) return "en"
  }
  return "en"
}

/** Accept-Language "tr-TR,tr;q=0.9,en;q=0.8" → "tr-TR". */
export function firstAcceptedLanguage(header: string | undefined): string | undefined {
  return header?.split(",")[0]?.split(";")[0]?.trim() || undefined
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

/** a***@example.com: enough for the person to recognise their address, not to harvest it. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split("@")
  if (!domain) return "***"
  return `${local.slice(0, 1)}***@${domain}`
}

/** Who the page speaks for: from Settings → Brand. */
export type PageBrand = { storeName: string; logoUrl?: string | null; storefrontUrl?: string | null; primaryColor?: string | null }

/**
 * The store's brand for a page, or null when the settings cannot be read (the page still works,
 * unbranded: an unsubscribe must never fail on the header).
 */
export async function loadPageBrand(scope: MedusaContainer | { resolve: MedusaContainer["resolve"] }): Promise<PageBrand | null> {
  try {
    const settings: RetentionSettingsModuleService = scope.resolve(RETENTION_SETTINGS_MODULE)
    const { values } = await settings.getSection("brand")
    return { storeName: values.storeName, logoUrl: values.logoUrl, storefrontUrl: values.storefrontUrl, primaryColor: values.primaryColor }
  } catch {
    return null
  }
}

const HEX = /^#[0-9a-fA-F]{6}$/

function brandHeader(brand: PageBrand): string {
  const name = escapeHtml(brand.storeName)
  // Settings validate both as https (or localhost) URLs; escaped all the same.
  const mark = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${name}" height="40" style="height:40px;width:auto;max-width:100%;border:0;">`
    : `<span class="store-name">${name}</span>`
  const link = brand.storefrontUrl ? `<a href="${escapeHtml(brand.storefrontUrl)}" rel="noopener">${mark}</a>` : mark
  return `<header>${link}</header>\n`
}

/** `body` must already be escaped HTML. With a brand, the store's logo (else name) heads the page. */
export function page(locale: PageLocale, title: string, body: string, brand?: PageBrand | null): string {
  const accent = brand?.primaryColor && HEX.test(brand.primaryColor) ? brand.primaryColor : "#111827"
  const fullTitle = brand ? `${title} · ${brand.storeName}` : title
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(fullTitle)}</title>
<style>
  body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
         background: #f3f4f6; color: #1f2937; margin: 0; padding: 32px 16px; }
  main { max-width: 480px; margin: 0 auto; background: #fff; border-radius: 8px; padding: 28px;
         box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 12px; }
  p { line-height: 1.5; }
  form { margin: 12px 0 0; }
  header { max-width: 480px; margin: 0 auto 20px; text-align: center; }
  header a { text-decoration: none; color: inherit; }
  header .store-name { font-size: 20px; font-weight: 700; }
  button { font: inherit; padding: 10px 16px; border-radius: 6px; border: 1px solid ${accent};
           background: ${accent}; color: #fff; cursor: pointer; width: 100%; min-height: 44px; }
  button.secondary { background: #fff; color: ${accent}; }
</style>
</head>
<body>${brand ? `\n${brandHeader(brand)}` : ""}<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`
}
