import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { sendDueNpsSurveys } from "../../src/jobs/send-due-nps-surveys"
import { classifyScore, RETENTION_NPS_MODULE } from "../../src/modules/nps"
import type NpsModuleService from "../../src/modules/nps/service"

const DAY = 86400_000
const HISTORY = 90
// Made-up comments for the demo's history, by category.
const COMMENTS: Record<string, string[]> = {
  promoter: ["Fantastic beans, fast shipping.", "Best V60 filters I have used.", "Will order again!"],
  passive: ["Good coffee, delivery took a while.", "Fine, packaging could be better."],
  detractor: ["Parcel arrived crushed.", "Wrong grind size delivered.", "Took two weeks to arrive."],
}

/**
 * NPS for the demo: the seeded delivered orders' surveys go out now (answer them from the
 * outbox), and a history of synthetic confirmed responses over the last 90 days fills the
 * dashboard. Synthetic rows use `order_demo_nps_<n>` ids: they link to no real order.
 */
export async function prepareDemoNps(container: MedusaContainer, now = new Date()) {
  const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
  const scheduled = await service.listNpsSurveys({ status: "scheduled" })
  if (scheduled.length) {
    await service.updateNpsSurveys(scheduled.map((s) => ({ id: s.id, due_at: new Date(now.getTime() - 1000) })))
  }
  const { outcomes } = await sendDueNpsSurveys(container, now)

  const existing = await service.listNpsSurveys({ order_id: "order_demo_nps_0" })
  let history = 0
  if (!existing.length) {
    // Real products of the demo store, so the comment feed's product filter has something to pick.
    const { data: products } = await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "product", fields: ["id"] })
    const surveys = []
    const responses = []
    for (let n = 0; n < 120; n++) {
      const sentAt = new Date(now.getTime() - ((n * 37) % HISTORY) * DAY - 3600_000)
      const surveyId = generateEntityId(undefined, "npss")
      const answered = n % 4 !== 3
      surveys.push({
        id: surveyId,
        order_id: `order_demo_nps_${n}`,
        order_display_id: String(9000 + n),
        email: `demo.nps.${n}@example.com`,
        locale: n % 3 ? "en" : "tr",
        fulfillment_id: `ful_demo_nps_${n}`,
        // The DML types a json column as an object; the column holds an array of ids.
        product_ids: (products.length ? [products[n % products.length].id] : null) as Record<string, unknown> | null,
        delivered_at: new Date(sentAt.getTime() - 3 * DAY),
        due_at: sentAt,
        sent_at: sentAt,
        status: (answered ? "responded" : "sent") as "responded" | "sent",
      })
      if (!answered) continue
      // Skewed towards happy customers, with a trend that improves over time: the spread below
      // 10 is wide for old answers (down to 2) and narrow for recent ones (down to 8).
      const age = ((n * 37) % HISTORY) / HISTORY
      const spread = ((n * 7) % 11) / 10
      const score = Math.min(10, Math.max(0, Math.round(10 - spread * (2 + 6 * age))))
      const category = classifyScore(score)
      // Answered half an hour after the email: never in the future, also for today's.
      const at = new Date(sentAt.getTime() + 30 * 60_000)
      responses.push({
        survey_id: surveyId,
        order_id: `order_demo_nps_${n}`,
        email: `demo.nps.${n}@example.com`,
        score,
        category,
        status: "confirmed" as const,
        comment: n % 2 ? COMMENTS[category][n % COMMENTS[category].length] : null,
        first_clicked_at: at,
        last_clicked_at: at,
        confirmed_at: at,
        alert_sent_at: category === "detractor" ? at : null,
      })
    }
    await service.createNpsSurveys(surveys)
    await service.createNpsResponses(responses)
    history = responses.length
  }
  return { sent: outcomes.filter((o) => o === "sent").length, history }
}
