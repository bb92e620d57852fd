export * from "./compute-rfm-segments"
export * from "./record-order-facts"
export * from "./sync-order-facts"
