import { campaignField } from "../campaign-fields"
import { loyaltyField } from "../loyalty"
import { formatCodeMap, parseCodeMap, parseDecimal, parseNumberField, splitFieldErrors } from "../number-input"

describe("parseDecimal", () => {
  it("reads a decimal point or a decimal comma, and nothing else", () => {
    expect(parseDecimal("0.05")).toBe(0.05)
    expect(parseDecimal(" 0,05 ")).toBe(0.05)
    expect(parseDecimal("24")).toBe(24)
    expect(parseDecimal("-5")).toBe(-5)
    expect(parseDecimal("")).toBeNull()
    expect(parseDecimal("   ")).toBeNull()
    for (const bad of ["-", "abc", "1.000,5", "1,2,3", "5e3", "--5"]) {
      expect(parseDecimal(bad)).toBeNaN()
    }
  })
})

describe("parseNumberField", () => {
  it("refuses a negative number where the field starts at 0 instead of dropping the sign", () => {
    expect(parseNumberField("-5", { min: 0 })).toEqual({ ok: false, error: "must not be negative" })
    expect(parseNumberField("5", { min: 0 })).toEqual({ ok: true, value: 5 })
  })

  it("says what is wrong with an empty, partial or out-of-range field", () => {
    expect(parseNumberField("", { min: 0 })).toEqual({ ok: false, error: "is required" })
    expect(parseNumberField("-", { min: 0 })).toEqual({ ok: false, error: "must be a number" })
    expect(parseNumberField("1.5", { min: 1, integer: true })).toEqual({ ok: false, error: "must be a whole number" })
    expect(parseNumberField("0", { min: 1 })).toEqual({ ok: false, error: "must be at least 1" })
    expect(parseNumberField("60", { max: 50 })).toEqual({ ok: false, error: "must be at most 50" })
    expect(parseNumberField("024")).toEqual({ ok: true, value: 24 })
  })
})

describe("parseCodeMap", () => {
  it("keeps a decimal comma inside its number", () => {
    expect(parseCodeMap("usd=1, eur=1, try=0,05", "=")).toEqual({ ok: true, value: { usd: 1, eur: 1, try: 0.05 } })
    expect(parseCodeMap("TRY=0,3;eur=0.01", "=")).toEqual({ ok: true, value: { try: 0.3, eur: 0.01 } })
    expect(parseCodeMap("eur:20,5, usd:25", ":")).toEqual({ ok: true, value: { eur: 20.5, usd: 25 } })
    expect(parseCodeMap("  ", "=")).toEqual({ ok: true, value: {} })
  })

  it("names the code whose number is wrong", () => {
    expect(parseCodeMap("eur=1, try=cheap", "=")).toEqual({ ok: false, error: "try must be a number" })
    expect(parseCodeMap("eur=-1", "=")).toEqual({ ok: false, error: "eur must not be negative" })
    expect(parseCodeMap("eur 1", "=")).toEqual({ ok: false, error: '"eur 1" should look like eur=1' })
  })

  it("reads back what it formats", () => {
    const map = { eur: 0.05, usd: 20 }
    expect(parseCodeMap(formatCodeMap(map, ":"), ":")).toEqual({ ok: true, value: map })
  })
})

describe("splitFieldErrors", () => {
  it("splits a 400 into one message per field path", () => {
    expect(
      splitFieldErrors('steps.0.template: must be a registered cart-recovery template; pointsPerCurrencyUnit: "05" must be a 3-letter currency code; or else')
    ).toEqual([
      { path: "steps.0.template", message: "must be a registered cart-recovery template" },
      // A "; " not followed by a field path stays in its message.
      { path: "pointsPerCurrencyUnit", message: '"05" must be a 3-letter currency code; or else' },
    ])
    expect(splitFieldErrors("Something went wrong")).toEqual([{ path: "", message: "Something went wrong" }])
  })
})

describe("campaignField", () => {
  it("names a step field with the step number the merchant sees", () => {
    expect(campaignField("steps.0.template")).toEqual({ key: "steps.0.template", label: "Step 1 · Template" })
    expect(campaignField("steps.2.discount.value")).toEqual({ key: "steps.2.discount.value", label: "Step 3 · Discount" })
    expect(campaignField("steps.1.subjects.3")).toEqual({ key: "steps.1.subjects", label: "Step 2 · Subject variants" })
    expect(campaignField("steps.4")).toEqual({ key: "steps.4", label: "Step 5" })
  })

  it("maps campaign fields and record keys below them to the field", () => {
    expect(campaignField("holdout_percent")).toEqual({ key: "holdout_percent", label: "Holdout" })
    expect(campaignField("filters.min_value.eur")).toEqual({ key: "filters.min_value", label: "Minimum cart value" })
    expect(campaignField("quiet_hours.end")).toEqual({ key: "quiet_hours.end", label: "Quiet until" })
    expect(campaignField("colour")).toBeNull()
  })
})

describe("loyaltyField", () => {
  it("uses the settings form's labels", () => {
    expect(loyaltyField("maxRedeemShare")).toEqual({ key: "maxRedeemShare", label: "Maximum share of the order paid with points" })
    expect(loyaltyField("pointsPerCurrencyUnit.eur")).toEqual({ key: "pointsPerCurrencyUnit", label: "Points per currency unit" })
    expect(loyaltyField("tiers.1.threshold")).toEqual({ key: "tiers", label: "Tier 2 · Threshold" })
    expect(loyaltyField("bogus")).toBeNull()
  })
})
