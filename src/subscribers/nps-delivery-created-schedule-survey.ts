import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { scheduleNpsSurveyWorkflow } from "../workflows/nps/schedule-nps-survey"

/**
 * A fulfillment was delivered: schedule the order's NPS survey. The payload only names the
 * fulfillment; the workflow finds the order. A repeated event or a second fulfillment of the
 * same order finds the survey already there (unique order_id) and changes nothing.
 */
export default async function scheduleNpsSurveyOnDelivery({ event, container }: SubscriberArgs<{ id: string }>) {
  await scheduleNpsSurveyWorkflow(container).run({ input: { fulfillment_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "delivery.created",
  context: { subscriberId: "retention-nps-delivery-created" },
}
