import {
  eventTime,
  MAX_EVENT_TIMESTAMP,
  normalizeSendgridMessageId,
  parseSendgridEvents,
} from "../parse-events"

const base = {
  email: "ada@example.com",
  timestamp: 1740830400,
  "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
  sg_message_id:
    "Ou4Ko_RsQJ-M6SjNLYfMMw.filterdrecv-5645d9c87f-6r2ch-1-5DDA19F5-3E.0",
  retention_message_id: "rmsg_01",
  category: ["retention", "cart-recovery"],
}

describe("parseSendgridEvents", () => {
  it("normalizes every event type SendGrid sends", () => {
    const body = [
      { ...base, event: "processed", sg_event_id: "e-processed" },
      {
        ...base,
        event: "deferred",
        sg_event_id: "e-deferred",
        response: "400 try again later",
        attempt: "5",
      },
      {
        ...base,
        event: "delivered",
        sg_event_id: "e-delivered",
        response: "250 OK",
      },
      { ...base, event: "open", sg_event_id: "e-open", sg_machine_open: false },
      {
        ...base,
        event: "click",
        sg_event_id: "e-click",
        url: "https://shop.example.com/cart",
      },
      {
        ...base,
        event: "bounce",
        sg_event_id: "e-bounce",
        type: "bounce",
        reason: "550 5.1.1 unknown user",
        status: "5.1.1",
      },
      {
        ...base,
        event: "dropped",
        sg_event_id: "e-dropped",
        reason: "Bounced Address",
      },
      { ...base, event: "spamreport", sg_event_id: "e-spam" },
      { ...base, event: "unsubscribe", sg_event_id: "e-unsub" },
      {
        ...base,
        event: "group_unsubscribe",
        sg_event_id: "e-gunsub",
        asm_group_id: 42,
      },
      {
        ...base,
        event: "group_resubscribe",
        sg_event_id: "e-gresub",
        asm_group_id: 42,
      },
    ]

    const { events, malformed } = parseSendgridEvents(body)

    expect(malformed).toBe(0)
    expect(events.map((e) => e.event)).toEqual(body.map((e) => e.event))
    expect(events[0]).toEqual({
      sgEventId: "e-processed",
      sgMessageId: "Ou4Ko_RsQJ-M6SjNLYfMMw",
      event: "processed",
      email: "ada@example.com",
      timestamp: new Date("2025-03-01T12:00:00Z"),
      retentionMessageId: "rmsg_01",
      reason: undefined,
      url: undefined,
      type: undefined,
      raw: body[0],
    })
    expect(events[1].reason).toBe("400 try again later")
    expect(events[4].url).toBe("https://shop.example.com/cart")
    expect(events[5]).toMatchObject({
      type: "bounce",
      reason: "550 5.1.1 unknown user",
    })
    expect(events[6].reason).toBe("Bounced Address")
  })

  it("skips and counts items it cannot read", () => {
    const good = { ...base, event: "delivered", sg_event_id: "ok" }
    const { events, malformed } = parseSendgridEvents([
      good,
      null,
      "delivered",
      [good],
      { ...good, sg_event_id: undefined },
      { ...good, sg_event_id: "" },
      { ...good, event: "teleported" },
      { ...good, email: undefined },
      { ...good, email: "nobody" },
      { ...good, timestamp: "1740830400" },
      { ...good, timestamp: Number.NaN },
    ])

    expect(events.map((e) => e.sgEventId)).toEqual(["ok"])
    expect(malformed).toBe(10)
  })

  it("skips events whose timestamp is out of range, never throwing, and keeps the rest", () => {
    const good = { ...base, event: "delivered", sg_event_id: "ok" }
    const bad = [1e20, -1, 0, 1.7e12, Number.POSITIVE_INFINITY, "1740830400", null, true, {}]
    const parsed = parseSendgridEvents([
      ...bad.map((timestamp, i) => ({ ...good, sg_event_id: `bad-${i}`, timestamp })),
      good,
    ])
    expect(parsed.events.map((e) => e.sgEventId)).toEqual(["ok"])
    expect(parsed.malformed).toBe(bad.length)
    // Every kept event has a date the database (and toISOString) accepts.
    expect(() => parsed.events.map((e) => e.timestamp.toISOString())).not.toThrow()
  })

  it("accepts timestamps up to the end of year 9999", () => {
    expect(eventTime(MAX_EVENT_TIMESTAMP)?.toISOString()).toBe("9999-12-31T23:59:59.000Z")
    expect(eventTime(MAX_EVENT_TIMESTAMP + 1)).toBeUndefined()
    expect(eventTime(1e20)).toBeUndefined()
  })

  it("skips events with a NUL byte in a stored field (PostgreSQL refuses it)", () => {
    const good = { ...base, event: "bounce", sg_event_id: "ok" }
    const { events, malformed } = parseSendgridEvents([
      { ...good, sg_event_id: "nul-reason", reason: "550 \u0000 unknown" },
      { ...good, sg_event_id: "nul\u0000id" },
      good,
    ])
    expect(events.map((e) => e.sgEventId)).toEqual(["ok"])
    expect(malformed).toBe(2)
  })

  it("keeps the first of events repeated within one batch and counts the repeats", () => {
    const first = { ...base, event: "open", sg_event_id: "same", timestamp: 1740830400 }
    const repeat = { ...first, timestamp: 1740830500 }
    const { events, duplicates, malformed } = parseSendgridEvents([first, repeat, repeat])
    expect(events).toHaveLength(1)
    expect(events[0].timestamp).toEqual(new Date(1740830400 * 1000))
    expect({ duplicates, malformed }).toEqual({ duplicates: 2, malformed: 0 })
  })

  it("keeps events without a message id or custom args", () => {
    const { events } = parseSendgridEvents([
      {
        email: "ada@example.com",
        timestamp: 1,
        event: "unsubscribe",
        sg_event_id: "x",
      },
    ])
    expect(events[0]).toMatchObject({
      sgMessageId: undefined,
      retentionMessageId: undefined,
    })
  })

  it("reads the raw body as a string or Buffer", () => {
    const raw = JSON.stringify([{ ...base, event: "open", sg_event_id: "e1" }])
    expect(parseSendgridEvents(raw).events).toHaveLength(1)
    expect(parseSendgridEvents(Buffer.from(raw)).events).toHaveLength(1)
  })

  it.each([
    ["an object", { event: "open" }],
    ["invalid JSON", "[{"],
    ["null", null],
    ["a number", 42],
  ])("reports %s as one malformed item", (_, body) => {
    expect(parseSendgridEvents(body)).toEqual({ events: [], malformed: 1, duplicates: 0 })
  })

  it("returns nothing for an empty batch", () => {
    expect(parseSendgridEvents([])).toEqual({ events: [], malformed: 0, duplicates: 0 })
  })
})

describe("normalizeSendgridMessageId", () => {
  it.each([
    [
      "Ou4Ko_RsQJ-M6SjNLYfMMw.filterdrecv-5645d9c87f-6r2ch-1-5DDA19F5-3E.0",
      "Ou4Ko_RsQJ-M6SjNLYfMMw",
    ],
    [
      "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
      "14c5d75ce93.dfd.64b469",
    ],
    ["abc123.recvd-5f5c5c7b4-9ph8v-1-64B8E8F4-5.0", "abc123"],
    ["Ou4Ko_RsQJ-M6SjNLYfMMw", "Ou4Ko_RsQJ-M6SjNLYfMMw"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeSendgridMessageId(input)).toBe(expected)
  })
})
