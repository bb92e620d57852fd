import {
  addressLines,
  allowedActions,
  describeApiError,
  eventDetail,
  eventOrders,
  fieldErrors,
  formatDateTime,
  formatDay,
  formatMoney,
  formatMoneyList,
  intervalLabel,
  itemsSummary,
  nextRenewal,
  parseIntervalCode,
  parseIntervalList,
  pauseUntilIso,
  planToDraft,
  providerLabel,
  relativeDay,
  renewalOutcomeMessage,
  statusColor,
  statusLabel,
  validatePlanDraft,
} from "../subscriptions"

describe("interval codes", () => {
  it("reads days, weeks and months as a person says them", () => {
    expect(intervalLabel("2w")).toBe("Every 2 weeks")
    expect(intervalLabel("1w")).toBe("Every week")
    expect(intervalLabel("1m")).toBe("Every month")
    expect(intervalLabel("3m")).toBe("Every 3 months")
    expect(intervalLabel("30d")).toBe("Every 30 days")
    expect(intervalLabel("1d")).toBe("Every day")
  })

  it("shows a code it does not know as it is", () => {
    expect(intervalLabel("fortnightly")).toBe("fortnightly")
    expect(intervalLabel("0w")).toBe("0w")
  })

  it("accepts up to a year, as the module does", () => {
    expect(parseIntervalCode("12m")).toEqual({ count: 12, unit: "m" })
    expect(parseIntervalCode("52w")).toEqual({ count: 52, unit: "w" })
    expect(parseIntervalCode("366d")).toEqual({ count: 366, unit: "d" })
    expect(parseIntervalCode("367d")).toBeNull()
    expect(parseIntervalCode("13m")).toBeNull()
    expect(parseIntervalCode("2 w")).toBeNull()
    expect(parseIntervalCode("04w")).toBeNull()
  })

  it("splits a typed list on commas and spaces, lower-cases it and drops repeats", () => {
    expect(parseIntervalList("2w, 4w, 6w")).toEqual({ ok: true, value: ["2w", "4w", "6w"] })
    expect(parseIntervalList(" 2W 4w,,4w ; 1m ")).toEqual({ ok: true, value: ["2w", "4w", "1m"] })
    expect(parseIntervalList("2 w, 30 d")).toEqual({ ok: true, value: ["2w", "30d"] })
  })

  it("names the first code that is not an interval, and an empty list", () => {
    const bad = parseIntervalList("2w, 2 weeks")
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error).toMatch(/^"2 weeks" is not an interval/)
    expect(parseIntervalList("  ")).toEqual({ ok: false, error: "add at least one interval, e.g. 2w, 4w" })
  })
})

describe("plan form", () => {
  const draft = { intervals: "2w, 4w, 6w", default_interval: "4w", discount_percent: "10", min_orders: "0", active: true }

  it("turns the typed form into the request body", () => {
    expect(validatePlanDraft(draft)).toEqual({
      ok: true,
      value: { intervals: ["2w", "4w", "6w"], default_interval: "4w", discount_percent: 10, min_orders: 0, active: true },
    })
  })

  it("reads an empty discount as no discount (not 0) and a decimal comma", () => {
    const none = validatePlanDraft({ ...draft, discount_percent: "" })
    expect(none.ok && none.value.discount_percent).toBeNull()
    const comma = validatePlanDraft({ ...draft, discount_percent: "7,5" })
    expect(comma.ok && comma.value.discount_percent).toBe(7.5)
  })

  it("takes the only interval as the default when none is chosen", () => {
    const one = validatePlanDraft({ ...draft, intervals: "1m", default_interval: "" })
    expect(one.ok && one.value.default_interval).toBe("1m")
  })

  it("keeps each mistake at its field", () => {
    const result = validatePlanDraft({ intervals: "2w, 4w", default_interval: "6w", discount_percent: "95", min_orders: "1.5", active: true })
    expect(result).toEqual({
      ok: false,
      errors: {
        default_interval: "must be one of the intervals (2w, 4w)",
        discount_percent: "must be at most 90",
        min_orders: "must be a whole number",
      },
    })
    const empty = validatePlanDraft({ ...draft, intervals: "", default_interval: "" })
    expect(!empty.ok && Object.keys(empty.errors).sort()).toEqual(["default_interval", "intervals"])
    const negative = validatePlanDraft({ ...draft, discount_percent: "-5" })
    expect(!negative.ok && negative.errors.discount_percent).toBe("must not be negative")
  })

  it("fills the form from a saved plan, and a new plan with no lock-in", () => {
    expect(
      planToDraft({ id: "p", product_id: "prod", variant_id: null, intervals: ["2w", "4w"], default_interval: "4w", discount_percent: null, min_orders: 3, active: false })
    ).toEqual({ intervals: "2w, 4w", default_interval: "4w", discount_percent: "", min_orders: "3", active: false })
    expect(planToDraft(null)).toEqual({ intervals: "", default_interval: "", discount_percent: "", min_orders: "0", active: true })
  })
})

