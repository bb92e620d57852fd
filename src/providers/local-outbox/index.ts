import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { LocalOutboxNotificationService } from "./service"

export type { LocalOutboxOptionsInput, OutboxRecord } from "./service"
export { LocalOutboxNotificationService }

export default ModuleProvider(Modules.NOTIFICATION, {
  services: [LocalOutboxNotificationService],
})
