import { planProviderEvents, ProviderEventInput } from "../provider-events"

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s))

const event = (sg: string, type: string, extra: Partial<ProviderEventInput> = {}): ProviderEventInput => ({
  sg_event_id: sg,
  type,
  email: "Ada@Example.com",
  message_id: "rmsg_1",
  provider_message_id: null,
  bounce_type: null,
  occurred_at: at(0),
  data: {},
  ...extra,
})

describe("planProviderEvents", () => {
  it("moves each message once per type, at its earliest event time", () => {
    const events = [
      event("d2", "delivered", { occurred_at: at(9) }),
      event("d1", "delivered", { occurred_at: at(3) }),
      event("o1", "open", { occurred_at: at(20) }),
      event("c1", "click", { message_id: "rmsg_2", occurred_at: at(30) }),
    ]
    const fresh = events.map((e) => ({ sg_event_id: e.sg_event_id, message_id: e.message_id, type: e.type }))
    const plan = planProviderEvents(events, fresh)
    expect(plan.forward.delivered).toEqual([{ id: "rmsg_1", at: at(3).toISOString() }])
    expect(plan.forward.open).toEqual([{ id: "rmsg_1", at: at(20).toISOString() }])
    expect(plan.forward.click).toEqual([{ id: "rmsg_2", at: at(30).toISOString() }])
    expect(plan.suppressions).toEqual([])
  })

  it("acts only on fresh events: duplicates already recorded change nothing", () => {
    const events = [event("b1", "bounce", { bounce_type: "bounce" }), event("s1", "spamreport")]
    const plan = planProviderEvents(events, [])
    expect(plan).toEqual({ forward: { delivered: [], open: [], click: [] }, bounced: [], dropped: [], suppressions: [], complaintMessages: [] })
  })

  it("ignores fresh rows it cannot match and events without a message, but still suppresses their addresses", () => {
    const events = [event("u1", "unsubscribe", { message_id: null }), event("d1", "delivered", { message_id: null })]
    const plan = planProviderEvents(events, [
      { sg_event_id: "u1", message_id: null, type: "unsubscribe" },
      { sg_event_id: "d1", message_id: null, type: "delivered" },
      { sg_event_id: "not-in-batch", message_id: "rmsg_9", type: "bounce" },
    ])
    expect(plan.forward.delivered).toEqual([])
    expect(plan.bounced).toEqual([])
    expect(plan.suppressions).toEqual([{ email: "ada@example.com", reason: "unsubscribe", source: "sendgrid:unsubscribe", message_id: null }])
  })

  it("suppresses hard bounces, complaints and unsubscribes once per address and reason; a soft bounce only marks the message", () => {
    const events = [
      event("b1", "bounce", { bounce_type: "bounce" }),
      event("b2", "bounce", { bounce_type: "bounce", email: "ada@example.com", message_id: "rmsg_2" }),
      event("b3", "bounce", { bounce_type: "blocked", email: "bob@example.com", message_id: "rmsg_3" }),
      event("s1", "spamreport", { email: "cem@example.com", message_id: "rmsg_4" }),
      event("x1", "dropped", { email: "dan@example.com", message_id: "rmsg_5" }),
    ]
    const plan = planProviderEvents(
      events,
      events.map((e) => ({ sg_event_id: e.sg_event_id, message_id: e.message_id, type: e.type }))
    )
    expect(plan.bounced.sort()).toEqual(["rmsg_1", "rmsg_2", "rmsg_3"])
    expect(plan.dropped).toEqual(["rmsg_5"])
    expect(plan.complaintMessages).toEqual(["rmsg_4"])
    expect(plan.suppressions).toEqual([
      { email: "ada@example.com", reason: "hard_bounce", source: "sendgrid:bounce", message_id: "rmsg_1" },
      { email: "cem@example.com", reason: "spam_complaint", source: "sendgrid:spamreport", message_id: "rmsg_4" },
    ])
  })

  it("plans 16,000 events with one entry per message and type (no per-event scans)", () => {
    const events: ProviderEventInput[] = []
    for (let i = 0; i < 16_000; i++) {
      events.push(event(`e${i}`, ["delivered", "open", "click", "bounce"][i % 4], { message_id: `rmsg_${i % 4000}`, occurred_at: at(i % 60) }))
    }
    const plan = planProviderEvents(
      events,
      events.map((e) => ({ sg_event_id: e.sg_event_id, message_id: e.message_id, type: e.type }))
    )
    const touched = plan.forward.delivered.length + plan.forward.open.length + plan.forward.click.length + plan.bounced.length
    expect(touched).toBe(4000)
    expect(plan.suppressions).toHaveLength(1)
  })
})
