import { nextOrder, sortDirection } from "../sort-order"

describe("sortDirection", () => {
  it("reads the direction of one field from an order value", () => {
    expect(sortDirection("created_at", "created_at")).toBe("asc")
    expect(sortDirection("-created_at", "created_at")).toBe("desc")
    expect(sortDirection("-created_at", "email")).toBeNull()
    // A field whose name starts like another is not that field.
    expect(sortDirection("-created_at_day", "created_at")).toBeNull()
  })
})

describe("nextOrder", () => {
  it("sorts a date column newest first on the first click, then reverses", () => {
    expect(nextOrder("email", "created_at", "desc")).toBe("-created_at")
    expect(nextOrder("-created_at", "created_at", "desc")).toBe("created_at")
    expect(nextOrder("created_at", "created_at", "desc")).toBe("-created_at")
  })

  it("sorts a text column A→Z on the first click, then Z→A", () => {
    expect(nextOrder("-created_at", "email", "asc")).toBe("email")
    expect(nextOrder("email", "email", "asc")).toBe("-email")
    expect(nextOrder("-email", "email", "asc")).toBe("email")
  })
})
