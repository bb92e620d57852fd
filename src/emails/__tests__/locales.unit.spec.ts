import {
  DEFAULT_LOCALE,
  SUPPORTED_LOCALES,
  isLocale,
  resolveLocale,
} from "../locales"

describe("resolveLocale", () => {
  it("supports English and Turkish, English by default", () => {
    expect(SUPPORTED_LOCALES).toEqual(["en", "tr"])
    expect(DEFAULT_LOCALE).toBe("en")
    expect(isLocale("tr")).toBe(true)
    expect(isLocale("tr-TR")).toBe(false)
  })

  it.each([
    [["tr-TR"], "tr"],
    [["TR_tr"], "tr"],
    [["en-GB"], "en"],
    [["  tr  "], "tr"],
    [["de-DE", "tr"], "tr"],
    [[null, undefined, "", "tr"], "tr"],
    [["fr-FR,tr;q=0.8,en;q=0.5"], "tr"],
    [["de", "fr"], "en"],
    [[], "en"],
  ])("%j resolves to %s", (candidates, expected) => {
    expect(resolveLocale(candidates, "en")).toBe(expected)
  })

  it("uses the given fallback when nothing matches", () => {
    expect(resolveLocale(["de"], "tr")).toBe("tr")
    expect(resolveLocale([undefined])).toBe("en")
  })
})
