import { looksLikeEmailAddress, parseMarketingEmailData } from "../email-data"

describe("parseMarketingEmailData", () => {
  it("returns empty extras for missing data", () => {
    for (const data of [undefined, null, {}]) {
      expect(parseMarketingEmailData(data)).toEqual({
        ok: true,
        value: { headers: {}, categories: [], customArgs: {} },
        warnings: [],
      })
    }
  })

  it("ignores template variables and normalizes the extras", () => {
    const result = parseMarketingEmailData({
      first_name: "Ada",
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      categories: [" retention ", "retention", "", "nps"],
      custom_args: { retention_message_id: "rmsg_1", attempt: 2, test: false },
      reply_to: "help@example.com",
      from_name: "Shop",
    })
    expect(result).toEqual({
      ok: true,
      value: {
        headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        categories: ["retention", "nps"],
        customArgs: {
          retention_message_id: "rmsg_1",
          attempt: "2",
          test: "false",
        },
        replyTo: "help@example.com",
        fromName: "Shop",
      },
      warnings: [],
    })
  })

  it("names the field that is wrong", () => {
    const result = parseMarketingEmailData({
      reply_to: "nobody",
      categories: "retention",
    })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(/data\.reply_to: /)
    expect(!result.ok && result.error).toMatch(/data\.categories: /)
  })

  it("rejects header names with a colon or space", () => {
    const result = parseMarketingEmailData({ headers: { "Bad Name:": "x" } })
    expect(!result.ok && result.error).toMatch(
      /^data\.headers\.Bad Name:: Invalid key/
    )
  })

  it("drops an email address used as a custom arg key without echoing it", () => {
    const result = parseMarketingEmailData({
      custom_args: { "ada@example.com": "1" },
    })
    expect(result.ok && result.value.customArgs).toEqual({})
    expect(result.ok && result.warnings.join()).not.toContain("ada@")
  })
})

describe("looksLikeEmailAddress", () => {
  it.each([
    ["ada@example.com", true],
    ["Ada <ada.lovelace+x@mail.example.co.uk>", true],
    ["rmsg_01HZX", false],
    ["@example.com", false],
    ["user@localhost", false],
    ["https://example.com/?a=1", false],
  ])("%j -> %s", (value, expected) => {
    expect(looksLikeEmailAddress(value)).toBe(expected)
  })

  it("stays fast on long values", () => {
    const started = Date.now()
    looksLikeEmailAddress("x".repeat(100_000) + "@")
    looksLikeEmailAddress("a@".repeat(50_000))
    expect(Date.now() - started).toBeLessThan(100)
  })
})
