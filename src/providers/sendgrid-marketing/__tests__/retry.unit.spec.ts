import {
  classifySendError,
  parseRateLimitReset,
  parseRetryAfter,
  readHeader,
  retryDelayMs,
} from "../retry"

const NOW = Date.parse("2025-03-01T12:00:00Z")
const policy = { maxAttempts: 4, retryBaseMs: 500, maxRetryDelayMs: 30_000 }

describe("parseRetryAfter", () => {
  it.each([
    ["1", 1_000],
    ["0", 0],
    [" 30 ", 30_000],
    ["Sat, 01 Mar 2025 12:00:05 GMT", 5_000],
    ["Sat, 01 Mar 2025 11:59:00 GMT", 0],
  ])("reads %j as %d ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })

  it.each([undefined, "", "soon", "-5", "1.5", "Mon, 99 Foo 2025"])(
    "ignores %j",
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined()
    }
  )
})

describe("parseRateLimitReset", () => {
  it("turns Unix seconds into a wait", () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 7), NOW)).toBe(7_000)
    expect(parseRateLimitReset(String(NOW / 1000 - 7), NOW)).toBe(0)
    expect(parseRateLimitReset("later", NOW)).toBeUndefined()
  })
})

describe("retryDelayMs", () => {
  it("doubles per attempt, with half of each delay jittered", () => {
    const low = (attempt: number) =>
      retryDelayMs({ attempt, policy, random: () => 0 })
    const high = (attempt: number) =>
      retryDelayMs({ attempt, policy, random: () => 1 })
    expect([1, 2, 3].map(high)).toEqual([500, 1_000, 2_000])
    expect([1, 2, 3].map(low)).toEqual([250, 500, 1_000])
  })

  it("never exceeds maxRetryDelayMs", () => {
    expect(retryDelayMs({ attempt: 20, policy, random: () => 1 })).toBe(30_000)
    expect(retryDelayMs({ attempt: 1, retryAfterMs: 3_600_000, policy })).toBe(
      30_000
    )
  })

  it("uses the server's wait instead of backoff", () => {
    expect(retryDelayMs({ attempt: 3, retryAfterMs: 0, policy })).toBe(0)
    expect(retryDelayMs({ attempt: 1, retryAfterMs: 1_000, policy })).toBe(
      1_000
    )
  })
})

describe("readHeader", () => {
  it("is case-insensitive and tolerates odd shapes", () => {
    expect(readHeader({ "X-Message-Id": "abc" }, "x-message-id")).toBe("abc")
    expect(readHeader({ "retry-after": 3 }, "Retry-After")).toBe("3")
    expect(readHeader({ "set-cookie": ["a", "b"] }, "set-cookie")).toBe("a")
    expect(readHeader(undefined, "x-message-id")).toBeUndefined()
  })
})

describe("classifySendError", () => {
  // The shape @sendgrid/client rejects with: status in `code`, parsed body.
  const responseError = (
    status: number,
    body: unknown,
    headers: Record<string, string> = {}
  ) =>
    Object.assign(new Error("Some Status Text"), {
      code: status,
      response: { headers, body },
    })

  it.each([429, 500, 502, 503])("retries HTTP %d", (status) => {
    expect(classifySendError(responseError(status, ""), NOW)).toMatchObject({
      transient: true,
      status,
    })
  })

  it.each([400, 401, 403, 404, 413])("gives up on HTTP %d", (status) => {
    expect(classifySendError(responseError(status, ""), NOW)).toMatchObject({
      transient: false,
      status,
    })
  })

  it("keeps SendGrid's error messages and ignores malformed entries", () => {
    const failure = classifySendError(
      responseError(400, {
        errors: [
          { message: "Invalid from", field: "from", help: null },
          { nope: true },
          "text",
        ],
      }),
      NOW
    )
    expect(failure.sendgridErrors).toEqual([
      { message: "Invalid from", field: "from", help: null },
    ])
  })

  it("falls back to X-RateLimit-Reset on a 429 without Retry-After", () => {
    const failure = classifySendError(
      responseError(429, {}, { "x-ratelimit-reset": String(NOW / 1000 + 2) }),
      NOW
    )
    expect(failure.retryAfterMs).toBe(2_000)
  })

  it("keeps a snippet of a non-JSON error page", () => {
    const failure = classifySendError(
      responseError(502, "<html>Bad gateway</html>"),
      NOW
    )
    expect(failure.detail).toContain("<html>Bad gateway</html>")
  })

  it.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "ECONNABORTED"])(
    "retries network error %s",
    (code) => {
      const error = Object.assign(new Error(`connect ${code}`), { code })
      expect(classifySendError(error, NOW)).toMatchObject({
        transient: true,
        networkCode: code,
      })
    }
  )

  it("reads a network code from the cause", () => {
    const error = new Error("socket hang up", {
      cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
    })
    expect(classifySendError(error, NOW).transient).toBe(true)
  })

  it("treats input errors and unknown throwables as permanent", () => {
    expect(
      classifySendError(new Error("String expected for `from`"), NOW).transient
    ).toBe(false)
    expect(classifySendError("weird", NOW).transient).toBe(false)
    expect(
      classifySendError(
        Object.assign(new Error("x"), { code: "ENOTFOUND" }),
        NOW
      ).transient
    ).toBe(false)
  })
})
