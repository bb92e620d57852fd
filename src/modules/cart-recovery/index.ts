import { Module } from "@medusajs/framework/utils"
import CartRecoveryModuleService from "./service"

export const RETENTION_CART_RECOVERY_MODULE = "retention_cart_recovery"

export default Module(RETENTION_CART_RECOVERY_MODULE, { service: CartRecoveryModuleService })

export type { CartRecoveryModuleService }
export * from "./campaign-config"
export * from "./sequence"
