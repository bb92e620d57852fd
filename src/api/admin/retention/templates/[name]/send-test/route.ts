import { randomUUID } from "node:crypto"
import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendRetentionEmailsWorkflow } from "../../../../../../workflows/messaging/send-retention-emails"
import { parseInput } from "../../../messages/helpers"
import { templateParam } from "../../helpers"
import { SendTestBody } from "./validators"

/**
 * Sends the template with its sample data to the admin's address, through the same workflow
 * as a real send (saved override, brand, unsubscribe link), as a transactional test message.
 * Each click is a new send, hence the random key.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  const template = templateParam(req.params.name)
  const body = parseInput(SendTestBody, req.body)
  const { result } = await sendRetentionEmailsWorkflow(req.scope).run({
    input: {
      messages: [
        {
          idempotency_key: `test:${template.name}:${body.locale}:${randomUUID()}`,
          template: template.name,
          to: body.to,
          data: template.sampleData,
          locales: [body.locale],
          test: true,
        },
      ],
    },
  })
  res.json({ result: result[0] })
}
