import { changedStrings, describeReason, STATUS_LABELS, stringLabel } from "../messaging"

describe("message reasons in words", () => {
  it("names the frequency cap with the store's limit when known", () => {
    expect(describeReason("frequency_cap:day", { maxMarketingPerDay: 2 })).toBe("the 2 emails per day limit")
    expect(describeReason("frequency_cap:week", { maxMarketingPerWeek: 1 })).toBe("the 1 email per week limit")
    expect(describeReason("frequency_cap:day")).toBe("the daily email limit")
  })

  it("reads the policy's other reasons", () => {
    expect(describeReason("quiet_hours")).toBe("quiet hours")
    expect(describeReason("unsubscribed:all")).toBe("unsubscribed from all emails")
    expect(describeReason("unsubscribed:cart_recovery")).toBe("unsubscribed from Cart recovery")
    expect(describeReason("suppressed:hard_bounce")).toBe("address bounced (suppressed)")
    expect(describeReason("suppressed:manual")).toBe("blocked by hand (suppressed)")
    expect(describeReason("paused:campaign:abc")).toBe("sending paused (campaign:abc)")
    expect(describeReason("no_consent")).toBe("no recorded consent (opt-in required)")
  })

  it("leaves an unknown reason readable and an empty one empty", () => {
    expect(describeReason("some_new_reason")).toBe("some new reason")
    expect(describeReason(null)).toBe("")
  })

  it("has a label for every status", () => {
    expect(STATUS_LABELS.deferred).toBe("Held back")
    expect(STATUS_LABELS.suppressed).toBe("Not sent")
  })
})

describe("template string fields", () => {
  it("keeps only the strings that differ from the shipped ones, and no unknown key", () => {
    const shipped = { heading: "You left something behind", cta: "Return to your cart" }
    expect(changedStrings({ heading: "You left something behind", cta: "Finish my order", stray: "x" }, shipped)).toEqual({ cta: "Finish my order" })
    expect(changedStrings(shipped, shipped)).toEqual({})
  })

  it("labels a key in words", () => {
    expect(stringLabel("discountExpiry")).toBe("Discount expiry")
    expect(stringLabel("cta")).toBe("Button text")
    expect(stringLabel("greetingNamed")).toBe("Greeting named")
  })
})
