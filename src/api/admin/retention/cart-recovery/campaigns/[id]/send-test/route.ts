import { randomUUID } from "node:crypto"
import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendRetentionEmailsWorkflow } from "../../../../../../../workflows/messaging/send-retention-emails"
import { parseInput } from "../../../../messages/helpers"
import { composeStepEmail } from "../../../compose-step-email"
import { SendStepTestBody } from "../../../validators"

/**
 * Sends a step (the editor's draft, or the saved step) composed exactly as its preview is (same
 * cart, locale, subject variant, discount shown as PREVIEW-CODE) to the admin's address, through
 * the same workflow as a real send, as a transactional test message. It is no campaign send: no
 * recovery send is recorded, no code is created and the campaign's numbers do not change. Each
 * click is a new send, hence the random key.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const { to, ...body } = parseInput(SendStepTestBody, req.body)
  const email = await composeStepEmail(req.scope, { campaignId: req.params.id, ...body })
  const { result } = await sendRetentionEmailsWorkflow(req.scope).run({
    input: {
      messages: [
        {
          idempotency_key: `test:cart-recovery:${req.params.id}:${body.step}:${body.locale}:${randomUUID()}`,
          template: email.template,
          to,
          data: email.data,
          locales: [body.locale],
          test: true,
        },
      ],
    },
  })
  res.json({ result: result[0], to, cart_id: email.cart_id, locale: body.locale, variant: email.variant })
}
