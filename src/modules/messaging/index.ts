import { Module } from "@medusajs/framework/utils"
import MessagingModuleService from "./service"

export const RETENTION_MESSAGING_MODULE = "retention_messaging"

export default Module(RETENTION_MESSAGING_MODULE, { service: MessagingModuleService })

export type { MessagingModuleService }
export * from "./policy"
export type { LoggedMessage, MessageRow, NewMessage, PolicyContext } from "./service"
