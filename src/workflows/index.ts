export * from "./retention-settings"
export * from "./messaging"
export * from "./cart-recovery"
export * from "./loyalty"
