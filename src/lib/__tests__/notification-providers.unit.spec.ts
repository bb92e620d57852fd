import { SendgridMarketingNotificationService } from "../../providers/sendgrid-marketing/service"
import { LocalOutboxNotificationService } from "../../providers/local-outbox/service"
import { canReadProviderRegistry, directProviderFor } from "../notification-providers"

// The shape of @medusajs/notification 2.21's provider registry that directProviderFor reads;
// the HTTP tests check it against the real module.
function moduleWith(entry: { id: string; is_enabled?: boolean } | undefined, instance: unknown) {
  return {
    notificationProviderService_: {
      getProviderForChannels: async (channel: string) => (channel === "retention_email" ? entry : undefined),
      retrieveProviderRegistration: (id: string) => {
        if (id !== entry?.id) throw new Error(`no provider ${id}`)
        return instance
      },
    },
  }
}

const logger = { warn: () => undefined }
const sendgrid = new SendgridMarketingNotificationService({ logger }, { apiKey: "SG.x", from: "shop@example.com" })

describe("directProviderFor", () => {
  it("answers the plugin's own provider loaded for the channel, under the store's id", async () => {
    const direct = await directProviderFor(moduleWith({ id: "marketing-mail", is_enabled: true }, sendgrid), "retention_email")
    expect(direct?.id).toBe("marketing-mail")

    const outbox = new LocalOutboxNotificationService({ logger }, { directory: "/tmp/retention-unused-outbox" })
    expect((await directProviderFor(moduleWith({ id: "outbox" }, outbox), "retention_email"))?.id).toBe("outbox")
  })

  it("answers null, so the email goes through createNotifications, for anything it cannot vouch for", async () => {
    class SomeoneElsesProvider {
      static identifier = "resend"
      async send() {
        return { id: "x" }
      }
    }
    expect(await directProviderFor(moduleWith({ id: "resend" }, new SomeoneElsesProvider()), "retention_email")).toBeNull()
    expect(await directProviderFor(moduleWith({ id: "off", is_enabled: false }, sendgrid), "retention_email")).toBeNull()
    expect(await directProviderFor(moduleWith(undefined, sendgrid), "retention_email")).toBeNull()
    expect(await directProviderFor(moduleWith({ id: "sg" }, sendgrid), "another_channel")).toBeNull()
    // A Notification Module whose internals changed shape: the send step warns once.
    expect(await directProviderFor({}, "retention_email")).toBeNull()
    expect(await directProviderFor(null, "retention_email")).toBeNull()
    expect(canReadProviderRegistry({})).toBe(false)
    expect(canReadProviderRegistry(moduleWith({ id: "resend" }, new SomeoneElsesProvider()))).toBe(true)
    const throwing = moduleWith({ id: "sg" }, sendgrid)
    throwing.notificationProviderService_.retrieveProviderRegistration = () => {
      throw new Error("AwilixResolutionError")
    }
    expect(await directProviderFor(throwing, "retention_email")).toBeNull()
  })
})
