import type { ProviderSendNotificationDTO } from "@medusajs/framework/types"
import { z } from "@medusajs/framework/zod"
import type { MailDataRequired } from "@sendgrid/mail"
import { parseMarketingEmailData } from "./email-data"
import type { SendgridMarketingOptions } from "./options"

type MailContent = { type: string; value: string }

export type BuiltMail =
  | { ok: true; mail: MailDataRequired; warnings: string[] }
  | { ok: false; error: string }

const emailSchema = z.email()

function nonEmpty(value: string | null | undefined): string | undefined {
  return value?.trim() ? value : undefined
}

/**
 * Turns a Medusa notification into `@sendgrid/mail` input. Pure, so every
 * refusal happens before any network call and can be tested on its own.
 */
export function buildSendgridMail(
  notification: ProviderSendNotificationDTO,
  options: Pick<SendgridMarketingOptions, "from" | "fromName" | "sandboxMode">
): BuiltMail {
  const to = notification.to?.trim() ?? ""
  if (!emailSchema.safeParse(to).success) {
    return { ok: false, error: "to: is not an email address" }
  }
  const from = notification.from?.trim() || options.from
  if (!emailSchema.safeParse(from).success) {
    return { ok: false, error: "from: is not an email address" }
  }

  const subject = nonEmpty(notification.content?.subject)
  const text = nonEmpty(notification.content?.text)
  const html = nonEmpty(notification.content?.html)
  if (!subject) {
    return { ok: false, error: "content.subject: is required" }
  }
  // SendGrid requires text/plain before text/html; the plain part also keeps
  // the message readable in text-only clients and helps spam scoring.
  const parts: MailContent[] = []
  if (text !== undefined) {
    parts.push({ type: "text/plain", value: text })
  }
  if (html !== undefined) {
    parts.push({ type: "text/html", value: html })
  }
  const [firstPart, ...otherParts] = parts
  if (!firstPart) {
    return { ok: false, error: "content: needs html or text" }
  }

  const data = parseMarketingEmailData(notification.data)
  if (!data.ok) {
    return data
  }
  const extras = data.value
  const fromName = extras.fromName ?? options.fromName

  const mail: MailDataRequired = {
    to: { email: to },
    from: fromName ? { email: from, name: fromName } : { email: from },
    subject,
    content: [firstPart, ...otherParts],
  }
  if (extras.replyTo) {
    mail.replyTo = { email: extras.replyTo }
  }
  if (Object.keys(extras.headers).length) {
    mail.headers = extras.headers
  }
  if (extras.categories.length) {
    mail.categories = extras.categories
  }
  if (Object.keys(extras.customArgs).length) {
    mail.customArgs = extras.customArgs
  }
  if (options.sandboxMode) {
    mail.mailSettings = { sandboxMode: { enable: true } }
  }
  if (notification.attachments?.length) {
    mail.attachments = notification.attachments.map((attachment) => ({
      content: attachment.content,
      filename: attachment.filename,
      type: attachment.content_type,
      disposition: attachment.disposition ?? "attachment",
      contentId: attachment.id,
    }))
  }
  return { ok: true, mail, warnings: data.warnings }
}
