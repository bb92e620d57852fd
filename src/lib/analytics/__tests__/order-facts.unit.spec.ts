import { ulid } from "ulid"
import { monthBefore } from "../../../modules/customer-segments/service"
import { orderIdFloor } from "../order-facts"

describe("orderIdFloor", () => {
  it("sorts below every order id Medusa generates at that moment or later, and above earlier ones", () => {
    for (const t of [0, 1, 1_700_000_000_000, Date.UTC(2026, 11, 5, 17, 0, 0, 123)]) {
      const id = `order_${ulid(t)}`
      expect(id > orderIdFloor(new Date(t))).toBe(true)
      expect(id < orderIdFloor(new Date(t + 1))).toBe(true)
      // C (byte) order and the usual database collations agree on digits and capitals.
      expect([orderIdFloor(new Date(t + 1)), id, orderIdFloor(new Date(t))].sort()).toEqual([orderIdFloor(new Date(t)), id, orderIdFloor(new Date(t + 1))])
    }
  })
})

describe("monthBefore", () => {
  it("goes back one calendar month, clamping to the shorter month's last day", () => {
    expect(monthBefore(new Date("2025-03-15T12:00:00Z")).toISOString()).toBe("2025-02-15T12:00:00.000Z")
    expect(monthBefore(new Date("2025-03-31T01:15:00Z")).toISOString()).toBe("2025-02-28T01:15:00.000Z")
    expect(monthBefore(new Date("2024-03-31T01:15:00Z")).toISOString()).toBe("2024-02-29T01:15:00.000Z")
    expect(monthBefore(new Date("2025-01-10T00:00:00Z")).toISOString()).toBe("2024-12-10T00:00:00.000Z")
  })
})
