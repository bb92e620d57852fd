import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { getTemplate } from "../../../emails/registry"
import { RETENTION_FLOWS_MODULE } from "../../../modules/flows"
import { parseFlowSteps, parseTrigger } from "../../../modules/flows/flow-config"
import type FlowsModuleService from "../../../modules/flows/service"
import { RETENTION_MESSAGING_MODULE } from "../../../modules/messaging"
import type MessagingModuleService from "../../../modules/messaging/service"
import type { FlowCandidate } from "../utils/start-entries"

export const findWelcomeCandidateStepId = "find-welcome-flow-candidate"

/**
 * Who a new customer record welcomes: an account always (the send policy still applies its
 * consent rules); a guest record only when the flow allows guests and their address has granted
 * marketing consent (for all marketing, or for the topic of the flow's first email: "lifecycle"
 * for the welcome emails) and revoked none of it. Reads only.
 */
export const findWelcomeCandidateStep = createStep(
  findWelcomeCandidateStepId,
  async (input: { customer_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "has_account", "created_at"],
      filters: { id: input.customer_id },
    })
    const customer = data[0] as { id: string; email?: string | null; has_account?: boolean; created_at?: string | Date } | undefined
    const none = (reason: string) => new StepResponse({ candidates: [] as FlowCandidate[], reason })
    if (!customer?.email) return none("no_email")
    const email = customer.email.trim().toLowerCase()
    if (!customer.has_account) {
      const flows: FlowsModuleService = container.resolve(RETENTION_FLOWS_MODULE)
      await flows.ensureDefaultFlows()
      const [flow] = await flows.activeFlows("welcome")
      if (!flow) return none("no_active_flow")
      if (!parseTrigger(flow.trigger).guests_with_consent) return none("guest")
      const topic = getTemplate(parseFlowSteps(flow.steps)[0]?.template ?? "")?.topic ?? "lifecycle"
      const messaging: MessagingModuleService = container.resolve(RETENTION_MESSAGING_MODULE)
      const consents = await messaging.listConsents({ email, topic: ["all", topic] })
      const granted = consents.some((c) => c.status === "granted") && !consents.some((c) => c.status === "revoked")
      if (!granted) return none("guest_without_consent")
    }
    const candidate: FlowCandidate = {
      customer_id: customer.id,
      email,
      trigger_key: "signup",
      at: customer.created_at ? new Date(customer.created_at) : new Date(),
    }
    return new StepResponse({ candidates: [candidate], reason: null as string | null })
  }
)
