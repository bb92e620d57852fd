import { Module } from "@medusajs/framework/utils"
import LoyaltyModuleService from "./service"

export const RETENTION_LOYALTY_MODULE = "retention_loyalty"

export default Module(RETENTION_LOYALTY_MODULE, { service: LoyaltyModuleService })

export type { LoyaltyModuleService }
export * from "./program"
export type { AccountRow, EntryRow, NewEntry, OpenHold } from "./service"
export { cartOfHoldKey, holdKey } from "./service"
