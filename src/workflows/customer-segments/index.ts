export * from "./compute-rfm-segments"
