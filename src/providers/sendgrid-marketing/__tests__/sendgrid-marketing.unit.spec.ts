import type { ProviderSendNotificationDTO } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { SendgridDeliveryError, sendgridFailureKind } from "../errors"
import type { SendgridMarketingOptionsInput } from "../options"
import { SendgridMarketingNotificationService } from "../service"
import {
  closedPortUrl,
  type FakeSendgrid,
  type ScriptedReply,
  startFakeSendgrid,
} from "./fake-sendgrid-server"

const API_KEY = "SG.test-key-0123456789"

function makeProvider(
  baseUrl: string,
  overrides: Partial<SendgridMarketingOptionsInput> = {}
) {
  const warnings: string[] = []
  const service = new SendgridMarketingNotificationService(
    { logger: { warn: (message: string) => warnings.push(message) } },
    {
      apiKey: API_KEY,
      from: "shop@example.com",
      fromName: "Example Shop",
      baseUrl,
      retryBaseMs: 1,
      maxRetryDelayMs: 2_000,
      channels: ["marketing_email"],
      ...overrides,
    }
  )
  return { service, warnings }
}

function cartReminder(
  overrides: Partial<ProviderSendNotificationDTO> = {}
): ProviderSendNotificationDTO {
  return {
    to: "ada@example.com",
    channel: "marketing_email",
    template: "cart-reminder-1",
    content: {
      subject: "You left something behind",
      text: "Your cart is waiting: https://shop.example.com/cart",
      html: '<p>Your cart is <a href="https://shop.example.com/cart">waiting</a></p>',
    },
    data: {
      headers: {
        "List-Unsubscribe": "<https://shop.example.com/retention/u/tok123>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      categories: ["retention", "cart-recovery"],
      custom_args: { retention_message_id: "rmsg_01", step: 1 },
      reply_to: "help@example.com",
      // Template variables live in the same object and must be ignored.
      first_name: "Ada",
    },
    ...overrides,
  }
}

async function rejection(
  promise: Promise<unknown>
): Promise<SendgridDeliveryError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SendgridDeliveryError) {
      return error
    }
    throw error
  }
  throw new Error("expected send() to reject")
}

describe("retention-sendgrid options", () => {
  it("accepts the minimal options and fills in retry defaults", () => {
    expect(() =>
      SendgridMarketingNotificationService.validateOptions({
        apiKey: API_KEY,
        from: "shop@example.com",
        channels: ["marketing_email"],
      })
    ).not.toThrow()
  })

  it.each([
    [{ from: "shop@example.com" }, "apiKey"],
    [{ apiKey: API_KEY }, "from"],
    [{ apiKey: API_KEY, from: "not-an-email" }, "from"],
    [
      { apiKey: API_KEY, from: "shop@example.com", maxAttempts: 0 },
      "maxAttempts",
    ],
    [{ apiKey: API_KEY, from: "shop@example.com", baseUrl: "nope" }, "baseUrl"],
    [
      { apiKey: API_KEY, from: "shop@example.com", sandboxMode: "yes" },
      "sandboxMode",
    ],
  ])("rejects %j naming %s", (options, field) => {
    expect(() =>
      SendgridMarketingNotificationService.validateOptions(options)
    ).toThrow(new RegExp(`retention-sendgrid.*${field}:`))
  })

  it("rejects missing options", () => {
    expect(() =>
      SendgridMarketingNotificationService.validateOptions(undefined)
    ).toThrow(/apiKey/)
  })
})

