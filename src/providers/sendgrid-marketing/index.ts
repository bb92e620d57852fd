import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { SendgridMarketingNotificationService } from "./service"

export * from "./errors"
export type { MarketingEmailDataInput } from "./email-data"
export type { SendgridMarketingOptionsInput } from "./options"
export { SendgridMarketingNotificationService }

export default ModuleProvider(Modules.NOTIFICATION, {
  services: [SendgridMarketingNotificationService],
})
