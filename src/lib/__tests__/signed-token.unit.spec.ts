import crypto from "crypto"
import { signToken, verifyToken, VerifyResult } from "../signed-token"

const SECRET = "unit-test-secret-0123456789abcdefghijkl"
const OTHER_SECRET = "another-secret-0123456789abcdefghijklmn"
// 2025-06-10T12:00:00Z = 1749556800 s since the epoch.
const NOW = new Date("2025-06-10T12:00:00.000Z")
const NOW_S = 1749556800

type Unsub = { email: string; messageId: string }

// Independent re-implementations of the wire format, to build tokens by hand.
const b64url = (text: string) => Buffer.from(text, "utf8").toString("base64url")
const hmac = (secret: string, body: string) =>
  crypto.createHmac("sha256", secret).update(body).digest("base64url")
const signRaw = (body: string, secret = SECRET) =>
  `${body}.${hmac(secret, body)}`
function decodeBody(token: string): Record<string, unknown> {
  const json = Buffer.from(token.split(".")[0], "base64url").toString("utf8")
  const parsed: unknown = JSON.parse(json)
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`token body is not a JSON object: ${json}`)
  }
  return { ...parsed }
}

const atSeconds = (seconds: number) => new Date(NOW.getTime() + seconds * 1000)

function expectFailure<T>(result: VerifyResult<T>, reason: string) {
  expect(result).toEqual({ ok: false, reason })
}

describe("signToken", () => {
  it("produces base64url(JSON payload) + '.' + base64url(HMAC-SHA256 of the body)", () => {
    const token = signToken(
      "unsubscribe",
      { email: "a@example.com", messageId: "msg_1" },
      SECRET,
      3600,
      NOW
    )
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    const [body, signature] = token.split(".")
    expect(signature).toBe(hmac(SECRET, body))
    expect(decodeBody(token)).toEqual({
      email: "a@example.com",
      messageId: "msg_1",
      p: "unsubscribe",
      exp: NOW_S + 3600,
    })
  })

  it("floors the expiry to whole seconds", () => {
    const token = signToken(
      "survey",
      {},
      SECRET,
      60,
      new Date("2025-06-10T12:00:00.999Z")
    )
    expect(decodeBody(token)).toEqual({ p: "survey", exp: NOW_S + 60 })
  })

  it("is deterministic for the same inputs and differs per secret", () => {
    const a = signToken("survey", { id: 1 }, SECRET, 60, NOW)
    expect(signToken("survey", { id: 1 }, SECRET, 60, NOW)).toBe(a)
    expect(signToken("survey", { id: 1 }, OTHER_SECRET, 60, NOW)).not.toBe(a)
  })

  it("does not let claims override the purpose or the expiry", () => {
    const token = signToken(
      "unsubscribe",
      { p: "survey", exp: 9_999_999_999 },
      SECRET,
      60,
      NOW
    )
    expect(decodeBody(token)).toEqual({ p: "unsubscribe", exp: NOW_S + 60 })
    expectFailure(verifyToken(token, "survey", SECRET, NOW), "wrong_purpose")
    expectFailure(
      verifyToken(token, "unsubscribe", SECRET, atSeconds(61)),
      "expired"
    )
  })

  it("defaults `now` to the current time", () => {
    const before = Math.floor(Date.now() / 1000)
    const payload = decodeBody(signToken("survey", {}, SECRET, 100))
    const after = Math.floor(Date.now() / 1000)
    expect(payload).toEqual({ p: "survey", exp: expect.any(Number) })
    const exp = Number(payload.exp)
    expect(exp).toBeGreaterThanOrEqual(before + 100)
    expect(exp).toBeLessThanOrEqual(after + 100)
  })
})

