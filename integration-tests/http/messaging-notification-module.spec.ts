// The send workflow with `recordNotifications: true`: every email goes through the Notification
// Module's createNotifications, which writes its own record, and on to the real SendGrid
// provider and a local HTTP server standing in for SendGrid.
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { retentionTestRunner } from "../helpers/runner"
import { getTemplate } from "../../src/emails"
import { directProviderFor } from "../../src/lib/notification-providers"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { sendRetentionEmailsWorkflow } from "../../src/workflows/messaging/send-retention-emails"
import type { SendEmailInput } from "../../src/workflows/messaging/types"
import { ScriptedReply } from "../../src/providers/sendgrid-marketing/__tests__/fake-sendgrid-server"
import { createAdminAndLogin } from "../helpers/admin"
import { useFakeSendgrid } from "../helpers/sendgrid"

jest.setTimeout(180_000)

const script: ScriptedReply[] = []
const sendgrid = useFakeSendgrid(script, { RETENTION_RECORD_NOTIFICATIONS: "true" })

type NotificationRow = { idempotency_key: string; status: string; external_id: string | null; provider_id: string | null }

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const send = (messages: SendEmailInput[]) =>
      sendRetentionEmailsWorkflow(getContainer()).run({ input: { messages } }).then((r) => r.result)
    const cartEmail = (key: string, to: string): SendEmailInput => ({
      idempotency_key: key,
      template: "cart-reminder",
      to,
      data: getTemplate("cart-reminder")?.sampleData as Record<string, unknown>,
    })
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)
    const recordsFor = async (messageIds: string[]): Promise<NotificationRow[]> => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows } = await pg.raw(
        `select idempotency_key, status, external_id, provider_id from notification where idempotency_key = any(?)`,
        [messageIds]
      )
      return rows
    }
    const requestsTo = (email: string) =>
      sendgrid.requests.filter(
        (r) => (r.body as { personalizations?: { to: { email: string }[] }[] }).personalizations?.[0]?.to?.[0]?.email === email
      )

    beforeEach(async () => {
      script.length = 0
      const { headers } = await createAdminAndLogin(getContainer(), api)
      await api.post("/admin/retention/settings/consent", { quietHoursEnabled: false }, { headers })
    })

    it("records each email as a Notification Module notification as well as in the message log", async () => {
      const results = await send([cartEmail("nm:1", "nina@example.com"), cartEmail("nm:2", "omar@example.com")])
      expect(results.map((r) => r.status)).toEqual(["sent", "sent"])

      const rows = await messaging().listMessages({ id: results.map((r) => r.message_id) })
      const records = await recordsFor(results.map((r) => r.message_id))
      expect(records).toHaveLength(2)
      for (const row of rows) {
        expect(row).toMatchObject({ status: "sent", dispatch: "notification_module", provider_id: "retention-sendgrid" })
        const record = records.find((n) => n.idempotency_key === row.id)
        expect(record).toMatchObject({ status: "success", external_id: row.provider_message_id, provider_id: "retention-sendgrid" })
      }
      expect(requestsTo("nina@example.com")).toHaveLength(1)

      // The provider can still be reached directly; the option alone chooses the route.
      const direct = await directProviderFor(getContainer().resolve(Modules.NOTIFICATION), "retention_email")
      expect(direct?.id).toBe("retention-sendgrid")
    })

    it("reads each failure out of the Notification Module's combined error: 4xx fails, 429 is retried", async () => {
      script.push(...sendgrid.requests.map(() => ({ status: 202 }) as ScriptedReply))
      // Two in one chunk: whichever request arrives first is refused, the other accepted.
      const first = sendgrid.requests.length
      script.push(
        { status: 400, body: { errors: [{ message: "The from address does not match a verified Sender Identity." }] } },
        { status: 202, headers: { "X-Message-Id": "accepted-next-to-refused" } }
      )
      const results = await send([cartEmail("nm:f:1", "pia@example.com"), cartEmail("nm:f:2", "quinn@example.com")])
      const refusedTo = (sendgrid.requests[first].body as { personalizations: { to: { email: string }[] }[] }).personalizations[0].to[0].email
      const refusedKey = refusedTo === "pia@example.com" ? "nm:f:1" : "nm:f:2"
      const rejected = results.find((r) => r.idempotency_key === refusedKey)!
      const accepted = results.find((r) => r.idempotency_key !== refusedKey)!
      expect(rejected.status).toBe("failed")
      expect(accepted.status).toBe("sent")
      const [row] = await messaging().listMessages({ id: rejected.message_id })
      expect(row).toMatchObject({ status: "failed", status_reason: "provider_rejected" })
      expect(row.last_error).toContain("verified Sender Identity")
      const [record] = await recordsFor([rejected.message_id])
      expect(record.status).toBe("failure")
      const [acceptedRow] = await messaging().listMessages({ id: accepted.message_id })
      expect(acceptedRow.provider_message_id).toBe("accepted-next-to-refused")

      script.push({ status: 429, headers: { "Retry-After": "0" } }, { status: 202, headers: { "X-Message-Id": "after-429" } })
      const [retried] = await send([cartEmail("nm:f:3", "rosa@example.com")])
      expect(retried.status).toBe("sent")
      expect(requestsTo("rosa@example.com")).toHaveLength(2)
      const [sent] = await messaging().listMessages({ id: retried.message_id })
      expect(sent.provider_message_id).toBe("after-429")
    })
  },
})
