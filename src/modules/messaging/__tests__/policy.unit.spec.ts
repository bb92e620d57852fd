import {
  decideSend,
  isValidTimeZone,
  localMinutes,
  PolicyInput,
  quietHoursEnd,
  SuppressionReason,
  timeZoneForCountry,
} from "../policy"

// Every expected instant below is written out by hand (as a UTC or offset ISO string), never
// derived from the code under test.

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

// Tuesday 2025-06-10 12:00 UTC = 15:00 in Istanbul: outside the default quiet hours.
const NOW = new Date("2025-06-10T12:00:00.000Z")

const ago = (ms: number) => new Date(NOW.getTime() - ms)
const later = (ms: number) => new Date(NOW.getTime() + ms)

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    category: "marketing",
    topic: "cart_recovery",
    now: NOW,
    consentPolicy: "opt_out",
    suppressions: [],
    pausedScope: null,
    registry: null,
    recentMarketingSends: [],
    maxPerDay: 2,
    maxPerWeek: 5,
    quietHours: { enabled: true, start: "21:00", end: "08:00" },
    timeZone: "Europe/Istanbul",
    ...overrides,
  }
}

describe("decideSend", () => {
  it("sends a marketing email when nothing stands in the way", () => {
    expect(decideSend(input())).toEqual({ action: "send" })
  })

  describe("transactional mail", () => {
    it("is suppressed for a hard-bounced address", () => {
      expect(
        decideSend(
          input({
            category: "transactional",
            topic: "system",
            suppressions: ["hard_bounce"],
          })
        )
      ).toEqual({ action: "suppress", reason: "suppressed:hard_bounce" })
    })

    it("reports the hard bounce even when other suppressions sort first", () => {
      const decision = decideSend(
        input({
          category: "transactional",
          suppressions: ["manual", "spam_complaint", "hard_bounce"],
        })
      )
      expect(decision).toEqual({
        action: "suppress",
        reason: "suppressed:hard_bounce",
      })
    })

    it.each<SuppressionReason>(["spam_complaint", "unsubscribe", "manual"])(
      "is sent despite a %s suppression",
      (reason) => {
        expect(
          decideSend(
            input({ category: "transactional", suppressions: [reason] })
          )
        ).toEqual({ action: "send" })
      }
    )

    it("ignores consent, the registry, pauses, frequency caps and quiet hours", () => {
      const decision = decideSend(
        input({
          category: "transactional",
          topic: "system",
          // 22:30 in Istanbul: inside quiet hours.
          now: new Date("2025-06-10T19:30:00.000Z"),
          consentPolicy: "opt_in",
          consentAll: "revoked",
          consentTopic: "revoked",
          registry: { allowed: false, reason: "iys_refused" },
          pausedScope: "topic:system",
          recentMarketingSends: [ago(HOUR), ago(2 * HOUR), ago(3 * HOUR)],
          maxPerDay: 0,
          maxPerWeek: 0,
        })
      )
      expect(decision).toEqual({ action: "send" })
    })
  })

  describe("suppressions (marketing)", () => {
    it.each<SuppressionReason>([
      "hard_bounce",
      "spam_complaint",
      "unsubscribe",
      "manual",
    ])("suppresses an address with a %s suppression", (reason) => {
      expect(decideSend(input({ suppressions: [reason] }))).toEqual({
        action: "suppress",
        reason: `suppressed:${reason}`,
      })
    })

    it("reports the alphabetically first reason when there are several", () => {
      expect(
        decideSend(
          input({ suppressions: ["unsubscribe", "spam_complaint", "manual"] })
        )
      ).toEqual({
        action: "suppress",
        reason: "suppressed:manual",
      })
      expect(
        decideSend(input({ suppressions: ["spam_complaint", "hard_bounce"] }))
      ).toEqual({
        action: "suppress",
        reason: "suppressed:hard_bounce",
      })
    })

    it("does not reorder the caller's suppressions array", () => {
      const suppressions: SuppressionReason[] = ["unsubscribe", "manual"]
      decideSend(input({ suppressions }))
      expect(suppressions).toEqual(["unsubscribe", "manual"])
    })
  })

  describe("consent", () => {
    it("opt-out: sends without any consent record", () => {
      expect(decideSend(input({ consentPolicy: "opt_out" }))).toEqual({
        action: "send",
      })
    })

    it("opt-out: a global unsubscribe suppresses every topic, even one the person granted", () => {
      expect(
        decideSend(
          input({
            topic: "loyalty",
            consentAll: "revoked",
            consentTopic: "granted",
          })
        )
      ).toEqual({
        action: "suppress",
        reason: "unsubscribed:all",
      })
    })

    it("opt-out: a topic unsubscribe names the message's topic", () => {
      expect(
        decideSend(input({ topic: "nps", consentTopic: "revoked" }))
      ).toEqual({
        action: "suppress",
        reason: "unsubscribed:nps",
      })
    })

    it("opt-out: a topic unsubscribe wins over a global grant", () => {
      expect(
        decideSend(
          input({
            topic: "replenishment",
            consentAll: "granted",
            consentTopic: "revoked",
          })
        )
      ).toEqual({
        action: "suppress",
        reason: "unsubscribed:replenishment",
      })
    })

    it("opt-in: no consent record means no email", () => {
      expect(decideSend(input({ consentPolicy: "opt_in" }))).toEqual({
        action: "suppress",
        reason: "no_consent",
      })
    })

    it("opt-in: sends with consent for the topic", () => {
      expect(
        decideSend(input({ consentPolicy: "opt_in", consentTopic: "granted" }))
      ).toEqual({ action: "send" })
    })

    it("opt-in: sends with a global grant and nothing recorded for the topic", () => {
      expect(
        decideSend(input({ consentPolicy: "opt_in", consentAll: "granted" }))
      ).toEqual({ action: "send" })
    })

    it("opt-in: a global revoke beats a topic grant", () => {
      expect(
        decideSend(
          input({
            consentPolicy: "opt_in",
            consentAll: "revoked",
            consentTopic: "granted",
          })
        )
      ).toEqual({ action: "suppress", reason: "unsubscribed:all" })
    })

    it("opt-in: a topic revoke beats a global grant", () => {
      expect(
        decideSend(
          input({
            consentPolicy: "opt_in",
            consentAll: "granted",
            consentTopic: "revoked",
          })
        )
      ).toEqual({ action: "suppress", reason: "unsubscribed:cart_recovery" })
    })
  })

  describe("external consent registry", () => {
    it("suppresses with the registry's reason", () => {
      expect(
        decideSend(input({ registry: { allowed: false, reason: "iys_ret" } }))
      ).toEqual({
        action: "suppress",
        reason: "consent_registry:iys_ret",
      })
    })

    it("falls back to 'refused' when the registry gives no reason", () => {
      expect(decideSend(input({ registry: { allowed: false } }))).toEqual({
        action: "suppress",
        reason: "consent_registry:refused",
      })
    })

    it("sends when the registry allows it, or when there is no registry", () => {
      expect(
        decideSend(input({ registry: { allowed: true, reason: "ignored" } }))
      ).toEqual({ action: "send" })
      expect(decideSend(input({ registry: null }))).toEqual({ action: "send" })
      expect(decideSend(input({ registry: undefined }))).toEqual({
        action: "send",
      })
    })

    it("a registry refusal applies even under opt-out with no local consent record", () => {
      expect(
        decideSend(
          input({ consentPolicy: "opt_out", registry: { allowed: false } })
        )
      ).toEqual({
        action: "suppress",
        reason: "consent_registry:refused",
      })
    })
  })

  describe("paused scope", () => {
    it("suppresses with the paused scope in the reason", () => {
      expect(decideSend(input({ pausedScope: "campaign:camp_123" }))).toEqual({
        action: "suppress",
        reason: "paused:campaign:camp_123",
      })
      expect(decideSend(input({ pausedScope: "topic:nps" }))).toEqual({
        action: "suppress",
        reason: "paused:topic:nps",
      })
    })

    it("does not treat null, undefined or an empty scope as paused", () => {
      expect(decideSend(input({ pausedScope: null }))).toEqual({
        action: "send",
      })
      expect(decideSend(input({ pausedScope: undefined }))).toEqual({
        action: "send",
      })
      expect(decideSend(input({ pausedScope: "" }))).toEqual({ action: "send" })
    })
  })

  describe("frequency caps", () => {
    it("sends while under the daily cap", () => {
      expect(
        decideSend(input({ maxPerDay: 2, recentMarketingSends: [ago(HOUR)] }))
      ).toEqual({ action: "send" })
    })

    it("defers until the oldest send of the last 24 h is 24 h old (input in any order)", () => {
      // Sends 3 h and 20 h ago, cap 2: the one from 20 h ago leaves the window in 4 h.
      const decision = decideSend(
        input({
          maxPerDay: 2,
          recentMarketingSends: [ago(3 * HOUR), ago(20 * HOUR)],
        })
      )
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2025-06-10T16:00:00.000Z"),
        reason: "frequency_cap:day",
      })
    })

    it("over the daily cap, waits until enough sends leave the window to go below it", () => {
      // Sends 1 h, 5 h and 10 h ago, cap 2: both the 10 h and the 5 h sends must age out,
      // so the window frees up 24 h after the 5 h-old send.
      const decision = decideSend(
        input({
          maxPerDay: 2,
          recentMarketingSends: [ago(HOUR), ago(10 * HOUR), ago(5 * HOUR)],
        })
      )
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2025-06-11T07:00:00.000Z"),
        reason: "frequency_cap:day",
      })
    })

    it("does not count a send exactly 24 h old towards the daily cap", () => {
      expect(
        decideSend(
          input({ maxPerDay: 2, recentMarketingSends: [ago(DAY), ago(HOUR)] })
        )
      ).toEqual({
        action: "send",
      })
    })

    it("counts a send 1 ms short of 24 h old towards the daily cap", () => {
      const decision = decideSend(
        input({ maxPerDay: 2, recentMarketingSends: [ago(DAY - 1), ago(HOUR)] })
      )
      expect(decision).toEqual({
        action: "defer",
        until: later(1),
        reason: "frequency_cap:day",
      })
    })

    it("defers until the oldest relevant send of the last 7 days is 7 days old", () => {
      // None in the last 24 h; 3 in the week with a weekly cap of 3: the 6-day-old one frees up tomorrow.
      const decision = decideSend(
        input({
          maxPerDay: 2,
          maxPerWeek: 3,
          recentMarketingSends: [ago(2 * DAY), ago(6 * DAY), ago(4 * DAY)],
        })
      )
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2025-06-11T12:00:00.000Z"),
        reason: "frequency_cap:week",
      })
    })

    it("over the weekly cap, waits for enough sends to leave the 7-day window", () => {
      // 4 sends, cap 3: the 6.5- and 6-day-old sends must both age out; the latter does in 1 day.
      const decision = decideSend(
        input({
          maxPerDay: 5,
          maxPerWeek: 3,
          recentMarketingSends: [
            ago(2 * DAY),
            ago(6.5 * DAY),
            ago(5 * DAY),
            ago(6 * DAY),
          ],
        })
      )
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2025-06-11T12:00:00.000Z"),
        reason: "frequency_cap:week",
      })
    })

    it("reports the weekly cap when both caps are reached", () => {
      // Day cap alone would defer until 2025-06-11T11:00Z; the week cap answers first.
      const decision = decideSend(
        input({
          maxPerDay: 1,
          maxPerWeek: 2,
          recentMarketingSends: [ago(HOUR), ago(3 * DAY)],
        })
      )
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2025-06-14T12:00:00.000Z"),
        reason: "frequency_cap:week",
      })
    })

    it("ignores sends 7 days old or older", () => {
      const decision = decideSend(
        input({
          maxPerDay: 2,
          maxPerWeek: 2,
          recentMarketingSends: [
            ago(7 * DAY),
            ago(8 * DAY),
            ago(30 * DAY),
            ago(2 * DAY),
          ],
        })
      )
      expect(decision).toEqual({ action: "send" })
    })

    it("counts a send 1 ms short of 7 days old towards the weekly cap", () => {
      const decision = decideSend(
        input({
          maxPerDay: 2,
          maxPerWeek: 2,
          recentMarketingSends: [ago(7 * DAY - 1), ago(2 * DAY)],
        })
      )
      expect(decision).toEqual({
        action: "defer",
        until: later(1),
        reason: "frequency_cap:week",
      })
    })

    // A cap of 0 (allowed by the settings schema) never lets marketing through: the decision
    // is a rolling deferral by the cap's window.
    it("with a daily cap of 0, defers by 24 h from now", () => {
      expect(decideSend(input({ maxPerDay: 0 }))).toEqual({
        action: "defer",
        until: new Date("2025-06-11T12:00:00.000Z"),
        reason: "frequency_cap:day",
      })
    })

    it("with a weekly cap of 0, defers by 7 days from now", () => {
      expect(decideSend(input({ maxPerWeek: 0 }))).toEqual({
        action: "defer",
        until: new Date("2025-06-17T12:00:00.000Z"),
        reason: "frequency_cap:week",
      })
    })

    it("takes precedence over quiet hours", () => {
      // 22:30 in Istanbul, with the daily cap reached by sends 2 h and 4 h earlier.
      const now = new Date("2025-06-10T19:30:00.000Z")
      const sends = [
        new Date("2025-06-10T17:30:00.000Z"),
        new Date("2025-06-10T15:30:00.000Z"),
      ]
      expect(decideSend(input({ now, recentMarketingSends: sends }))).toEqual({
        action: "defer",
        until: new Date("2025-06-11T15:30:00.000Z"),
        reason: "frequency_cap:day",
      })
    })
  })

  describe("quiet hours", () => {
    it("defers a send at 22:30 in Istanbul until 08:00 local (05:00 UTC next day)", () => {
      const decision = decideSend(
        input({ now: new Date("2025-06-10T19:30:00.000Z") })
      )
      expect(decision).toEqual({
        action: "defer",
        until: new Date("2025-06-11T05:00:00.000Z"),
        reason: "quiet_hours",
      })
    })

    it("uses the recipient's time zone", () => {
      // 19:30 UTC is 15:30 in New York (EDT): outside 21:00–08:00.
      expect(
        decideSend(
          input({
            now: new Date("2025-06-10T19:30:00.000Z"),
            timeZone: "America/New_York",
          })
        )
      ).toEqual({
        action: "send",
      })
    })

    it("sends outside the window", () => {
      // 15:00 in Istanbul.
      expect(decideSend(input())).toEqual({ action: "send" })
    })

    it("sends inside the window when quiet hours are disabled", () => {
      const decision = decideSend(
        input({
          now: new Date("2025-06-10T19:30:00.000Z"),
          quietHours: { enabled: false, start: "21:00", end: "08:00" },
        })
      )
      expect(decision).toEqual({ action: "send" })
    })

    it("sends when start equals end (empty window)", () => {
      const decision = decideSend(
        input({
          now: new Date("2025-06-10T19:30:00.000Z"),
          quietHours: { enabled: true, start: "22:30", end: "22:30" },
        })
      )
      expect(decision).toEqual({ action: "send" })
    })
  })

  describe("precedence", () => {
    // Start with every rule tripped, then clear the winning rule one at a time.
    const quietNow = new Date("2025-06-10T19:30:00.000Z") // 22:30 in Istanbul
    const steps: Array<[string, Partial<PolicyInput>, string]> = [
      ["suppression", {}, "suppressed:unsubscribe"],
      ["unsubscribed from all", { suppressions: [] }, "unsubscribed:all"],
      [
        "unsubscribed from the topic",
        { consentAll: undefined },
        "unsubscribed:cart_recovery",
      ],
      ["opt-in without consent", { consentTopic: undefined }, "no_consent"],
      [
        "registry refusal",
        { consentTopic: "granted" },
        "consent_registry:iys_ret",
      ],
      [
        "paused scope",
        { registry: { allowed: true } },
        "paused:campaign:camp_1",
      ],
      ["frequency cap", { pausedScope: null }, "frequency_cap:week"],
      ["quiet hours", { recentMarketingSends: [] }, "quiet_hours"],
    ]

    let state: PolicyInput = input({
      now: quietNow,
      consentPolicy: "opt_in",
      suppressions: ["unsubscribe"],
      consentAll: "revoked",
      consentTopic: "revoked",
      registry: { allowed: false, reason: "iys_ret" },
      pausedScope: "campaign:camp_1",
      recentMarketingSends: [
        new Date("2025-06-10T18:30:00.000Z"),
        new Date("2025-06-10T17:30:00.000Z"),
      ],
      maxPerDay: 1,
      maxPerWeek: 2,
    })
    const cases = steps.map(([name, change, reason]) => {
      state = { ...state, ...change }
      return { name, state, reason }
    })

    it.each(cases)(
      "$name wins over everything after it",
      ({ state: current, reason }) => {
        const decision = decideSend(current)
        expect(decision.action === "send" ? "send" : decision.reason).toBe(
          reason
        )
      }
    )

    it("sends once every rule is cleared", () => {
      const last = cases[cases.length - 1].state
      expect(decideSend({ ...last, now: NOW })).toEqual({ action: "send" })
    })
  })
})

