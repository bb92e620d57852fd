import { Module } from "@medusajs/framework/utils"
import FlowsModuleService from "./service"

export const RETENTION_FLOWS_MODULE = "retention_flows"

export default Module(RETENTION_FLOWS_MODULE, { service: FlowsModuleService })

export type { FlowsModuleService }
export * from "./flow-config"
export * from "./engine"
