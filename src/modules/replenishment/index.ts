import { Module } from "@medusajs/framework/utils"
import ReplenishmentModuleService from "./service"

export const RETENTION_REPLENISHMENT_MODULE = "retention_replenishment"

export default Module(RETENTION_REPLENISHMENT_MODULE, { service: ReplenishmentModuleService })

export type { ReplenishmentModuleService }
export * from "./schedule"
