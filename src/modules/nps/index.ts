import { Module } from "@medusajs/framework/utils"
import NpsModuleService from "./service"

export const RETENTION_NPS_MODULE = "retention_nps"

export default Module(RETENTION_NPS_MODULE, { service: NpsModuleService })

export type { NpsModuleService }
export * from "./scoring"
