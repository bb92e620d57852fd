import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { RETENTION_NPS_MODULE } from "../../../../modules/nps"
import type NpsModuleService from "../../../../modules/nps/service"
import { describeZodError, RETENTION_SETTINGS_MODULE } from "../../../../modules/retention-settings"
import type RetentionSettingsModuleService from "../../../../modules/retention-settings/service"
import { awardNpsResponsePointsWorkflow } from "../../../../workflows/nps/award-nps-response-points"
import { sendDetractorAlertWorkflow } from "../../../../workflows/nps/send-detractor-alert"
import { escapeHtml, firstAcceptedLanguage, loadPageBrand, page, pickLocale, PageLocale } from "../../page"
import { COMMENT_MAX, NPS_STRINGS } from "../strings"
import { ConfirmAnswer, scoreSchema } from "../validators"

const ANSWER_PATH = "/retention/nps/answer"

const wantsJson = (req: MedusaRequest) => (req.get("content-type") ?? "").includes("application/json")

async function fail(req: MedusaRequest, res: MedusaResponse, status: number, locale: PageLocale, title: string, message: string) {
  if (wantsJson(req)) {
    res.status(status).json({ type: status === 400 ? "invalid_data" : "not_allowed", message })
    return
  }
  res.status(status).set("cache-control", "no-store").type("html").send(page(locale, title, `<p>${escapeHtml(message)}</p>`, await loadPageBrand(req.scope)))
}

const requestLocale = (req: MedusaRequest) => pickLocale(firstAcceptedLanguage(req.get("accept-language")))

async function npsSettings(req: MedusaRequest) {
  const settings: RetentionSettingsModuleService = req.scope.resolve(RETENTION_SETTINGS_MODULE)
  return (await settings.getSection("nps")).values
}

function isNotAllowed(e: unknown): boolean {
  return e instanceof MedusaError && e.type === MedusaError.Types.NOT_ALLOWED
}

