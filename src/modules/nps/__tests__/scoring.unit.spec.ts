import { BURST_WINDOW_SECONDS, classifyScore, computeNps, detectScanner, MIN_HUMAN_CLICK_SECONDS, summarize, trimClicks, weekStart } from "../scoring"

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000).toISOString()

describe("classifyScore", () => {
  it("puts 0–6 in detractors, 7–8 in passives and 9–10 in promoters", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(classifyScore)).toEqual([
      ...Array(7).fill("detractor"),
      "passive",
      "passive",
      "promoter",
      "promoter",
    ])
  })

  it.each([-1, 11, 7.5, Number.NaN])("refuses %p", (score) => {
    expect(() => classifyScore(score)).toThrow(RangeError)
  })
})

describe("computeNps", () => {
  it("is % promoters minus % detractors, passives in the denominator", () => {
    expect(computeNps({ promoters: 5, passives: 3, detractors: 2 })).toBe(30)
    expect(computeNps({ promoters: 0, passives: 0, detractors: 4 })).toBe(-100)
    expect(computeNps({ promoters: 1, passives: 1, detractors: 1 })).toBe(0)
    expect(computeNps({ promoters: 2, passives: 1, detractors: 0 })).toBe(66.7)
  })

  it("is null without responses", () => {
    expect(computeNps({ promoters: 0, passives: 0, detractors: 0 })).toBeNull()
  })
})

describe("detectScanner", () => {
  const sent = new Date("2030-01-01T10:00:00Z")

  it("accepts a single click long after the send", () => {
    expect(detectScanner({ sentAt: sent, clicks: [{ score: 8, at: at(sent, 3600) }] })).toEqual({ scanner: false })
  })

  it("flags a click faster than a person could read the email", () => {
    expect(detectScanner({ sentAt: sent, clicks: [{ score: 8, at: at(sent, MIN_HUMAN_CLICK_SECONDS - 1) }] })).toEqual({
      scanner: true,
      reason: "too_fast",
    })
  })

  it("flags several different scores within seconds (every link followed)", () => {
    const clicks = [0, 1, 2].map((score, i) => ({ score, at: at(sent, 3600 + i) }))
    expect(detectScanner({ sentAt: sent, clicks })).toEqual({ scanner: true, reason: "burst" })
  })

  it("lets a person change their mind once, and again after the window", () => {
    const two = [
      { score: 9, at: at(sent, 3600) },
      { score: 7, at: at(sent, 3602) },
    ]
    expect(detectScanner({ sentAt: sent, clicks: two })).toEqual({ scanner: false })
    const later = [...two, { score: 5, at: at(sent, 3602 + BURST_WINDOW_SECONDS + 1) }]
    expect(detectScanner({ sentAt: sent, clicks: later })).toEqual({ scanner: false })
  })

  it("does not count the same score clicked twice as a burst", () => {
    const clicks = [8, 8, 8, 8].map((score, i) => ({ score, at: at(sent, 3600 + i) }))
    expect(detectScanner({ sentAt: sent, clicks })).toEqual({ scanner: false })
  })
})

describe("trimClicks", () => {
  it("drops clicks that can no longer take part in a burst", () => {
    const now = new Date("2030-01-01T10:10:00Z")
    const clicks = [
      { score: 1, at: at(now, -3600) },
      { score: 2, at: at(now, -1) },
    ]
    expect(trimClicks(clicks, now)).toEqual([clicks[1]])
  })
})

describe("summarize (the JavaScript dashboard)", () => {
  it("computes 30/90/all-time NPS, distribution and weekly trend", () => {
    const now = new Date("2030-03-31T12:00:00Z")
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86400_000)
    const rows = [
      { score: 10, confirmed_at: daysAgo(1) },
      { score: 3, confirmed_at: daysAgo(2) },
      { score: 8, confirmed_at: daysAgo(40) },
      { score: 9, confirmed_at: daysAgo(200) },
    ]
    const s = summarize(rows, now)
    expect(s).toMatchObject({ nps_30: 0, nps_90: 0, nps_all: 25, responses_30: 2, responses_90: 3, responses_all: 4 })
    expect(s.distribution).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1])
    expect(s.weekly.reduce((n, w) => n + w.responses, 0)).toBe(3)
  })

  it("starts weeks on Monday (like Postgres date_trunc)", () => {
    expect(weekStart(new Date("2030-03-31T12:00:00Z"))).toBe("2030-03-25")
    expect(weekStart(new Date("2030-03-25T00:00:00Z"))).toBe("2030-03-25")
  })
})
