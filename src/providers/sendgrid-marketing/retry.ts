import { SendgridApiError } from "./errors"

export type RetryPolicy = {
  maxAttempts: number
  retryBaseMs: number
  maxRetryDelayMs: number
}

/** What one failed call to SendGrid tells us about the next one. */
export type SendFailure = {
  transient: boolean
  status?: number
  networkCode?: string
  sendgridErrors: SendgridApiError[]
  /** Wait the server asked for (Retry-After or X-RateLimit-Reset). */
  retryAfterMs?: number
  detail: string
}

// Failures where the request most likely never reached SendGrid, or SendGrid
// did not answer in time. ENOTFOUND is left out on purpose: api.sendgrid.com
// always resolves, so it almost always means a mistyped `baseUrl`, which no
// retry will fix.
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null
}

/** Case-insensitive header lookup on whatever object axios handed us. */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) {
    return undefined
  }
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) {
      continue
    }
    if (typeof value === "string") {
      return value
    }
    if (typeof value === "number") {
      return String(value)
    }
    if (Array.isArray(value) && typeof value[0] === "string") {
      return value[0]
    }
  }
  return undefined
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function parseRetryAfter(
  value: string | undefined,
  nowMs: number
): number | undefined {
  const trimmed = value?.trim()
  if (!trimmed) {
    return undefined
  }
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000
  }
  // Date.parse accepts bare numbers with signs or decimals too; an HTTP date
  // always names a weekday or month, so require letters.
  if (!/[a-z]/i.test(trimmed)) {
    return undefined
  }
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/** SendGrid's 429s carry the reset moment as Unix seconds. */
export function parseRateLimitReset(
  value: string | undefined,
  nowMs: number
): number | undefined {
  const trimmed = value?.trim()
  if (!trimmed || !/^\d+$/.test(trimmed)) {
    return undefined
  }
  return Math.max(0, Number(trimmed) * 1000 - nowMs)
}

/**
 * Delay before the attempt after `attempt` (1-based). A server-provided wait
 * wins; otherwise exponential backoff with "equal jitter": half of the delay
 * is fixed so retries never collapse to ~0 ms, the other half spreads
 * concurrent senders apart. Everything is capped at `maxRetryDelayMs`.
 */
export function retryDelayMs(input: {
  attempt: number
  retryAfterMs?: number
  policy: RetryPolicy
  random?: () => number
}): number {
  const { attempt, retryAfterMs, policy } = input
  if (retryAfterMs !== undefined) {
    return Math.min(retryAfterMs, policy.maxRetryDelayMs)
  }
  const random = input.random ?? Math.random
  const exponential = Math.min(
    policy.maxRetryDelayMs,
    policy.retryBaseMs * 2 ** Math.max(0, attempt - 1)
  )
  return Math.round(exponential / 2 + (random() * exponential) / 2)
}

function sendgridErrorsFrom(body: unknown): SendgridApiError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) {
    return []
  }
  const errors: SendgridApiError[] = []
  for (const entry of body.errors) {
    if (isRecord(entry) && typeof entry.message === "string") {
      errors.push({
        message: entry.message,
        field: typeof entry.field === "string" ? entry.field : null,
        help: typeof entry.help === "string" ? entry.help : null,
      })
    }
  }
  return errors
}

function networkCodeOf(error: Record<string, unknown>): string | undefined {
  if (typeof error.code === "string") {
    return error.code
  }
  if (isRecord(error.cause) && typeof error.cause.code === "string") {
    return error.cause.code
  }
  return undefined
}

/**
 * Sorts whatever `@sendgrid/mail` rejected with into retry-or-give-up.
 * A `ResponseError` carries the HTTP status in `code` and the parsed body in
 * `response.body`; network failures are axios errors with a string `code`;
 * anything else (the mail helper refusing our input) is our bug, so permanent.
 */
export function classifySendError(error: unknown, nowMs: number): SendFailure {
  if (!isRecord(error)) {
    return { transient: false, sendgridErrors: [], detail: String(error) }
  }
  const message =
    typeof error.message === "string" && error.message
      ? error.message
      : "unknown error"

  if (isRecord(error.response) && typeof error.code === "number") {
    const status = error.code
    const { body, headers } = error.response
    const transient = status === 429 || status >= 500
    const retryAfterMs =
      parseRetryAfter(readHeader(headers, "retry-after"), nowMs) ??
      (status === 429
        ? parseRateLimitReset(readHeader(headers, "x-ratelimit-reset"), nowMs)
        : undefined)
    const sendgridErrors = sendgridErrorsFrom(body)
    // Proxies in front of SendGrid answer 502/504 with HTML; keep a snippet.
    const bodySnippet =
      !sendgridErrors.length && typeof body === "string" && body.trim()
        ? ` ${body.trim().slice(0, 200)}`
        : ""
    return {
      transient,
      status,
      sendgridErrors,
      retryAfterMs,
      detail: `${message}${bodySnippet}`,
    }
  }

  const networkCode = networkCodeOf(error)
  if (networkCode && RETRYABLE_NETWORK_CODES.has(networkCode)) {
    return { transient: true, networkCode, sendgridErrors: [], detail: message }
  }
  return { transient: false, networkCode, sendgridErrors: [], detail: message }
}
