import { DEFAULT_PROGRAM } from "../../../modules/loyalty/program"
import { likePattern, pointsWorth } from "../members"

describe("member search pattern", () => {
  it("matches the text as typed, never as LIKE wildcards", () => {
    expect(likePattern("ada")).toBe("%ada%")
    expect(likePattern("50%_off")).toBe("%50\\%\\_off%")
    expect(likePattern("a\\b")).toBe("%a\\\\b%")
  })
})

describe("points worth", () => {
  it("uses the currency's point value, else the default, to the cent", () => {
    const settings = { ...DEFAULT_PROGRAM, pointValue: 0.01, pointValueByCurrency: { try: 0.3 } }
    expect(pointsWorth(settings, "eur", 125)).toBe(1.25)
    expect(pointsWorth(settings, "try", 125)).toBe(37.5)
    expect(pointsWorth(settings, "usd", 1)).toBe(0.01)
    expect(pointsWorth(settings, "eur", 0)).toBe(0)
  })
})
