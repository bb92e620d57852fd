export * from "./track-cart-activity"
export * from "./process-due-recovery-cart"
export * from "./attribute-order-to-recovery"
export * from "./disable-expired-recovery-promotions"
