export * from "./retention-settings"
export * from "./messaging"
