import { fillDays, niceMax, shortDay } from "../daily-chart"

describe("daily chart helpers", () => {
  it("fills the last N UTC days with zeros where there is no row, oldest first", () => {
    const points = fillDays([{ day: "2026-12-03", sends: 4, recoveries: 1 }], ["sends", "recoveries"], 3, new Date("2026-12-04T23:30:00Z"))
    expect(points).toEqual([
      { day: "2026-12-02", sends: 0, recoveries: 0 },
      { day: "2026-12-03", sends: 4, recoveries: 1 },
      { day: "2026-12-04", sends: 0, recoveries: 0 },
    ])
  })

  it("rounds the axis up to 1, 2 or 5 times a power of ten", () => {
    expect(niceMax(0)).toBe(1)
    expect(niceMax(3)).toBe(5)
    expect(niceMax(7)).toBe(10)
    expect(niceMax(11)).toBe(20)
    expect(niceMax(20)).toBe(20)
    expect(niceMax(430)).toBe(500)
  })

  it("writes a day as Medusa's admin does", () => {
    expect(shortDay("2026-12-04")).toBe("Dec 4")
  })
})
