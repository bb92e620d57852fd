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
 * outbox), and a history of confirmed responses over the last 90 days fills the dashboard. The
 * history answers for the store's real orders where it can (an order without a survey, placed
 * at least three days before the survey went out), so the NPS page's order and customer links
 * open real records; the rest use `order_demo_nps_<n>` ids that link nowhere. Every history
 * survey has the fulfillment id `ful_demo_nps_<n>`.
 */
export async function prepareDemoNps(container: MedusaContainer, now = new Date()) {
  const service: NpsModuleService = container.resolve(RETENTION_NPS_MODULE)
  const scheduled = await service.listNpsSurveys({ status: "scheduled" })
  if (scheduled.length) {
    await service.updateNpsSurveys(scheduled.map((s) => ({ id: s.id, due_at: new Date(now.getTime() - 1000) })))
  }
  const { outcomes } = await sendDueNpsSurveys(container, now)

  const existing = await service.listNpsSurveys({ fulfillment_id: "ful_demo_nps_0" })
  let history = 0
  if (!existing.length) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    // Real products of the demo store, so the comment feed's product filter has something to pick.
    const { data: products } = await query.graph({ entity: "product", fields: ["id"] })
    const sentAtOf = (n: number) => new Date(now.getTime() - ((n * 37) % HISTORY) * DAY - 3600_000)
    const realOrders = await ordersForHistory(container, service)
    const orderFor = matchOrders(
      Array.from({ length: 120 }, (_, n) => ({ n, sentAt: sentAtOf(n) })),
      realOrders
    )
    const surveys = []
    const responses = []
    for (let n = 0; n < 120; n++) {
      const sentAt = sentAtOf(n)
      const surveyId = generateEntityId(undefined, "npss")
      const answered = n % 4 !== 3
      const order = orderFor.get(n)
      const orderId = order?.id ?? `order_demo_nps_${n}`
      const email = order?.email ?? `demo.nps.${n}@example.com`
      surveys.push({
        id: surveyId,
        order_id: orderId,
        order_display_id: String(order?.display_id ?? 9000 + n),
        email,
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
        order_id: orderId,
        email,
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

type HistoryOrder = { id: string; display_id: number; email: string; created_at: Date }

/** The store's orders with an email and no survey yet, oldest first. */
async function ordersForHistory(container: MedusaContainer, service: NpsModuleService): Promise<HistoryOrder[]> {
  const { data } = await container
    .resolve(ContainerRegistrationKeys.QUERY)
    .graph({ entity: "order", fields: ["id", "display_id", "email", "created_at", "canceled_at"] })
  const orders = (data as { id: string; display_id: number; email: string | null; created_at: string | Date; canceled_at: unknown }[]).filter(
    (o) => o.email && !o.canceled_at
  )
  const surveyed = new Set((await service.listNpsSurveys({ order_id: orders.map((o) => o.id) }, { select: ["order_id"] })).map((s) => s.order_id))
  return orders
    .filter((o) => !surveyed.has(o.id))
    .map((o) => ({ id: o.id, display_id: o.display_id, email: o.email!, created_at: new Date(o.created_at) }))
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
}

/**
 * Pairs history surveys with real orders placed at least three days before the survey went
 * out, each order once: surveys in date order take the most recent eligible order left.
 */
export function matchOrders<O extends { created_at: Date }>(surveys: { n: number; sentAt: Date }[], orders: O[]): Map<number, O> {
  const matched = new Map<number, O>()
  const eligible: O[] = []
  let next = 0
  for (const survey of [...surveys].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())) {
    while (next < orders.length && orders[next].created_at.getTime() <= survey.sentAt.getTime() - 3 * DAY) eligible.push(orders[next++])
    const order = eligible.pop()
    if (order) matched.set(survey.n, order)
  }
  return matched
}
