export * from "./update-retention-settings"
export * from "./record-scheduler-heartbeat"