describe("API errors", () => {
  it("says a status refusal as it is and names other fields by their label", () => {
    expect(describeApiError("status: the subscription is canceled")).toBe("the subscription is canceled")
    expect(describeApiError("until: must be in the future", { until: "Pause until" })).toBe("Pause until: must be in the future")
    expect(describeApiError("something broke")).toBe("something broke")
  })

  it("splits a 400 per form field", () => {
    expect(fieldErrors("default_interval: must be one of intervals; intervals.1: bad; product_id: unknown", ["intervals", "default_interval"])).toEqual({
      byField: { default_interval: "must be one of intervals", intervals: "bad" },
      other: ["product_id: unknown"],
    })
  })
})

describe("display helpers", () => {
  it("labels and colours every status, and an unknown one plainly", () => {
    expect(statusLabel("payment_failed")).toBe("Payment failed")
    expect(statusColor("active")).toBe("green")
    expect(statusColor("canceled")).toBe("grey")
    expect(statusLabel("on_hold")).toBe("On hold")
    expect(statusColor("on_hold")).toBe("grey")
  })

  it("formats money per currency on one line", () => {
    expect(formatMoneyList([])).toBe("–")
    const line = formatMoneyList([
      { currency_code: "eur", amount: 12.5 },
      { currency_code: "usd", amount: 30 },
    ])
    expect(line).toContain(" · ")
    expect(line).toMatch(/12[.,]50/)
    expect(line).toMatch(/30[.,]00/)
  })

  it("writes money with the currency's own symbol, as Medusa's admin does", () => {
    expect(formatMoney(1137.2, "try")).toMatch(/₺\s?1[.,]137[.,]20/)
    expect(formatMoney(26.5, "eur")).toMatch(/€\s?26[.,]50|26[.,]50\s?€/)
    expect(formatMoney(5, "xyz")).toMatch(/5/)
  })

  it("writes dates like Medusa's admin, a run's calendar day as that day everywhere", () => {
    expect(formatDay("2026-12-04T15:00:00.000Z")).toMatch(/^Dec \d{1,2}, 2026$/)
    // A period is a calendar date: Dec 4 whatever the time zone (read at UTC midnight it would
    // be Dec 3 west of Greenwich).
    expect(formatDay("2026-12-04")).toBe("Dec 4, 2026")
    expect(formatDay(null)).toBe("–")
    expect(formatDay("soon")).toBe("soon")
    expect(formatDateTime("2026-12-04T15:05:00.000Z")).toMatch(/^Dec \d{1,2}, 2026, \d{1,2}:05 (AM|PM)$/)
  })

  it("summarises items with quantities and variants", () => {
    expect(
      itemsSummary([
        { variant_id: "v1", product_id: "p1", quantity: 2, title: "Beans", variant_title: "1 kg" },
        { variant_id: "v2", product_id: "p2", quantity: 1, title: "Filters", variant_title: null },
      ])
    ).toBe("2 × Beans (1 kg), Filters")
    expect(itemsSummary([])).toBe("–")
  })

  it("counts days by calendar day", () => {
    const now = new Date(2026, 0, 10, 23, 0)
    expect(relativeDay(new Date(2026, 0, 10, 1, 0).toISOString(), now)).toBe("today")
    expect(relativeDay(new Date(2026, 0, 11, 0, 30).toISOString(), now)).toBe("tomorrow")
    expect(relativeDay(new Date(2026, 0, 15).toISOString(), now)).toBe("in 5 days")
    expect(relativeDay(new Date(2026, 0, 7).toISOString(), now)).toBe("3 days ago")
  })

  it("says why there is no next renewal, and shows a payment retry", () => {
    const base = { period_at: "2026-01-10T09:00:00.000Z", next_run_at: "2026-01-10T09:00:00.000Z", paused_until: null }
    expect(nextRenewal({ ...base, status: "active" })).toMatchObject({ date: base.period_at, note: null })
    expect(nextRenewal({ ...base, status: "active", next_run_at: "2026-01-13T09:00:00.000Z" }).note).toMatch(/^payment retry/)
    expect(nextRenewal({ ...base, status: "paused" }).text).toBe("Paused until resumed")
    expect(nextRenewal({ ...base, status: "paused", paused_until: "2026-02-01T00:00:00.000Z" }).text).toMatch(/^Paused until /)
    expect(nextRenewal({ ...base, status: "payment_failed" })).toMatchObject({ date: null, text: "On hold" })
    expect(nextRenewal({ ...base, status: "canceled" }).text).toBe("–")
  })

  it("names a payment provider as Medusa's admin does", () => {
    expect(providerLabel("pp_system_default")).toBe("System (DEFAULT)")
    expect(providerLabel("pp_stripe-blik_stripe")).toBe("Stripe Blik (STRIPE)")
    expect(providerLabel("manual")).toBe("manual")
  })

  it("writes an address as its lines that are set", () => {
    expect(
      addressLines({ first_name: "Ada", last_name: "Lovelace", address_1: "1 Main St", city: "Berlin", postal_code: "10115", country_code: "de", company: null })
    ).toEqual(["Ada Lovelace", "1 Main St", "10115 Berlin", "DE"])
    expect(addressLines(null)).toEqual([])
  })

  it("reads an event's detail", () => {
    expect(eventDetail({ from: "2w", to: "4w" })).toBe("from Every 2 weeks to Every 4 weeks")
    expect(eventDetail({ reason: "too much coffee" })).toBe("reason: too much coffee")
    expect(eventDetail({ order_id: "order_1", attempts: 2 })).toBe("order id: order_1 · attempts: 2")
    expect(eventDetail(null)).toBe("")
    // A period is a date; the page links orders itself and leaves them out of the words.
    expect(eventDetail({ period: "2026-11-26", order_id: "order_1" }, ["order_id", "origin_order_id"])).toBe("period: Nov 26, 2026")
    expect(eventOrders({ period: "2026-11-26", order_id: "order_1" })).toEqual([["Order", "order_1"]])
    expect(eventOrders({ interval: "4w", origin_order_id: "order_0" })).toEqual([["First order", "order_0"]])
    expect(eventOrders(null)).toEqual([])
  })
})

