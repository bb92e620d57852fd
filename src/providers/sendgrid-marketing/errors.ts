import { MedusaError } from "@medusajs/framework/utils"

/** One entry of SendGrid's `{ "errors": [...] }` response body. */
export type SendgridApiError = {
  message: string
  field?: string | null
  help?: string | null
}

export type SendgridFailureKind = "permanent" | "transient"

export type SendgridDeliveryErrorInit = {
  kind: SendgridFailureKind
  /** HTTP status from SendGrid; undefined when no response arrived or we refused to send. */
  status?: number
  sendgridErrors?: SendgridApiError[]
  /** Node/axios error code for network failures (ECONNRESET, ...). */
  networkCode?: string
  attempts: number
  detail: string
}

// The Notification Module catches provider errors and rethrows them as
// `Failed to send notification with id …:\n<our message>`, so the class is lost
// on the way to a workflow. The phrase below survives that wrapping and is what
// `sendgridFailureKind` falls back on.
const MESSAGE_MARKER = /SendGrid (permanent|transient) failure/

/**
 * Raised by the retention-sendgrid provider. `permanent` failures (4xx other
 * than 429, invalid input) will fail the same way again; `transient` ones
 * (429, 5xx, network) exhausted their retries and may succeed later.
 */
export class SendgridDeliveryError extends MedusaError {
  readonly status: number | undefined
  readonly permanent: boolean
  readonly sendgridErrors: SendgridApiError[]
  readonly networkCode: string | undefined
  readonly attempts: number

  constructor(init: SendgridDeliveryErrorInit) {
    const sendgridText = (init.sendgridErrors ?? [])
      .map((error) => error.message)
      .join("; ")
    const status =
      init.status !== undefined ? `HTTP ${init.status}` : init.networkCode
    const parts = [
      `SendGrid ${init.kind} failure`,
      status ? ` (${status})` : "",
      init.attempts > 1 ? ` after ${init.attempts} attempts` : "",
      `: ${init.detail}`,
      sendgridText ? ` - ${sendgridText}` : "",
    ]
    super(
      init.kind === "permanent"
        ? MedusaError.Types.INVALID_DATA
        : MedusaError.Types.UNEXPECTED_STATE,
      parts.join("")
    )
    this.name = "SendgridDeliveryError"
    this.status = init.status
    this.permanent = init.kind === "permanent"
    this.sendgridErrors = init.sendgridErrors ?? []
    this.networkCode = init.networkCode
    this.attempts = init.attempts
  }
}

/**
 * Tells a caller whether retrying later can help. Works on the provider's own
 * error and on the error the Notification Module rethrows around it.
 */
export function sendgridFailureKind(
  error: unknown
): SendgridFailureKind | undefined {
  if (error instanceof SendgridDeliveryError) {
    return error.permanent ? "permanent" : "transient"
  }
  if (!(error instanceof Error)) {
    return undefined
  }
  const match = MESSAGE_MARKER.exec(error.message)
  if (match?.[1] === "permanent" || match?.[1] === "transient") {
    return match[1]
  }
  return undefined
}
