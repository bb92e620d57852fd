export * from "./send-retention-emails"
export * from "./types"
