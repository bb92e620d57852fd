import { isWithinReplayWindow } from "../replay-window"

const NOW = Date.parse("2025-03-01T12:00:00Z")
const nowSeconds = NOW / 1000

describe("isWithinReplayWindow", () => {
  it.each([
    [String(nowSeconds), true],
    [String(nowSeconds - 600), true],
    [String(nowSeconds - 601), false],
    [String(nowSeconds + 600), true],
    [String(nowSeconds + 601), false],
  ])("with the default 10 minutes, %s is %s", (timestamp, expected) => {
    expect(isWithinReplayWindow(timestamp, NOW)).toBe(expected)
  })

  it("takes a custom window, numbers and Dates", () => {
    expect(isWithinReplayWindow(nowSeconds - 90, NOW, 60)).toBe(false)
    expect(isWithinReplayWindow(nowSeconds - 30, NOW, 60)).toBe(true)
    expect(isWithinReplayWindow(new Date(NOW - 30_000), NOW, 60)).toBe(true)
  })

  it.each(["", "soon", "1.5", "-1", "1e3"])("rejects %j", (timestamp) => {
    expect(isWithinReplayWindow(timestamp, NOW)).toBe(false)
  })

  it("rejects an invalid Date", () => {
    expect(isWithinReplayWindow(new Date("nope"), NOW)).toBe(false)
  })
})
