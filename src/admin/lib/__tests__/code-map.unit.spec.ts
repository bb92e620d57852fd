import { formatCodeMap, parseCodeMap } from "../code-map"

describe("code map text", () => {
  it("round-trips a map", () => {
    expect(formatCodeMap({ tr: "tr", cy: "tr" })).toBe("tr=tr, cy=tr")
    expect(parseCodeMap("tr=tr, cy=tr")).toEqual({ tr: "tr", cy: "tr" })
    expect(parseCodeMap(formatCodeMap({ tr: "tr" }))).toEqual({ tr: "tr" })
  })

  it("reads an empty line as an empty map and ignores stray commas and spaces", () => {
    expect(parseCodeMap("")).toEqual({})
    expect(parseCodeMap(" , tr = tr ,, ")).toEqual({ tr: "tr" })
    expect(formatCodeMap(null)).toBe("")
  })

  it("keeps a malformed entry for the server to name", () => {
    expect(parseCodeMap("TR")).toEqual({ TR: "" })
  })
})
