import { z } from "@medusajs/framework/zod"
import { webUrl } from "../../lib/web-url"

// The plugin options this module reads. Every module of the plugin receives the same options
// object, so unknown keys belong to other modules and pass through.
export const messagingOptionsSchema = z
  .object({
    // HMAC key for every link in an email (unsubscribe, surveys, recovery). Keep it secret and
    // stable: rotating it invalidates links already sent.
    tokenSecret: z.string().min(32, "must be at least 32 characters"),
    // Public base URL of this Medusa server, used to build links in emails.
    publicUrl: webUrl().default("http://localhost:9000"),
    // Notification Module channel owned by the plugin's email provider.
    emailChannel: z.string().min(1).default("retention_email"),
    // Unsubscribe links keep working this long (CAN-SPAM asks for at least 30 days).
    unsubscribeLinkTtlDays: z.number().int().min(30).max(3650).default(365),
    // (Temporary provider failures follow the one retry policy of retry-policy.ts: backoff from
    // 5 minutes for 24 hours. The former `maxSendAttempts` is accepted and ignored.)
    // A message still "sending" after this long belonged to a process that died mid-send.
    staleSendingAfterMinutes: z.number().int().min(1).default(10),
    sendConcurrency: z.number().int().min(1).max(100).default(25),
    // Also record every email as a Notification Module notification, by sending through
    // createNotifications. Off: the plugin's own providers are called directly and the message
    // log is the record (about 40% less CPU per email). A provider that is not the plugin's
    // always goes through createNotifications.
    recordNotifications: z.boolean().default(false),
    // Deliverability guard: pause a campaign/topic whose complaint rate over its recent sends
    // passes the threshold (Gmail's limit is 0.3%), once at least `complaintMinSample` were sent.
    complaintRateThreshold: z.number().min(0).max(1).default(0.003),
    complaintMinSample: z.number().int().min(1).default(1000),
    complaintWindowSends: z.number().int().min(100).default(5000),
    // SendGrid Event Webhook verification key (base64 DER or PEM). Without it the webhook
    // refuses every request.
    sendgridWebhookPublicKey: z.string().optional(),
    webhookReplayWindowSeconds: z.number().int().min(30).default(600),
  })
  .passthrough()

export type MessagingOptions = z.output<typeof messagingOptionsSchema>
