import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { periodOf, RETENTION_REPLENISHMENT_MODULE } from "../../../../modules/replenishment"
import type ReplenishmentModuleService from "../../../../modules/replenishment/service"
import { RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"
import { applySubscriptionAction } from "../../../utils/subscriptions"
import { storefrontPath } from "../../../../workflows/replenishment/send-subscription-emails"
import { escapeHtml, firstAcceptedLanguage, page, pickLocale, PageLocale } from "../../page"
import { STRINGS } from "../strings"

function readToken(req: MedusaRequest): unknown {
  if (typeof req.query.token === "string") return req.query.token
  const body = req.body as Record<string, unknown> | undefined
  return body && typeof body === "object" ? body.token : undefined
}

async function load(req: MedusaRequest) {
  const service: ReplenishmentModuleService = req.scope.resolve(RETENTION_REPLENISHMENT_MODULE)
  const verified = service.verifySubscriptionLink(readToken(req))
  const action = req.params.action
  if (!verified.ok || (action !== "skip" && action !== "pause") || verified.payload.a !== action) return null
  const [sub] = await service.listSubscriptions({ id: verified.payload.s }, { take: 1 })
  return sub ? { service, sub, action: action as "skip" | "pause", period: typeof verified.payload.d === "string" ? verified.payload.d : null } : null
}

function send(res: MedusaResponse, status: number, locale: PageLocale, title: string, body: string) {
  res.status(status).set("cache-control", "no-store").type("html").send(page(locale, title, body))
}

function invalid(req: MedusaRequest, res: MedusaResponse) {
  const locale = pickLocale(firstAcceptedLanguage(req.get("accept-language")))
  send(res, 400, locale, STRINGS[locale].invalidTitle, `<p>${escapeHtml(STRINGS[locale].invalid)}</p>`)
}

const longDate = (locale: PageLocale, at: unknown) =>
  new Intl.DateTimeFormat(locale === "tr" ? "tr-TR" : "en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(at as string))

async function manageLink(req: MedusaRequest, service: ReplenishmentModuleService, id: string, locale: PageLocale) {
  const settings: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  const brand = (await settings.getSection("brand")).values
  const url = storefrontPath(brand.storefrontUrl, service.options.replenishment.manageUrl, id)
  return `<p><a href="${escapeHtml(url)}">${escapeHtml(STRINGS[locale].manage)}</a></p>`
}

/**
 * The page behind a reminder's "skip" or "pause" link. A GET changes nothing (mail scanners
 * open every link); the page's button POSTs the change.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const found = await load(req)
  if (!found) return invalid(req, res)
  const { sub, action, service } = found
  const locale = pickLocale(sub.locale, firstAcceptedLanguage(req.get("accept-language")))
  const s = STRINGS[locale]
  const token = escapeHtml(String(readToken(req)))
  const title = action === "skip" ? s.skipTitle : s.pauseTitle
  const intro = action === "skip" ? s.skipIntro(longDate(locale, sub.period_at)) : s.pauseIntro
  const body = `<p>${escapeHtml(intro)}</p>
<form method="post" action="/retention/subscriptions/${action}">
  <input type="hidden" name="token" value="${token}">
  <button type="submit">${escapeHtml(action === "skip" ? s.skipButton : s.pauseButton)}</button>
</form>
${await manageLink(req, service, sub.id, locale)}`
  send(res, 200, locale, title, body)
}

/** Skips the next delivery or pauses, once per click; a refused change says why. */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const found = await load(req)
  if (!found) return invalid(req, res)
  const { sub, action, service, period } = found
  const locale = pickLocale(sub.locale, firstAcceptedLanguage(req.get("accept-language")))
  const s = STRINGS[locale]
  // A second click (or a scanner replaying the form) finds the change already made.
  const alreadyDone =
    (action === "skip" && period !== null && periodOf(new Date(sub.period_at)) !== period && sub.status !== "canceled") ||
    (action === "pause" && sub.status === "paused")
  if (alreadyDone) {
    const text = action === "skip" ? s.skipDone(longDate(locale, sub.period_at)) : s.pauseDone
    return send(res, 200, locale, s.doneTitle, `<p>${escapeHtml(text)}</p>${await manageLink(req, service, sub.id, locale)}`)
  }
  try {
    const updated = await applySubscriptionAction(req.scope, {
      id: sub.id,
      body: action === "skip" ? { action: "skip" } : { action: "pause", until: null },
      actor: { type: "customer", id: sub.customer_id },
      enforcePlan: true,
    })
    const text = action === "skip" ? s.skipDone(longDate(locale, updated.period_at)) : s.pauseDone
    send(res, 200, locale, s.doneTitle, `<p>${escapeHtml(text)}</p>${await manageLink(req, service, sub.id, locale)}`)
  } catch (e) {
    if (!(e instanceof MedusaError) || e.type !== MedusaError.Types.INVALID_DATA) throw e
    const why = e.message.replace(/^status: /, "")
    send(res, 409, locale, s.doneTitle, `<p>${escapeHtml(s.notPossible(why))}</p>${await manageLink(req, service, sub.id, locale)}`)
  }
}