describe("verifyToken", () => {
  const claims: Unsub = { email: "ayşe@example.com", messageId: "msg_01JZ" }
  const token = signToken("unsubscribe", claims, SECRET, 3600, NOW)

  describe("round trip", () => {
    it("accepts its own token and returns claims, purpose and expiry", () => {
      expect(verifyToken<Unsub>(token, "unsubscribe", SECRET, NOW)).toEqual({
        ok: true,
        payload: {
          email: "ayşe@example.com",
          messageId: "msg_01JZ",
          p: "unsubscribe",
          exp: NOW_S + 3600,
        },
      })
    })

    it("exposes typed claims", () => {
      const result = verifyToken<Unsub>(token, "unsubscribe", SECRET, NOW)
      if (!result.ok) throw new Error(`expected ok, got ${result.reason}`)
      const email: string = result.payload.email
      expect(email).toBe("ayşe@example.com")
    })

    it("round-trips nested, numeric, boolean, null and non-ASCII claims", () => {
      const rich = {
        nested: { list: [1, "two", { three: 3 }], flag: true },
        count: 42,
        none: null,
        city: "İstanbul — ğüşöç 🛒",
      }
      const result = verifyToken(
        signToken("nps", rich, SECRET, 60, NOW),
        "nps",
        SECRET,
        NOW
      )
      expect(result).toEqual({
        ok: true,
        payload: { ...rich, p: "nps", exp: NOW_S + 60 },
      })
    })

    it("defaults `now` to the current time on both sides", () => {
      expect(
        verifyToken(signToken("nps", { a: 1 }, SECRET, 60), "nps", SECRET)
      ).toEqual({
        ok: true,
        payload: { a: 1, p: "nps", exp: expect.any(Number) },
      })
    })
  })

  describe("expiry", () => {
    it("is valid up to and including the expiry second", () => {
      expect(
        verifyToken(token, "unsubscribe", SECRET, atSeconds(3599)).ok
      ).toBe(true)
      expect(
        verifyToken(token, "unsubscribe", SECRET, atSeconds(3600)).ok
      ).toBe(true)
    })

    it("is expired one millisecond after the expiry second", () => {
      expectFailure(
        verifyToken(
          token,
          "unsubscribe",
          SECRET,
          new Date(NOW.getTime() + 3600 * 1000 + 1)
        ),
        "expired"
      )
      expectFailure(
        verifyToken(token, "unsubscribe", SECRET, atSeconds(86_400)),
        "expired"
      )
    })

    it("a token with a TTL of 0 is only valid within its signing second", () => {
      const zero = signToken("nps", {}, SECRET, 0, NOW)
      expect(verifyToken(zero, "nps", SECRET, NOW).ok).toBe(true)
      expectFailure(
        verifyToken(zero, "nps", SECRET, new Date(NOW.getTime() + 1)),
        "expired"
      )
    })

    it("a negative TTL is already expired", () => {
      expectFailure(
        verifyToken(signToken("nps", {}, SECRET, -1, NOW), "nps", SECRET, NOW),
        "expired"
      )
    })

    it("uses the current time when `now` is omitted", () => {
      const old = signToken(
        "nps",
        {},
        SECRET,
        60,
        new Date(Date.now() - 2 * 60 * 60 * 1000)
      )
      expectFailure(verifyToken(old, "nps", SECRET), "expired")
    })

    it("treats a missing or non-numeric exp as expired", () => {
      expectFailure(
        verifyToken(
          signRaw(b64url(JSON.stringify({ p: "nps" }))),
          "nps",
          SECRET,
          NOW
        ),
        "expired"
      )
      const stringExp = signRaw(
        b64url(JSON.stringify({ p: "nps", exp: String(NOW_S + 60) }))
      )
      expectFailure(verifyToken(stringExp, "nps", SECRET, NOW), "expired")
    })
  })

  describe("purpose", () => {
    it("rejects a token minted for another purpose", () => {
      expectFailure(verifyToken(token, "survey", SECRET, NOW), "wrong_purpose")
      expectFailure(
        verifyToken(token, "Unsubscribe", SECRET, NOW),
        "wrong_purpose"
      )
      expectFailure(verifyToken(token, "", SECRET, NOW), "wrong_purpose")
    })

    it("reports the wrong purpose before the expiry", () => {
      expectFailure(
        verifyToken(token, "survey", SECRET, atSeconds(86_400)),
        "wrong_purpose"
      )
    })

    it("rejects a correctly signed payload without a purpose", () => {
      const noPurpose = signRaw(b64url(JSON.stringify({ exp: NOW_S + 60 })))
      expectFailure(verifyToken(noPurpose, "nps", SECRET, NOW), "wrong_purpose")
    })
  })

  describe("tampering", () => {
    const [body, signature] = token.split(".")

    it("rejects a payload re-encoded with other claims under the original signature", () => {
      const forged = b64url(
        JSON.stringify({
          ...claims,
          email: "victim@example.com",
          p: "unsubscribe",
          exp: NOW_S + 3600,
        })
      )
      expectFailure(
        verifyToken(`${forged}.${signature}`, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
    })

    it("rejects an extended expiry under the original signature", () => {
      const forged = b64url(
        JSON.stringify({
          ...claims,
          p: "unsubscribe",
          exp: NOW_S + 10 * 365 * 86_400,
        })
      )
      expectFailure(
        verifyToken(`${forged}.${signature}`, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
    })

    it("rejects a body with a single character changed", () => {
      const flipped = body[5] === "A" ? "B" : "A"
      const changed = `${body.slice(0, 5)}${flipped}${body.slice(6)}`
      expectFailure(
        verifyToken(`${changed}.${signature}`, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
    })

    it("rejects a signature with a single character changed", () => {
      const flipped = signature[0] === "A" ? "B" : "A"
      expectFailure(
        verifyToken(
          `${body}.${flipped}${signature.slice(1)}`,
          "unsubscribe",
          SECRET,
          NOW
        ),
        "bad_signature"
      )
    })

    it("rejects a truncated or extended signature", () => {
      expectFailure(
        verifyToken(
          `${body}.${signature.slice(0, -4)}`,
          "unsubscribe",
          SECRET,
          NOW
        ),
        "bad_signature"
      )
      expectFailure(
        verifyToken(`${body}.${signature}AAAA`, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
    })

    it("rejects the signature of another token", () => {
      const other = signToken(
        "unsubscribe",
        { ...claims, messageId: "msg_other" },
        SECRET,
        3600,
        NOW
      )
      expectFailure(
        verifyToken(
          `${body}.${other.split(".")[1]}`,
          "unsubscribe",
          SECRET,
          NOW
        ),
        "bad_signature"
      )
    })

    it("rejects a token signed with another secret", () => {
      const foreign = signToken("unsubscribe", claims, OTHER_SECRET, 3600, NOW)
      expectFailure(
        verifyToken(foreign, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
      expectFailure(
        verifyToken(token, "unsubscribe", OTHER_SECRET, NOW),
        "bad_signature"
      )
    })

    it("checks the signature before anything else", () => {
      // Wrong purpose, expired, and unparseable bodies all report bad_signature when unsigned.
      const forgedBadJson = `${b64url("{not json")}.${signature}`
      expectFailure(
        verifyToken(forgedBadJson, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
      expectFailure(
        verifyToken(
          `${body}.${hmac(OTHER_SECRET, body)}`,
          "survey",
          SECRET,
          atSeconds(86_400)
        ),
        "bad_signature"
      )
    })

    // Regression: Buffer.from(..., "base64url") is lenient, so several spellings used to verify.
    it("accepts only the canonical encoding of the signature", () => {
      expectFailure(
        verifyToken(`${body}.${signature}!`, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
    })
  })

  describe("malformed input", () => {
    const cases: Array<[string, unknown]> = [
      ["undefined", undefined],
      ["null", null],
      ["a number", 12345],
      ["a boolean", true],
      ["an object", { token }],
      ["an array", [token]],
      ["a String object", Object(token)],
      ["an empty string", ""],
      ["a lone dot", "."],
      ["no dot", "abcdef"],
      ["an empty signature", "abc."],
      ["an empty body", ".abc"],
      ["three parts", "a.b.c"],
      ["a valid token with an extra part", `${token}.extra`],
      ["a 4097-character string", `${"a".repeat(2048)}.${"b".repeat(2048)}`],
      ["a huge string", `${"a".repeat(1_000_000)}.${"b".repeat(1_000_000)}`],
    ]

    it.each(cases)(
      "returns malformed for %s without throwing",
      (_name, value) => {
        let result: VerifyResult<Record<string, unknown>> | undefined
        expect(() => {
          result = verifyToken(value, "unsubscribe", SECRET, NOW)
        }).not.toThrow()
        expect(result).toEqual({ ok: false, reason: "malformed" })
      }
    )

    it("processes strings up to 4096 characters (the length limit is inclusive)", () => {
      const atLimit = `${"a".repeat(2048)}.${"b".repeat(2047)}`
      expect(atLimit).toHaveLength(4096)
      expectFailure(
        verifyToken(atLimit, "unsubscribe", SECRET, NOW),
        "bad_signature"
      )
    })

    it("rejects a correctly signed token longer than 4096 characters", () => {
      const big = signToken("nps", { blob: "x".repeat(5000) }, SECRET, 60, NOW)
      expect(big.length).toBeGreaterThan(4096)
      expectFailure(verifyToken(big, "nps", SECRET, NOW), "malformed")
    })

    it.each([
      ["a non-JSON body", b64url("{not json")],
      ["an empty JSON text", b64url("")],
      ["a body that is not base64url at all", "!!!*"],
      ["JSON null", b64url("null")],
      ["a JSON number", b64url("42")],
      ["a JSON string", b64url(JSON.stringify("unsubscribe"))],
      ["a JSON boolean", b64url("true")],
    ])("returns malformed for %s with a valid HMAC", (_name, body) => {
      const forged = signRaw(body)
      expect(() =>
        verifyToken(forged, "unsubscribe", SECRET, NOW)
      ).not.toThrow()
      expectFailure(
        verifyToken(forged, "unsubscribe", SECRET, NOW),
        "malformed"
      )
    })

    it("never throws and never accepts arbitrary dotted strings", () => {
      // Deterministic pseudo-random strings over an alphabet with base64url and junk characters.
      const alphabet = "ABCxyz019-_+/=.!% \u0000\u00e7\ud83d"
      let seed = 42
      const next = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
        return seed
      }
      const reasons = new Set<string>()
      for (let i = 0; i < 500; i++) {
        const length = next() % 120
        let text = ""
        for (let j = 0; j < length; j++)
          text += alphabet[next() % alphabet.length]
        const result = verifyToken(text, "unsubscribe", SECRET, NOW)
        expect(result.ok).toBe(false)
        if (!result.ok) reasons.add(result.reason)
      }
      expect([...reasons].sort()).toEqual(["bad_signature", "malformed"])
    })
  })
})