describe("actions", () => {
  it("offers only what the status allows", () => {
    expect(allowedActions("active")).toEqual({
      skip: true,
      pause: true,
      resume: false,
      cancel: true,
      run_now: true,
      change_interval: true,
      payment_updated: false,
    })
    expect(allowedActions("paused")).toMatchObject({ resume: true, run_now: false, skip: true, payment_updated: false })
    expect(allowedActions("payment_failed")).toMatchObject({ skip: false, pause: false, resume: false, cancel: true, run_now: false, payment_updated: true })
    expect(Object.values(allowedActions("canceled")).some(Boolean)).toBe(false)
  })

  it("says what a run now or a payment retry did", () => {
    expect(renewalOutcomeMessage("ordered", "#20")).toEqual({ ok: true, text: "Renewal ordered: order #20" })
    expect(renewalOutcomeMessage("ordered")).toEqual({ ok: true, text: "Renewal ordered" })
    expect(renewalOutcomeMessage("payment_retry_scheduled").ok).toBe(false)
    expect(renewalOutcomeMessage("payment_failed").text).toMatch(/on hold/)
    expect(renewalOutcomeMessage("skipped_out_of_stock").text).toMatch(/^Out of stock/)
    expect(renewalOutcomeMessage("busy").text).toMatch(/already running/)
    expect(renewalOutcomeMessage(undefined)).toEqual({ ok: true, text: "Renewal started: its run shows below" })
  })

  it("turns a date input into the start of that day, and refuses anything else", () => {
    expect(pauseUntilIso("2026-03-01")).toBe(new Date(2026, 2, 1).toISOString())
    expect(pauseUntilIso("")).toBeNull()
    expect(pauseUntilIso("1/3/2026")).toBeNull()
  })
})
