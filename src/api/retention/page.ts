// Tiny server-rendered pages for links in emails (unsubscribe, later surveys). No scripts, no
// external assets: they must work in any mail client's browser and reveal nothing extra.

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

/** `body` must already be escaped HTML. */
export function page(locale: PageLocale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
         background: #f3f4f6; color: #1f2937; margin: 0; padding: 32px 16px; }
  main { max-width: 480px; margin: 0 auto; background: #fff; border-radius: 8px; padding: 28px;
         box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 12px; }
  p { line-height: 1.5; }
  form { margin: 12px 0 0; }
  button { font: inherit; padding: 10px 16px; border-radius: 6px; border: 1px solid #111827;
           background: #111827; color: #fff; cursor: pointer; width: 100%; }
  button.secondary { background: #fff; color: #111827; }
</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`
}
