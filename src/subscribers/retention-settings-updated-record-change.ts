import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { RETENTION_SETTINGS_MODULE } from "../modules/retention-settings"
import type RetentionSettingsModuleService from "../modules/retention-settings/service"
import {
  RETENTION_SETTINGS_UPDATED,
  RetentionSettingsUpdatedPayload,
} from "../workflows/retention-settings/update-retention-settings"

/** Keeps the settings audit trail. Idempotent: keyed by (section, version). */
export default async function recordSettingsChange({
  event,
  container,
}: SubscriberArgs<RetentionSettingsUpdatedPayload>) {
  const service: RetentionSettingsModuleService = container.resolve(RETENTION_SETTINGS_MODULE)
  await service.recordChange({
    section: event.data.section,
    version: event.data.version,
    changed_by: event.data.changed_by,
    changes: event.data.changes,
  })
}

export const config: SubscriberConfig = {
  event: RETENTION_SETTINGS_UPDATED,
  context: { subscriberId: "retention-settings-updated-record-change" },
}