describe("localMinutes", () => {
  it("returns minutes since local midnight", () => {
    expect(
      localMinutes(new Date("2025-06-10T19:30:45.500Z"), "Europe/Istanbul")
    ).toBe(22 * 60 + 30)
    expect(localMinutes(new Date("2025-06-10T19:30:00.000Z"), "UTC")).toBe(
      19 * 60 + 30
    )
  })

  it("returns 0 at midnight and 1439 at 23:59 (24-hour clock, no '24:00')", () => {
    expect(localMinutes(new Date("2025-06-10T00:00:00.000Z"), "UTC")).toBe(0)
    expect(
      localMinutes(new Date("2025-06-09T21:00:00.000Z"), "Europe/Istanbul")
    ).toBe(0)
    expect(localMinutes(new Date("2025-06-10T23:59:59.999Z"), "UTC")).toBe(1439)
  })

  it("handles half-hour offsets and date-line crossings", () => {
    // Kolkata is UTC+5:30.
    expect(
      localMinutes(new Date("2025-06-10T00:00:00.000Z"), "Asia/Kolkata")
    ).toBe(5 * 60 + 30)
    // Auckland in June is UTC+12 (NZST): 13:00 UTC is 01:00 the next day.
    expect(
      localMinutes(new Date("2025-06-10T13:00:00.000Z"), "Pacific/Auckland")
    ).toBe(60)
  })

  it("follows DST in America/New_York (spring forward on 2025-03-09 at 02:00)", () => {
    // 06:59 UTC = 01:59 EST; one minute later it is 03:00 EDT.
    expect(
      localMinutes(new Date("2025-03-09T06:59:00.000Z"), "America/New_York")
    ).toBe(1 * 60 + 59)
    expect(
      localMinutes(new Date("2025-03-09T07:00:00.000Z"), "America/New_York")
    ).toBe(3 * 60)
    // Winter vs summer: 12:00 UTC is 07:00 EST in January and 08:00 EDT in July.
    expect(
      localMinutes(new Date("2025-01-15T12:00:00.000Z"), "America/New_York")
    ).toBe(7 * 60)
    expect(
      localMinutes(new Date("2025-07-15T12:00:00.000Z"), "America/New_York")
    ).toBe(8 * 60)
  })

  it("throws a RangeError for an unknown time zone", () => {
    expect(() => localMinutes(NOW, "Mars/Olympus_Mons")).toThrow(RangeError)
  })
})

