// The SendGrid Event Webhook through the real app: a signed batch with events that can never be
// stored is answered 200 with the good events applied (SendGrid retries a failed batch for
// days), and oversized or unsigned bodies are refused before anything parses them.
import http from "node:http"
import { retentionTestRunner } from "../helpers/runner"
import { RETENTION_MESSAGING_MODULE } from "../../src/modules/messaging"
import type MessagingModuleService from "../../src/modules/messaging/service"
import { SENDGRID_WEBHOOK_MAX_BYTES } from "../../src/api/retention/webhooks/sendgrid/route"
import { webhookKeys } from "../helpers/sendgrid"

jest.setTimeout(180_000)

const keys = webhookKeys()
// medusa-config.ts reads it when the runner boots the app.
process.env.SENDGRID_WEBHOOK_PUBLIC_KEY = keys.publicKeyBase64

const PATH = "/retention/webhooks/sendgrid"

type Reply = { status: number; body: string; headers: http.IncomingHttpHeaders }

/**
 * Sends the headers and only the first part of a body, then waits for the answer: a route that
 * reads (let alone parses) the whole body before answering never answers, and the test times out.
 */
function answerBeforeBodyEnds(baseUrl: string, headers: Record<string, string>, firstChunk: Buffer): Promise<Reply> {
  const url = new URL(PATH, baseUrl)
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: "POST", headers })
    req.on("response", (res) => {
      let body = ""
      res.on("data", (d) => (body += d))
      res.on("end", () => {
        req.destroy()
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers })
      })
    })
    // The server may close the connection while the rest of the body is unsent.
    req.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "ECONNRESET" && e.code !== "EPIPE") reject(e)
    })
    req.write(firstChunk)
  })
}

retentionTestRunner({
  testSuite: ({ api, getContainer }) => {
    const messaging = (): MessagingModuleService => getContainer().resolve(RETENTION_MESSAGING_MODULE)
    const baseUrl = () => String(api.defaults.baseURL)
    const post = (body: string, headers: Record<string, string>) =>
      api.post(PATH, body, { headers: { "content-type": "application/json", ...headers }, validateStatus: () => true, transformRequest: (b: unknown) => b })
    const signed = (body: string) => {
      const ts = String(Math.floor(Date.now() / 1000))
      return { "x-twilio-email-event-webhook-timestamp": ts, "x-twilio-email-event-webhook-signature": keys.sign(ts, body) }
    }

    it("applies the good events of a signed batch that also holds events with impossible timestamps", async () => {
      const [message] = await messaging().createMessages([
        {
          idempotency_key: "webhook:bad-ts:1",
          topic: "cart_recovery",
          category: "marketing",
          template: "cart-reminder",
          locale: "en",
          to_email: "kim@example.com",
          status: "sent",
          provider_message_id: "sgmsg-bad-ts-1",
          sent_at: new Date(),
        },
      ])
      const now = Math.floor(Date.now() / 1000)
      const event = (sg: string, type: string, timestamp: unknown, extra: Record<string, unknown> = {}) => ({
        email: "kim@example.com",
        event: type,
        sg_event_id: sg,
        sg_message_id: "sgmsg-bad-ts-1.filter001",
        timestamp,
        ...extra,
      })
      const body = JSON.stringify([
        event("ok-delivered", "delivered", now),
        event("bad-huge", "open", 1e20),
        event("bad-negative", "click", -5),
        event("bad-string", "click", "yesterday"),
        event("ok-open", "open", now + 1),
        event("ok-bounce", "bounce", now + 2, { type: "bounce", reason: "550 unknown user" }),
      ])
      const res = await post(body, signed(body))
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ recorded: 3, duplicates: 0, malformed: 3, suppressions: 1 })

      const events = await messaging().listMessageEvents({ message_id: message.id })
      expect(events.map((e) => e.sg_event_id).sort()).toEqual(["ok-bounce", "ok-delivered", "ok-open"])
      const [row] = await messaging().listMessages({ id: message.id })
      // The bounce suppresses the address; the message keeps "opened" (a bounce only moves a
      // message that was not yet opened, as before).
      expect(row).toMatchObject({ status: "opened" })
      expect(row.delivered_at).not.toBeNull()
      expect(row.opened_at).not.toBeNull()
      expect(await messaging().listSuppressions({ email: "kim@example.com" })).toMatchObject([{ reason: "hard_bounce" }])

      // SendGrid retrying the same batch: nothing new, still 200.
      const again = await post(body, signed(body))
      expect(again.status).toBe(200)
      expect(again.data).toMatchObject({ recorded: 0, duplicates: 3, malformed: 3, suppressions: 0 })
    })

    it("refuses an unsigned 5 MB body with 401 before reading it", async () => {
      const size = SENDGRID_WEBHOOK_MAX_BYTES
      const reply = await answerBeforeBodyEnds(
        baseUrl(),
        { "content-type": "application/json", "content-length": String(size) },
        Buffer.from(`[${'{"event":"open"},'.repeat(1000)}`)
      )
      expect(reply.status).toBe(401)
      expect(reply.body).toContain("invalid signature")
    })

    it("refuses a body over the cap with a clear 413, declared or streamed", async () => {
      const declared = await answerBeforeBodyEnds(
        baseUrl(),
        { "content-type": "application/json", "content-length": String(SENDGRID_WEBHOOK_MAX_BYTES + 1), ...signed("[]") },
        Buffer.from("[")
      )
      expect(declared.status).toBe(413)
      expect(declared.body).toContain(`larger than ${SENDGRID_WEBHOOK_MAX_BYTES} bytes`)

      // No Content-Length (chunked): the route stops reading once the cap is passed.
      const chunk = Buffer.alloc(SENDGRID_WEBHOOK_MAX_BYTES + 1024, " ")
      const streamed = await answerBeforeBodyEnds(baseUrl(), { "content-type": "application/json", "transfer-encoding": "chunked", ...signed("[]") }, chunk)
      expect(streamed.status).toBe(413)

      // The cap leaves normal batches alone: a signed empty batch is fine.
      const ok = await post("[]", signed("[]"))
      expect(ok.status).toBe(200)
      expect(ok.data).toMatchObject({ recorded: 0, malformed: 0 })
    })
  },
})