/**
 * A score link from the survey email. Records the score as tentative (or discards the click as
 * a scanner's) and shows the thank-you page, whose script confirms the score with a POST: a
 * scanner that only follows links never confirms anything.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  const verified = service.verifyAnswerToken(req.query.token)
  if (!verified.ok) {
    const locale = requestLocale(req)
    return fail(req, res, 400, locale, NPS_STRINGS[locale].invalidTitle, NPS_STRINGS[locale].invalid)
  }
  const locale = pickLocale(verified.payload.l)
  const s = NPS_STRINGS[locale]
  const score = scoreSchema.safeParse(req.query.score)
  if (!score.success) return fail(req, res, 400, locale, s.invalidTitle, s.badScore)

  let recorded: Awaited<ReturnType<NpsModuleService["recordClick"]>>
  try {
    recorded = await service.recordClick({ survey_id: verified.payload.s, score: score.data, now: new Date() })
  } catch (e) {
    if (isNotAllowed(e)) return fail(req, res, 409, locale, s.closedTitle, s.closed)
    throw e
  }
  const settings = await npsSettings(req)
  const token = String(req.query.token)
  // Once confirmed, the page (or the storefront) shows the confirmed score and confirms that
  // one: a later GET must not turn into a score change through the page's own POST.
  const confirmed = recorded.status === "confirmed"
  const shown = confirmed ? recorded.score : score.data
  if (settings.redirectUrl) {
    // The storefront page takes over; it confirms by POSTing token and score here.
    const target = new URL(settings.redirectUrl)
    target.searchParams.set("score", String(shown))
    target.searchParams.set("token", token)
    return res.redirect(302, target.toString())
  }
  const review =
    shown >= 9 && settings.reviewUrl
      ? `<p>${escapeHtml(s.review)}</p><p><a href="${escapeHtml(settings.reviewUrl)}" rel="noopener">${escapeHtml(s.reviewButton)}</a></p>`
      : ""
  // A person who confirmed one score and clicks another can still change it, by this button's POST.
  const change =
    confirmed && score.data !== shown
      ? `<form method="post" action="${ANSWER_PATH}">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <input type="hidden" name="score" value="${score.data}">
  <button type="submit">${escapeHtml(s.changeTo(score.data))}</button>
</form>`
      : ""
  const confirmScript = confirmed
    ? ""
    : `<script>
  fetch(${JSON.stringify(ANSWER_PATH)}, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: ${JSON.stringify(token).replace(/</g, "\\u003c")}, score: ${JSON.stringify(String(shown))} }) })
</script>`
  const body = `
<p>${escapeHtml(s.thanks(shown))}</p>
${change}
${review}
<form method="post" action="${ANSWER_PATH}">
  <input type="hidden" name="token" value="${escapeHtml(token)}">
  <input type="hidden" name="score" value="${shown}">
  <p><label for="comment">${escapeHtml(settings.followUp[locale])}</label></p>
  <textarea id="comment" name="comment" rows="4" maxlength="${COMMENT_MAX}" placeholder="${escapeHtml(s.commentPlaceholder)}" style="width:100%;box-sizing:border-box;font:inherit;"></textarea>
  <button type="submit">${escapeHtml(s.send)}</button>
</form>
${confirmScript}`
  res.status(200).set("cache-control", "no-store").type("html").send(page(locale, s.thanksTitle, body, await loadPageBrand(req.scope)))
}

/**
 * Confirms the score (the landing page's script, or the comment form) and saves the comment.
 * A confirmed detractor triggers the merchant's alert, once per response; a confirmed answer
 * earns the configured loyalty points, once per survey.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const service: NpsModuleService = req.scope.resolve(RETENTION_NPS_MODULE)
  const parsed = ConfirmAnswer.safeParse(req.body ?? {})
  const fallbackLocale = requestLocale(req)
  if (!parsed.success) {
    return fail(req, res, 400, fallbackLocale, NPS_STRINGS[fallbackLocale].invalidTitle, describeZodError(parsed.error))
  }
  const verified = service.verifyAnswerToken(parsed.data.token)
  if (!verified.ok) {
    return fail(req, res, 400, fallbackLocale, NPS_STRINGS[fallbackLocale].invalidTitle, `token: ${NPS_STRINGS[fallbackLocale].invalid}`)
  }
  const locale = pickLocale(verified.payload.l)
  const s = NPS_STRINGS[locale]
  let outcome: Awaited<ReturnType<NpsModuleService["confirmResponse"]>>
  try {
    outcome = await service.confirmResponse({
      survey_id: verified.payload.s,
      score: parsed.data.score,
      comment: parsed.data.comment,
      now: new Date(),
    })
  } catch (e) {
    if (isNotAllowed(e)) return fail(req, res, 409, locale, s.closedTitle, s.closed)
    throw e
  }
  if (outcome.needs_alert && outcome.response) {
    try {
      await sendDetractorAlertWorkflow(req.scope).run({ input: { response_id: outcome.response.id } })
    } catch (e) {
      // The answer is saved either way; the next confirmation retries the alert (same keys).
      req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`nps: detractor alert failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  if (outcome.response?.status === "confirmed") {
    try {
      // Points for answering (when set and loyalty is on); keyed by survey, so once however often this runs.
      await awardNpsResponsePointsWorkflow(req.scope).run({ input: { survey_id: outcome.response.survey_id } })
    } catch (e) {
      // The answer is saved either way; the next confirmation retries (same ledger key).
      req.scope.resolve(ContainerRegistrationKeys.LOGGER).warn(`nps: answer points failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  if (wantsJson(req)) {
    const r = outcome.response
    return res.status(200).json({ response: r && { score: r.score, category: r.category, status: r.status } })
  }
  res.status(200).set("cache-control", "no-store").type("html").send(page(locale, s.savedTitle, `<p>${escapeHtml(s.saved)}</p>`, await loadPageBrand(req.scope)))
}