describe("quietHoursEnd", () => {
  const IST = "Europe/Istanbul" // UTC+3 all year, no DST

  describe("window wrapping midnight (21:00–08:00, Istanbul)", () => {
    const end = (iso: string) =>
      quietHoursEnd(new Date(iso), IST, "21:00", "08:00")

    it("22:30 local ends at 08:00 local the next day", () => {
      expect(end("2025-06-10T19:30:00.000Z")).toEqual(
        new Date("2025-06-11T08:00:00+03:00")
      )
      expect(end("2025-06-10T19:30:00.000Z")).toEqual(
        new Date("2025-06-11T05:00:00.000Z")
      )
    })

    it("01:15 local (after midnight) ends at 08:00 the same local day", () => {
      expect(end("2025-06-10T22:15:00.000Z")).toEqual(
        new Date("2025-06-11T05:00:00.000Z")
      )
    })

    it("includes the start minute and excludes the end minute", () => {
      expect(end("2025-06-10T18:00:00.000Z")).toEqual(
        new Date("2025-06-11T05:00:00.000Z")
      ) // 21:00
      expect(end("2025-06-10T17:59:59.999Z")).toBeNull() // 20:59:59
      expect(end("2025-06-11T04:59:00.000Z")).toEqual(
        new Date("2025-06-11T05:00:00.000Z")
      ) // 07:59
      expect(end("2025-06-11T05:00:00.000Z")).toBeNull() // 08:00
    })

    it("returns the exact end minute regardless of seconds in now", () => {
      const until = end("2025-06-10T19:30:45.678Z")
      expect(until).toEqual(new Date("2025-06-11T05:00:00.000Z"))
      expect(until?.getUTCMilliseconds()).toBe(0)
    })

    it("returns null in the middle of the day", () => {
      expect(end("2025-06-10T12:00:00.000Z")).toBeNull() // 15:00
    })
  })

  describe("window within one day (12:00–14:00, Istanbul)", () => {
    const end = (iso: string) =>
      quietHoursEnd(new Date(iso), IST, "12:00", "14:00")

    it("12:30 local ends at 14:00 local the same day", () => {
      expect(end("2025-06-10T09:30:00.000Z")).toEqual(
        new Date("2025-06-10T11:00:00.000Z")
      )
    })

    it("includes 12:00 and excludes 14:00", () => {
      expect(end("2025-06-10T09:00:00.000Z")).toEqual(
        new Date("2025-06-10T11:00:00.000Z")
      )
      expect(end("2025-06-10T11:00:00.000Z")).toBeNull()
      expect(end("2025-06-10T08:59:00.000Z")).toBeNull() // 11:59
    })

    it("returns null in the evening and just after midnight", () => {
      // A non-wrapping window must not be treated as wrapping.
      expect(end("2025-06-10T19:30:00.000Z")).toBeNull() // 22:30
      expect(end("2025-06-10T21:30:00.000Z")).toBeNull() // 00:30
    })
  })

  it("honours the minutes of start and end (21:30–07:45)", () => {
    const end = (iso: string) =>
      quietHoursEnd(new Date(iso), IST, "21:30", "07:45")
    // 21:15 local: outside.
    expect(end("2025-06-10T18:15:00.000Z")).toBeNull()
    // 21:30 local: inside until 07:45 local the next day.
    expect(end("2025-06-10T18:30:00.000Z")).toEqual(
      new Date("2025-06-11T07:45:00+03:00")
    )
    // 07:44 local: one minute left.
    expect(end("2025-06-11T04:44:00.000Z")).toEqual(
      new Date("2025-06-11T04:45:00.000Z")
    )
    // 07:45 local: outside.
    expect(end("2025-06-11T04:45:00.000Z")).toBeNull()
  })

  it("start == end disables quiet hours at any time", () => {
    for (const iso of [
      "2025-06-10T18:00:00.000Z",
      "2025-06-10T19:30:00.000Z",
      "2025-06-10T02:00:00.000Z",
    ]) {
      expect(quietHoursEnd(new Date(iso), IST, "21:00", "21:00")).toBeNull()
      expect(quietHoursEnd(new Date(iso), IST, "00:00", "00:00")).toBeNull()
    }
  })

  it("handles a window ending at midnight (22:00–00:00)", () => {
    // 23:10 local ends at 00:00 local = 21:00 UTC.
    expect(
      quietHoursEnd(new Date("2025-06-10T20:10:00.000Z"), IST, "22:00", "00:00")
    ).toEqual(new Date("2025-06-10T21:00:00.000Z"))
    expect(
      quietHoursEnd(new Date("2025-06-10T21:10:00.000Z"), IST, "22:00", "00:00")
    ).toBeNull() // 00:10
  })

  it("uses half-hour offsets (Asia/Kolkata, UTC+5:30)", () => {
    // 17:00 UTC = 22:30 IST; 08:00 IST the next day = 02:30 UTC.
    expect(
      quietHoursEnd(
        new Date("2025-06-10T17:00:00.000Z"),
        "Asia/Kolkata",
        "21:00",
        "08:00"
      )
    ).toEqual(new Date("2025-06-11T08:00:00+05:30"))
  })

  describe("America/New_York", () => {
    const NY = "America/New_York"

    it("uses EST in winter and EDT in summer", () => {
      // 22:30 EST on 2025-01-15 → 08:00 EST = 13:00 UTC.
      expect(
        quietHoursEnd(
          new Date("2025-01-16T03:30:00.000Z"),
          NY,
          "21:00",
          "08:00"
        )
      ).toEqual(new Date("2025-01-16T13:00:00.000Z"))
      // 22:30 EDT on 2025-07-15 → 08:00 EDT = 12:00 UTC.
      expect(
        quietHoursEnd(
          new Date("2025-07-16T02:30:00.000Z"),
          NY,
          "21:00",
          "08:00"
        )
      ).toEqual(new Date("2025-07-16T12:00:00.000Z"))
    })

    it("on the DST date, after the switch, ends at 08:00 EDT", () => {
      // 2025-03-09 05:00 EDT (09:00 UTC) → 08:00 EDT = 12:00 UTC.
      expect(
        quietHoursEnd(
          new Date("2025-03-09T09:00:00.000Z"),
          NY,
          "21:00",
          "08:00"
        )
      ).toEqual(new Date("2025-03-09T08:00:00-04:00"))
    })

    it("on the fall-back date, after the switch, ends at 08:00 EST", () => {
      // 2025-11-02 05:00 EST (10:00 UTC) → 08:00 EST = 13:00 UTC.
      expect(
        quietHoursEnd(
          new Date("2025-11-02T10:00:00.000Z"),
          NY,
          "21:00",
          "08:00"
        )
      ).toEqual(new Date("2025-11-02T08:00:00-05:00"))
    })

    // Regression: the end used to be "local minutes left" added to now, off by the DST shift
    // when the window spans a clock change.
    it(
      "a window spanning spring-forward ends at 08:00 EDT, not 09:00 EDT",
      () => {
        // 2025-03-08 22:00 EST (03:00 UTC on the 9th) → 08:00 EDT = 12:00 UTC (code says 13:00 UTC).
        expect(
          quietHoursEnd(
            new Date("2025-03-09T03:00:00.000Z"),
            NY,
            "21:00",
            "08:00"
          )
        ).toEqual(new Date("2025-03-09T08:00:00-04:00"))
      }
    )

    it(
      "a window spanning fall-back ends at 08:00 EST, not 07:00 EST",
      () => {
        // 2025-11-01 22:00 EDT (02:00 UTC on the 2nd) → 08:00 EST = 13:00 UTC (code says 12:00 UTC,
        // which is still inside the quiet window).
        expect(
          quietHoursEnd(
            new Date("2025-11-02T02:00:00.000Z"),
            NY,
            "21:00",
            "08:00"
          )
        ).toEqual(new Date("2025-11-02T08:00:00-05:00"))
      }
    )
  })
})

