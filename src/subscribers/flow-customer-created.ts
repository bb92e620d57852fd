import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { runOnce } from "../lib/run-once"
import { startWelcomeFlowWorkflow } from "../workflows/flows/start-welcome-flow"

/**
 * A new customer starts the welcome series; one run per customer, and the entry's unique key
 * guards a repeat too. A failure is logged, never thrown into the event bus's other subscribers.
 */
export default async function startWelcomeFlowOnSignup({ event, container }: SubscriberArgs<{ id: string }>) {
  try {
    await runOnce(`flow-welcome:${event.data.id}`, (options) =>
      startWelcomeFlowWorkflow(container).run({ input: { customer_id: event.data.id }, ...options })
    )
  } catch (e) {
    container.resolve(ContainerRegistrationKeys.LOGGER).warn(`flows: welcome for ${event.data.id} not started: ${e instanceof Error ? e.message : String(e)}`)
  }
}

export const config: SubscriberConfig = {
  event: "customer.created",
  context: { subscriberId: "retention-flow-customer-created" },
}