describe("retention-sendgrid send", () => {
  const servers: FakeSendgrid[] = []

  async function fakeSendgrid(script?: ScriptedReply[]): Promise<FakeSendgrid> {
    const server = await startFakeSendgrid(script)
    servers.push(server)
    return server
  }

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })

  it("posts the full message to /v3/mail/send and returns X-Message-Id", async () => {
    const sendgrid = await fakeSendgrid([
      { status: 202, headers: { "X-Message-Id": "Ou4Ko_RsQJ-M6SjNLYfMMw" } },
    ])
    const { service } = makeProvider(sendgrid.baseUrl, { sandboxMode: true })

    const result = await service.send(cartReminder())

    expect(result).toEqual({ id: "Ou4Ko_RsQJ-M6SjNLYfMMw" })
    expect(sendgrid.requests).toHaveLength(1)
    const [request] = sendgrid.requests
    expect(request.method).toBe("POST")
    expect(request.url).toBe("/v3/mail/send")
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(request.body).toEqual({
      from: { email: "shop@example.com", name: "Example Shop" },
      reply_to: { email: "help@example.com" },
      subject: "You left something behind",
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      content: [
        {
          type: "text/plain",
          value: "Your cart is waiting: https://shop.example.com/cart",
        },
        {
          type: "text/html",
          value:
            '<p>Your cart is <a href="https://shop.example.com/cart">waiting</a></p>',
        },
      ],
      headers: {
        "List-Unsubscribe": "<https://shop.example.com/retention/u/tok123>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      categories: ["retention", "cart-recovery"],
      custom_args: { retention_message_id: "rmsg_01", step: "1" },
      mail_settings: { sandbox_mode: { enable: true } },
    })
  })

  it("uses notification.from and data.from_name, and sends no mail_settings outside sandbox", async () => {
    const sendgrid = await fakeSendgrid()
    const { service } = makeProvider(sendgrid.baseUrl)

    const result = await service.send(
      cartReminder({
        from: "news@example.com",
        content: { subject: "Hi", html: "<p>Hi</p>" },
        data: { from_name: "Example News" },
      })
    )

    expect(result).toEqual({ id: "msg-1" })
    expect(sendgrid.requests[0].body).toEqual({
      from: { email: "news@example.com", name: "Example News" },
      subject: "Hi",
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      content: [{ type: "text/html", value: "<p>Hi</p>" }],
    })
  })

  it("drops custom args and categories that look like email addresses, and keeps at most 10 categories", async () => {
    const sendgrid = await fakeSendgrid()
    const { service, warnings } = makeProvider(sendgrid.baseUrl)
    const manyCategories = Array.from({ length: 12 }, (_, i) => `c${i}`)

    await service.send(
      cartReminder({
        data: {
          categories: ["ada@example.com", ...manyCategories],
          custom_args: {
            retention_message_id: "rmsg_02",
            customer: "Ada <ada@example.com>",
          },
        },
      })
    )

    expect(sendgrid.requests[0].body).toMatchObject({
      categories: manyCategories.slice(0, 10),
      custom_args: { retention_message_id: "rmsg_02" },
    })
    expect(JSON.stringify(sendgrid.requests[0].body)).not.toMatch(
      /"categories":\[[^\]]*ada@example\.com/
    )
    expect(warnings.join("\n")).toMatch(/custom_args\.customer: dropped/)
    expect(warnings.join("\n")).toMatch(/kept the first 10 of 12/)
    expect(warnings.join("\n")).not.toMatch(/ada@example\.com/)
  })

  it.each([
    ["a recipient that is not an email", { to: "ada" }, /to: is not an email/],
    ["no subject", { content: { html: "<p>x</p>" } }, /content\.subject/],
    ["no body", { content: { subject: "x" } }, /needs html or text/],
    [
      "a header with a line break",
      { data: { headers: { "X-Evil": "a\r\nBcc: all@example.com" } } },
      /data\.headers\.X-Evil: must not contain line breaks/,
    ],
    [
      "oversized custom args",
      { data: { custom_args: { blob: "x".repeat(10_000) } } },
      /data\.custom_args: \d+ bytes/,
    ],
  ])("refuses %s without calling SendGrid", async (_, overrides, message) => {
    const sendgrid = await fakeSendgrid()
    const { service } = makeProvider(sendgrid.baseUrl)

    const error = await rejection(service.send(cartReminder(overrides)))

    expect(error.permanent).toBe(true)
    expect(error.message).toMatch(message)
    expect(sendgrid.requests).toHaveLength(0)
  })

  it("retries a 429 after the Retry-After seconds, not the (tiny) backoff", async () => {
    const sendgrid = await fakeSendgrid([
      { status: 429, headers: { "Retry-After": "1" }, body: { errors: [] } },
      { status: 202, headers: { "X-Message-Id": "after-429" } },
    ])
    const { service, warnings } = makeProvider(sendgrid.baseUrl, {
      retryBaseMs: 1,
    })

    const result = await service.send(cartReminder())

    expect(result).toEqual({ id: "after-429" })
    expect(sendgrid.requests).toHaveLength(2)
    const waited =
      sendgrid.requests[1].receivedAt - sendgrid.requests[0].receivedAt
    expect(waited).toBeGreaterThanOrEqual(950)
    expect(warnings[0]).toMatch(/attempt 1\/4 failed \(429/)
  })

  it("retries a 429 at once when Retry-After is 0, instead of the long backoff", async () => {
    const sendgrid = await fakeSendgrid([
      { status: 429, headers: { "Retry-After": "0" } },
      { status: 202, headers: { "X-Message-Id": "after-zero" } },
    ])
    // Without Retry-After this backoff would wait at least 2.5 s.
    const { service } = makeProvider(sendgrid.baseUrl, {
      retryBaseMs: 5_000,
      maxRetryDelayMs: 10_000,
    })

    const started = Date.now()
    const result = await service.send(cartReminder())

    expect(result).toEqual({ id: "after-zero" })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it("caps a long Retry-After at maxRetryDelayMs", async () => {
    const sendgrid = await fakeSendgrid([
      { status: 429, headers: { "Retry-After": "120" } },
      { status: 202, headers: { "X-Message-Id": "capped" } },
    ])
    const { service } = makeProvider(sendgrid.baseUrl, { maxRetryDelayMs: 50 })

    const started = Date.now()
    await expect(service.send(cartReminder())).resolves.toEqual({
      id: "capped",
    })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it("retries 500 twice and succeeds on the third attempt", async () => {
    const sendgrid = await fakeSendgrid([
      { status: 500, body: { errors: [{ message: "Internal error" }] } },
      { status: 500, body: { errors: [{ message: "Internal error" }] } },
      { status: 202, headers: { "X-Message-Id": "third-time" } },
    ])
    const { service } = makeProvider(sendgrid.baseUrl)

    await expect(service.send(cartReminder())).resolves.toEqual({
      id: "third-time",
    })
    expect(sendgrid.requests).toHaveLength(3)
    // Every attempt sends the same message.
    expect(sendgrid.requests[2].body).toEqual(sendgrid.requests[0].body)
  })

  it("fails permanently on 400 with SendGrid's error text and does not retry", async () => {
    const sendgridErrors = [
      {
        message: "The from address does not match a verified Sender Identity.",
        field: "from",
        help: "https://sendgrid.com/docs/for-developers/sending-email/sender-identity/",
      },
    ]
    const sendgrid = await fakeSendgrid([
      { status: 400, body: { errors: sendgridErrors } },
    ])
    const { service } = makeProvider(sendgrid.baseUrl)

    const error = await rejection(service.send(cartReminder()))

    expect(sendgrid.requests).toHaveLength(1)
    expect(error).toBeInstanceOf(MedusaError)
    expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error.permanent).toBe(true)
    expect(error.status).toBe(400)
    expect(error.attempts).toBe(1)
    expect(error.sendgridErrors).toEqual(sendgridErrors)
    expect(error.message).toContain("HTTP 400")
    expect(error.message).toContain(
      "The from address does not match a verified Sender Identity."
    )
    expect(sendgridFailureKind(error)).toBe("permanent")
  })

  it("never follows a redirect: SendGrid does not send one, so it means a wrong baseUrl", async () => {
    const sendgrid = await fakeSendgrid([{ status: 307, headers: { Location: "/v3/mail/send-elsewhere" } }])
    const { service } = makeProvider(sendgrid.baseUrl)

    const error = await rejection(service.send(cartReminder()))

    // One request: the message was not posted a second time to wherever the redirect points.
    expect(sendgrid.requests.map((r) => r.url)).toEqual(["/v3/mail/send"])
    expect(error.permanent).toBe(true)
    expect(error.message).toContain("307")
  })

  it("treats 401 as permanent", async () => {
    const sendgrid = await fakeSendgrid([
      {
        status: 401,
        body: {
          errors: [
            {
              message:
                "The provided authorization grant is invalid, expired, or revoked",
            },
          ],
        },
      },
    ])
    const { service } = makeProvider(sendgrid.baseUrl)

    const error = await rejection(service.send(cartReminder()))

    expect(error.permanent).toBe(true)
    expect(error.message).toMatch(/HTTP 401.*authorization grant is invalid/)
    expect(sendgrid.requests).toHaveLength(1)
  })

  it("gives up after maxAttempts with a transient error", async () => {
    const sendgrid = await fakeSendgrid([
      { status: 503, body: { errors: [{ message: "Service unavailable" }] } },
      { status: 503, body: { errors: [{ message: "Service unavailable" }] } },
      { status: 503, body: { errors: [{ message: "Service unavailable" }] } },
      { status: 202 },
    ])
    const { service } = makeProvider(sendgrid.baseUrl, { maxAttempts: 3 })

    const error = await rejection(service.send(cartReminder()))

    expect(sendgrid.requests).toHaveLength(3)
    expect(error.permanent).toBe(false)
    expect(error.type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(error.status).toBe(503)
    expect(error.attempts).toBe(3)
    expect(error.message).toMatch(
      /SendGrid transient failure \(HTTP 503\) after 3 attempts.*Service unavailable/
    )
    // The Notification Module rethrows provider errors with a new message.
    const wrapped = new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `Failed to send notification with id noti_1:\n${error.message}`
    )
    expect(sendgridFailureKind(wrapped)).toBe("transient")
  })

  it("retries a dropped connection (ECONNRESET)", async () => {
    const sendgrid = await fakeSendgrid([
      "reset",
      { status: 202, headers: { "X-Message-Id": "after-reset" } },
    ])
    const { service } = makeProvider(sendgrid.baseUrl)

    await expect(service.send(cartReminder())).resolves.toEqual({
      id: "after-reset",
    })
    expect(sendgrid.requests).toHaveLength(2)
  })

  it("reports a refused connection as transient after every attempt failed", async () => {
    const { service, warnings } = makeProvider(await closedPortUrl(), {
      maxAttempts: 2,
    })

    const error = await rejection(service.send(cartReminder()))

    expect(error.permanent).toBe(false)
    expect(error.networkCode).toBe("ECONNREFUSED")
    expect(error.status).toBeUndefined()
    expect(error.attempts).toBe(2)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).not.toContain(API_KEY)
  })

  it("keeps two providers apart (own key and base URL each)", async () => {
    const sendgrid = await fakeSendgrid()
    const other = await fakeSendgrid()
    const first = makeProvider(sendgrid.baseUrl)
    const second = makeProvider(other.baseUrl, { apiKey: "SG.other-key" })

    await first.service.send(cartReminder())
    await second.service.send(cartReminder())
    await first.service.send(cartReminder())

    expect(sendgrid.requests.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${API_KEY}`,
      `Bearer ${API_KEY}`,
    ])
    expect(other.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer SG.other-key",
    ])
  })
})

describe("sendgridFailureKind", () => {
  it("is undefined for errors that did not come from this provider", () => {
    expect(sendgridFailureKind(new Error("boom"))).toBeUndefined()
    expect(sendgridFailureKind("SendGrid permanent failure")).toBeUndefined()
  })
})