describe("timeZoneForCountry", () => {
  const FALLBACK = "UTC"

  it.each([
    ["tr", "Europe/Istanbul"],
    ["gb", "Europe/London"],
    ["ie", "Europe/Dublin"],
    ["de", "Europe/Berlin"],
    ["fr", "Europe/Paris"],
    ["nl", "Europe/Amsterdam"],
    ["be", "Europe/Brussels"],
    ["es", "Europe/Madrid"],
    ["pt", "Europe/Lisbon"],
    ["it", "Europe/Rome"],
    ["at", "Europe/Vienna"],
    ["ch", "Europe/Zurich"],
    ["se", "Europe/Stockholm"],
    ["no", "Europe/Oslo"],
    ["dk", "Europe/Copenhagen"],
    ["fi", "Europe/Helsinki"],
    ["pl", "Europe/Warsaw"],
    ["cz", "Europe/Prague"],
    ["gr", "Europe/Athens"],
    ["ro", "Europe/Bucharest"],
    ["us", "America/New_York"],
    ["ca", "America/Toronto"],
    ["mx", "America/Mexico_City"],
    ["br", "America/Sao_Paulo"],
    ["au", "Australia/Sydney"],
    ["nz", "Pacific/Auckland"],
    ["jp", "Asia/Tokyo"],
    ["in", "Asia/Kolkata"],
    ["ae", "Asia/Dubai"],
    ["sa", "Asia/Riyadh"],
    ["za", "Africa/Johannesburg"],
  ])("maps %s to %s, a zone Intl accepts", (code, zone) => {
    expect(timeZoneForCountry(code, FALLBACK)).toBe(zone)
    expect(() =>
      localMinutes(NOW, timeZoneForCountry(code, FALLBACK))
    ).not.toThrow()
  })

  it("is case-insensitive", () => {
    expect(timeZoneForCountry("TR", FALLBACK)).toBe("Europe/Istanbul")
    expect(timeZoneForCountry("Tr", FALLBACK)).toBe("Europe/Istanbul")
    expect(timeZoneForCountry("US", FALLBACK)).toBe("America/New_York")
  })

  it("falls back for unknown, empty or missing codes", () => {
    expect(timeZoneForCountry("zz", "Europe/Berlin")).toBe("Europe/Berlin")
    expect(timeZoneForCountry("", "Europe/Berlin")).toBe("Europe/Berlin")
    expect(timeZoneForCountry(null, "Europe/Berlin")).toBe("Europe/Berlin")
    expect(timeZoneForCountry(undefined, "Europe/Berlin")).toBe("Europe/Berlin")
    expect(timeZoneForCountry(" tr ", "Europe/Berlin")).toBe("Europe/Berlin")
    expect(timeZoneForCountry("tur", "Europe/Berlin")).toBe("Europe/Berlin")
  })

  it("falls back for mixed-case prototype member names (lower-cased, they are not own keys)", () => {
    expect(timeZoneForCountry("toString", FALLBACK)).toBe(FALLBACK)
    expect(timeZoneForCountry("hasOwnProperty", FALLBACK)).toBe(FALLBACK)
  })

  // Regression: the lookup used to read inherited Object.prototype members.
  it.each(["constructor", "__proto__", "CONSTRUCTOR"])(
    "falls back for the prototype property name %s",
    (code) => {
      expect(timeZoneForCountry(code, FALLBACK)).toBe(FALLBACK)
    }
  )
})

