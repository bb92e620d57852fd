import { Module } from "@medusajs/framework/utils"
import CustomerSegmentsModuleService from "./service"

export const RETENTION_SEGMENTS_MODULE = "retention_segments"

export default Module(RETENTION_SEGMENTS_MODULE, { service: CustomerSegmentsModuleService })

export type { CustomerSegmentsModuleService }
export * from "./rules"
export type { OrderFactInput, OrderFactSyncState } from "./types"
