import { Module } from "@medusajs/framework/utils"
import ProductAffinityModuleService from "./service"

export const RETENTION_PRODUCT_AFFINITY_MODULE = "retention_product_affinity"

export default Module(RETENTION_PRODUCT_AFFINITY_MODULE, { service: ProductAffinityModuleService })

export type { ProductAffinityModuleService }