describe("isValidTimeZone", () => {
  it("accepts IANA zones Intl knows", () => {
    expect(isValidTimeZone("Europe/Istanbul")).toBe(true)
    expect(isValidTimeZone("UTC")).toBe(true)
  })
  it.each([["Mars/Olympus"], [""], [42], [null], ["x".repeat(100)]])("refuses %p", (zone) => {
    expect(isValidTimeZone(zone)).toBe(false)
  })
})

describe("decideSend: uncapped marketing (a renewal reminder)", () => {
  const full = [ago(1 * HOUR), ago(2 * HOUR), ago(3 * DAY), ago(4 * DAY), ago(5 * DAY)]

  it("is not held back by a full day or week", () => {
    expect(decideSend(input({ uncapped: true, recentMarketingSends: full }))).toEqual({ action: "send" })
    expect(decideSend(input({ recentMarketingSends: full }))).toMatchObject({ action: "defer", reason: "frequency_cap:week" })
  })

  it("still needs consent and waits out quiet hours", () => {
    expect(decideSend(input({ uncapped: true, consentTopic: "revoked" }))).toEqual({ action: "suppress", reason: "unsubscribed:cart_recovery" })
    expect(decideSend(input({ uncapped: true, consentPolicy: "opt_in" }))).toEqual({ action: "suppress", reason: "no_consent" })
    // 20:00 UTC = 23:00 in Istanbul, inside 21:00–08:00: deferred to 08:00 local = 05:00 UTC.
    expect(decideSend(input({ uncapped: true, now: new Date("2025-06-10T20:00:00.000Z"), recentMarketingSends: full }))).toEqual({
      action: "defer",
      until: new Date("2025-06-11T05:00:00.000Z"),
      reason: "quiet_hours",
    })
  })
})

