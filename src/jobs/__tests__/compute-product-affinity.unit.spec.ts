import { affinityDue } from "../compute-product-affinity"

const at = (iso: string) => new Date(iso)

describe("affinityDue", () => {
  it("computes at once when nothing was ever computed", () => {
    expect(affinityDue(at("2030-01-01T14:40:00Z"), null)).toBe(true)
  })

  it("computes once in the nightly hour", () => {
    const lastNight = at("2030-01-01T02:40:00Z")
    expect(affinityDue(at("2030-01-02T02:40:00Z"), lastNight)).toBe(true)
    // A second tick in the same hour, or a duplicate delivery, finds it done.
    expect(affinityDue(at("2030-01-02T02:41:00Z"), at("2030-01-02T02:40:30Z"))).toBe(false)
  })

  it("waits for the night at other hours, unless a night was missed", () => {
    expect(affinityDue(at("2030-01-02T14:40:00Z"), at("2030-01-01T14:40:00Z"))).toBe(false)
    expect(affinityDue(at("2030-01-02T01:40:00Z"), at("2030-01-01T02:40:00Z"))).toBe(false)
    expect(affinityDue(at("2030-01-02T05:40:00Z"), at("2030-01-01T02:40:00Z"))).toBe(true)
    // After a first computation in the afternoon, the night still recomputes (12 h later).
    expect(affinityDue(at("2030-01-02T02:40:00Z"), at("2030-01-01T14:40:00Z"))).toBe(true)
  })
})
