export * from "./parse-events"
export * from "./replay-window"
export * from "./verify-signature"
