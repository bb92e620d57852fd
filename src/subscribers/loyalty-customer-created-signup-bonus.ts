import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { awardSignupBonusWorkflow } from "../workflows/loyalty/award-signup-bonus"

/** A registered customer gets the sign-up bonus once (keyed (signup, customer_id)). */
export default async function awardSignupBonus({ event, container }: SubscriberArgs<{ id: string }>) {
  await awardSignupBonusWorkflow(container).run({ input: { customer_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "customer.created",
  context: { subscriberId: "retention-loyalty-customer-created" },
}
