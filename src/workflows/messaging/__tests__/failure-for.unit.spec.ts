import { failureFor } from "../steps/render-and-deliver"

describe("failureFor", () => {
  // The shape Medusa's Notification Module throws when several sends of one call fail.
  const aggregate = [
    "Failed to send notification with id noti_1:\nSendGrid permanent failure (HTTP 400): bad sender",
    "Failed to send notification with id noti_2:\nSendGrid transient failure (HTTP 503) after 4 attempts: down",
  ].join("\n")

  it("picks out the part about one notification", () => {
    expect(failureFor(aggregate, "noti_1")).toBe("SendGrid permanent failure (HTTP 400): bad sender")
    expect(failureFor(aggregate, "noti_2")).toBe("SendGrid transient failure (HTTP 503) after 4 attempts: down")
  })

  it("does not confuse ids that share a prefix, and answers null for one that did not fail", () => {
    expect(failureFor(aggregate, "noti_")).toBeNull()
    expect(failureFor(aggregate, "noti_3")).toBeNull()
    expect(failureFor("", "noti_1")).toBeNull()
  })
})
