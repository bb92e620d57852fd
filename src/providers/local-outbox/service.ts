import { mkdir, rename, writeFile } from "node:fs/promises"
import path from "node:path"
import type {
  Logger,
  ProviderSendNotificationDTO,
  ProviderSendNotificationResultsDTO,
} from "@medusajs/framework/types"
import {
  AbstractNotificationProviderService,
  generateEntityId,
  MedusaError,
} from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { parseMarketingEmailData } from "../sendgrid-marketing/email-data"
import { buildEml } from "./eml"
import { describeIssues } from "../sendgrid-marketing/options"

export const localOutboxOptionsSchema = z.object({
  /** Relative paths resolve against the process's working directory. */
  directory: z.string().trim().min(1).default(".outbox"),
  /** Sender recorded when a notification has none, like SendGrid's `from`. */
  from: z.string().trim().min(1).optional(),
  fromName: z.string().trim().min(1).optional(),
  /** Read by the Notification Module, not by us; listed so it is allowed. */
  channels: z.array(z.string()).optional(),
})

export type LocalOutboxOptionsInput = z.input<typeof localOutboxOptionsSchema>
export type LocalOutboxOptions = z.output<typeof localOutboxOptionsSchema>

export function parseLocalOutboxOptions(options: unknown): LocalOutboxOptions {
  const result = localOutboxOptionsSchema.safeParse(options ?? {})
  if (!result.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid options for the retention-outbox notification provider: ${describeIssues(result.error.issues)}`
    )
  }
  return result.data
}

/** What one `<stem>.json` file holds. */
export type OutboxRecord = {
  id: string
  sent_at: string
  channel: string
  template: string
  to: string
  from: string | null
  from_name: string | null
  reply_to: string | null
  subject: string | null
  text: string | null
  html: string | null
  headers: Record<string, string>
  categories: string[]
  custom_args: Record<string, string>
  attachments: { filename: string; content_type: string | null }[]
  /** The whole `notification.data`, template variables included. */
  data: unknown
  /** What the SendGrid provider would have warned about or refused. */
  warnings: string[]
  /** Sibling file with the body, for opening in a browser or editor. */
  body_file: string | null
  /** Sibling RFC 5322 message (text and HTML parts, headers), for opening in a mail client. */
  eml_file: string | null
}

type InjectedDependencies = {
  logger: Pick<Logger, "warn">
}

// Data handed to createNotifications may hold anything; the outbox must not
// fail on a BigInt or a cycle that a template never looked at.
function jsonSafe(value: unknown, ancestors: object[] = []): unknown {
  if (typeof value === "bigint") {
    return value.toString()
  }
  if (typeof value === "function" || typeof value === "symbol") {
    return undefined
  }
  if (typeof value !== "object" || value === null) {
    return value
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString()
  }
  if (ancestors.includes(value)) {
    return "[Circular]"
  }
  const inside = [...ancestors, value]
  if (Array.isArray(value)) {
    return value.map((item) => jsonSafe(item, inside) ?? null)
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, jsonSafe(item, inside)])
  )
}

/** ISO time without ":" (not allowed on Windows), still sorting by time. */
function fileTimestamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, "-")
}

// Write-then-rename, so a watcher (or the demo script) never reads half a file.
async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, content, "utf8")
  await rename(temporary, file)
}

/**
 * Development stand-in for retention-sendgrid: every message becomes files in
 * a local folder and nothing leaves the machine. It records the same
 * headers, categories and custom args SendGrid would receive, and only
 * fails when the disk does.
 */
export class LocalOutboxNotificationService extends AbstractNotificationProviderService {
  static identifier = "retention-outbox"

  static validateOptions(options: unknown): void {
    parseLocalOutboxOptions(options)
  }

  protected readonly options_: LocalOutboxOptions
  protected readonly logger_: Pick<Logger, "warn">
  readonly directory: string

  constructor({ logger }: InjectedDependencies, options: unknown) {
    super()
    this.options_ = parseLocalOutboxOptions(options)
    this.logger_ = logger
    this.directory = path.resolve(process.cwd(), this.options_.directory)
  }

  async send(
    notification: ProviderSendNotificationDTO
  ): Promise<ProviderSendNotificationResultsDTO> {
    const id = generateEntityId(undefined, "outbox")
    const sentAt = new Date()
    const stem = `${fileTimestamp(sentAt)}-${id}`

    const extras = parseMarketingEmailData(notification.data)
    const email = extras.ok ? extras.value : undefined
    const warnings = extras.ok ? extras.warnings : [`refused: ${extras.error}`]
    const html = notification.content?.html || null
    const text = notification.content?.text || null

    await mkdir(this.directory, { recursive: true })

    let bodyFile: string | null = null
    if (html !== null || text !== null) {
      bodyFile = `${stem}.${html !== null ? "html" : "txt"}`
      await writeAtomically(
        path.join(this.directory, bodyFile),
        html ?? text ?? ""
      )
    }

    const from = notification.from || this.options_.from || null
    const fromName = email?.fromName ?? this.options_.fromName ?? null
    let emlFile: string | null = null
    if (html !== null || text !== null) {
      emlFile = `${stem}.eml`
      await writeAtomically(
        path.join(this.directory, emlFile),
        buildEml({
          from,
          fromName,
          to: notification.to,
          replyTo: email?.replyTo ?? null,
          subject: notification.content?.subject || null,
          text,
          html,
          headers: email?.headers ?? {},
          date: sentAt,
          messageId: `${id}@retention-outbox.local`,
          boundary: `retention-${id}`,
        })
      )
    }

    const record: OutboxRecord = {
      id,
      sent_at: sentAt.toISOString(),
      channel: notification.channel,
      template: notification.template,
      to: notification.to,
      from,
      from_name: fromName,
      reply_to: email?.replyTo ?? null,
      subject: notification.content?.subject || null,
      text,
      html,
      headers: email?.headers ?? {},
      categories: email?.categories ?? [],
      custom_args: email?.customArgs ?? {},
      attachments: (notification.attachments ?? []).map((attachment) => ({
        filename: attachment.filename,
        content_type: attachment.content_type ?? null,
      })),
      data: jsonSafe(notification.data ?? null),
      warnings,
      body_file: bodyFile,
      eml_file: emlFile,
    }
    // The JSON goes last: once it exists, the body file it names exists too.
    await writeAtomically(
      path.join(this.directory, `${stem}.json`),
      `${JSON.stringify(record, null, 2)}\n`
    )

    for (const warning of warnings) {
      this.logger_.warn(`retention-outbox: ${id}: ${warning}`)
    }
    return { id }
  }
}