describe("decideSend: priority against the frequency caps", () => {
  // The rule: a message counts only recent sends of its own priority or higher.
  const low = (ms: number) => ({ at: ago(ms), priority: "low" as const })
  const normal = (ms: number) => ({ at: ago(ms), priority: "normal" as const })
  const high = (ms: number) => ({ at: ago(ms), priority: "high" as const })

  it("a survey is not held back by two informational loyalty emails sent an hour ago", () => {
    // The case: "points earned" and "you reached Silver" went out, cap 2 a day.
    const sends = [low(HOUR), low(HOUR)]
    expect(decideSend(input({ topic: "nps", priority: "high", recentMarketingSends: sends }))).toEqual({ action: "send" })
    // A third informational email waits: it counts everything, and the older one leaves the
    // 24 h window at 2025-06-11T11:00Z.
    expect(decideSend(input({ topic: "loyalty", priority: "low", recentMarketingSends: sends }))).toEqual({
      action: "defer",
      until: new Date("2025-06-11T11:00:00.000Z"),
      reason: "frequency_cap:day",
    })
  })

  it("a cart reminder is held back by two earlier high-priority sends, not by normal ones", () => {
    expect(decideSend(input({ priority: "high", recentMarketingSends: [normal(HOUR), normal(2 * HOUR), high(3 * HOUR)] }))).toEqual({
      action: "send",
    })
    expect(decideSend(input({ priority: "high", recentMarketingSends: [normal(HOUR), high(2 * HOUR), high(3 * HOUR)] }))).toEqual({
      action: "defer",
      // The high send from 3 h ago frees the window 21 h from now.
      until: new Date("2025-06-11T09:00:00.000Z"),
      reason: "frequency_cap:day",
    })
  })

  it("an informational email waits behind a survey and a cart reminder sent today", () => {
    expect(decideSend(input({ topic: "loyalty", priority: "low", recentMarketingSends: [high(HOUR), high(5 * HOUR)] }))).toEqual({
      action: "defer",
      until: new Date("2025-06-11T07:00:00.000Z"),
      reason: "frequency_cap:day",
    })
  })

  it("a normal message (the default) counts normal and high sends, not low ones", () => {
    expect(decideSend(input({ recentMarketingSends: [low(HOUR), low(2 * HOUR), normal(3 * HOUR)] }))).toEqual({ action: "send" })
    expect(decideSend(input({ recentMarketingSends: [low(HOUR), normal(2 * HOUR), high(3 * HOUR)] }))).toEqual({
      action: "defer",
      until: new Date("2025-06-11T09:00:00.000Z"),
      reason: "frequency_cap:day",
    })
  })

  it("the weekly cap is weighed the same way", () => {
    // Five low sends this week, weekly cap 5: a survey goes, a loyalty email waits a day.
    const week = [low(2 * DAY), low(3 * DAY), low(4 * DAY), low(5 * DAY), low(6 * DAY)]
    expect(decideSend(input({ priority: "high", recentMarketingSends: week }))).toEqual({ action: "send" })
    expect(decideSend(input({ priority: "low", recentMarketingSends: week }))).toEqual({
      action: "defer",
      until: new Date("2025-06-11T12:00:00.000Z"),
      reason: "frequency_cap:week",
    })
  })

  it("a send of unknown priority (a bare date) counts against every message", () => {
    expect(decideSend(input({ priority: "high", recentMarketingSends: [ago(HOUR), ago(2 * HOUR)] }))).toEqual({
      action: "defer",
      until: new Date("2025-06-11T10:00:00.000Z"),
      reason: "frequency_cap:day",
    })
  })
})
