export * from "./retention-settings"
