import { Module } from "@medusajs/framework/utils"
import RetentionSettingsModuleService from "./service"

export const RETENTION_SETTINGS_MODULE = "retention_settings"

export default Module(RETENTION_SETTINGS_MODULE, { service: RetentionSettingsModuleService })

export * from "./sections"
export type { SectionState, SaveSectionResult } from "./service"
export type { RetentionSettingsModuleService }
