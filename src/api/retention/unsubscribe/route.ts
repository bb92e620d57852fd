import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { getTemplate } from "../../../emails/registry"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"
import { escapeHtml, firstAcceptedLanguage, loadPageBrand, maskEmail, page, pickLocale, PageLocale } from "../page"
import { STRINGS, TOPIC_LABELS } from "./strings"

// Claims inside an unsubscribe token: message id, email, topic, locale.
type UnsubscribeClaims = { m: string; e: string; t: string; l: string }

function readToken(req: MedusaRequest): unknown {
  const fromQuery = req.query.token
  if (typeof fromQuery === "string") return fromQuery
  const body = req.body as Record<string, unknown> | undefined
  return body && typeof body === "object" ? body.token : undefined
}

function verify(req: MedusaRequest) {
  const messaging: MessagingModuleService = req.scope.resolve(RETENTION_MESSAGING_MODULE)
  return { messaging, result: messaging.verifyLinkToken<UnsubscribeClaims>(readToken(req), "unsubscribe") }
}

async function invalid(req: MedusaRequest, res: MedusaResponse) {
  const locale = pickLocale(firstAcceptedLanguage(req.get("accept-language")))
  const s = STRINGS[locale]
  res.status(400).type("html").send(page(locale, s.invalidTitle, `<p>${escapeHtml(s.invalid)}</p>`, await loadPageBrand(req.scope)))
}

const topicLabel = (locale: PageLocale, topic: string) => TOPIC_LABELS[locale][topic] ?? TOPIC_LABELS[locale].cart_recovery

/**
 * The topic the link stops. Welcome, post-purchase and win-back emails sent before they had their
 * own topic carry "cart_recovery" in their link: such a link stops "lifecycle", what its email
 * is now, and leaves cart reminders alone.
 */
async function linkTopic(messaging: MessagingModuleService, claims: UnsubscribeClaims): Promise<string> {
  if (claims.t !== "cart_recovery") return claims.t
  const [message] = await messaging.listMessages({ id: claims.m }, { select: ["id", "template"] })
  return message && getTemplate(message.template)?.topic === "lifecycle" ? "lifecycle" : claims.t
}

/**
 * The page behind the unsubscribe link. A GET never changes anything: mail security scanners
 * open every link in an email, so the change needs a POST from this page.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const { messaging, result } = verify(req)
  if (!result.ok) return invalid(req, res)
  const claims = result.payload
  const locale = pickLocale(claims.l)
  const s = STRINGS[locale]
  const token = escapeHtml(String(readToken(req)))
  const topic = await linkTopic(messaging, claims)
  const body = `
<p>${escapeHtml(s.intro(maskEmail(claims.e), topicLabel(locale, topic)))}</p>
<form method="post" action="/retention/unsubscribe">
  <input type="hidden" name="token" value="${token}">
  <input type="hidden" name="scope" value="topic">
  <button type="submit">${escapeHtml(s.topicButton)}</button>
</form>
<form method="post" action="/retention/unsubscribe">
  <input type="hidden" name="token" value="${token}">
  <input type="hidden" name="scope" value="all">
  <button type="submit" class="secondary">${escapeHtml(s.allButton)}</button>
</form>`
  res.status(200).set("cache-control", "no-store").type("html").send(page(locale, s.title, body, await loadPageBrand(req.scope)))
}

/**
 * Unsubscribes. Two callers: mailbox providers' RFC 8058 one-click POST (body
 * `List-Unsubscribe=One-Click`, token in the URL, no cookies, no confirmation) which stops the
 * email's topic, and the page's forms (`scope=topic|all`). Idempotent: doing it twice is fine.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const { messaging, result } = verify(req)
  if (!result.ok) return invalid(req, res)
  const claims = result.payload
  const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>
  const oneClick = body["List-Unsubscribe"] === "One-Click"
  const scope = body.scope === "all" ? "all" : "topic"
  if (body.scope !== undefined && body.scope !== "all" && body.scope !== "topic") {
    const locale = pickLocale(claims.l)
    res.status(400).type("html").send(page(locale, STRINGS[locale].invalidTitle, "<p>scope: must be topic or all</p>", await loadPageBrand(req.scope)))
    return
  }
  const topic = await linkTopic(messaging, claims)
  await messaging.setConsent({
    email: claims.e,
    topic: scope === "all" ? "all" : topic,
    status: "revoked",
    source: oneClick ? "one_click" : "unsubscribe_link",
    reference: claims.m,
  })
  const locale = pickLocale(claims.l)
  const s = STRINGS[locale]
  const text = scope === "all" ? s.doneAll : s.doneTopic(topicLabel(locale, topic))
  res.status(200).set("cache-control", "no-store").type("html").send(page(locale, s.doneTitle, `<p>${escapeHtml(text)}</p>`, await loadPageBrand(req.scope)))
}
