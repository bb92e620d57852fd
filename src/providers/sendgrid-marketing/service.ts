import type {
  Logger,
  ProviderSendNotificationDTO,
  ProviderSendNotificationResultsDTO,
} from "@medusajs/framework/types"
import { AbstractNotificationProviderService } from "@medusajs/framework/utils"
import { Client } from "@sendgrid/client"
import { classes } from "@sendgrid/helpers"
import { MailService, type MailDataRequired } from "@sendgrid/mail"
import { SendgridDeliveryError } from "./errors"
import { buildSendgridMail } from "./message"
import {
  parseSendgridMarketingOptions,
  type SendgridMarketingOptions,
} from "./options"
import { classifySendError, readHeader, retryDelayMs } from "./retry"

type InjectedDependencies = {
  logger: Pick<Logger, "warn">
}

/**
 * The helper's `Mail` for our payload. Mail's constructor copies its input through
 * JSON.stringify/parse, which for 20 kB bodies costs more than building the rest of the request,
 * so the small fields go through the constructor (validation, camel-casing) and the bodies are
 * set afterwards by reference. The request body is the same either way.
 */
function toMail(data: MailDataRequired): MailDataRequired {
  const { content, ...fields } = data
  const mail = new classes.Mail(fields as MailDataRequired)
  if (content) {
    mail.setContent(content)
  }
  // MailService.send takes a Mail instance as it is (Mail.create returns it unchanged).
  return mail as unknown as MailDataRequired
}

/**
 * Marketing email through SendGrid, with what the official provider lacks:
 * a plain-text part, custom headers (List-Unsubscribe), categories, custom
 * args for webhook correlation, the SendGrid message id, and retries.
 */
export class SendgridMarketingNotificationService extends AbstractNotificationProviderService {
  static identifier = "retention-sendgrid"

  static validateOptions(options: unknown): void {
    parseSendgridMarketingOptions(options)
  }

  protected readonly options_: SendgridMarketingOptions
  protected readonly logger_: Pick<Logger, "warn">
  protected readonly mail_: MailService

  constructor({ logger }: InjectedDependencies, options: unknown) {
    super()
    this.options_ = parseSendgridMarketingOptions(options)
    this.logger_ = logger

    // Our own client and MailService instead of the package's singletons, so
    // two providers (or Medusa's own SendGrid provider) never share a key.
    const client = new Client()
    client.setApiKey(this.options_.apiKey)
    // setApiKey resets baseUrl to the region default, so this must come after.
    if (this.options_.baseUrl) {
      client.setDefaultRequest("baseUrl", this.options_.baseUrl)
    }
    // SendGrid's API never redirects; without this axios routes every request through
    // follow-redirects, which buffers the whole body a second time.
    // (@sendgrid/client hands its default request to axios as it is; its type lists fewer keys.)
    client.setDefaultRequest({ maxRedirects: 0 } as unknown as Parameters<Client["setDefaultRequest"]>[0])
    this.mail_ = new MailService()
    this.mail_.setClient(client)
    this.mail_.setTimeout(this.options_.requestTimeoutMs)
  }

  async send(
    notification: ProviderSendNotificationDTO
  ): Promise<ProviderSendNotificationResultsDTO> {
    const built = buildSendgridMail(notification, this.options_)
    if (!built.ok) {
      throw new SendgridDeliveryError({
        kind: "permanent",
        attempts: 0,
        detail: `refused to send: ${built.error}`,
      })
    }
    for (const warning of built.warnings) {
      this.logger_.warn(`retention-sendgrid: ${warning}`)
    }

    const { maxAttempts } = this.options_
    for (let attempt = 1; ; attempt++) {
      try {
        const [response] = await this.mail_.send(toMail(built.mail))
        const id = readHeader(response.headers, "x-message-id")
        return id ? { id } : {}
      } catch (error) {
        // Never attach `error` as a cause: axios errors carry the request
        // config, Authorization header included, into any log that prints it.
        const failure = classifySendError(error, Date.now())
        if (!failure.transient || attempt >= maxAttempts) {
          throw new SendgridDeliveryError({
            kind: failure.transient ? "transient" : "permanent",
            status: failure.status,
            networkCode: failure.networkCode,
            sendgridErrors: failure.sendgridErrors,
            attempts: attempt,
            detail: failure.detail,
          })
        }
        const delay = retryDelayMs({
          attempt,
          retryAfterMs: failure.retryAfterMs,
          policy: this.options_,
        })
        this.logger_.warn(
          `retention-sendgrid: attempt ${attempt}/${maxAttempts} failed (${failure.status ?? failure.networkCode}: ${failure.detail}), retrying in ${delay} ms`
        )
        await this.sleep_(delay)
      }
    }
  }

  protected sleep_(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms))
  }
}
