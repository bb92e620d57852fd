export * from "./schedule-nps-survey"
export * from "./send-nps-survey"
export * from "./send-detractor-alert"
export * from "./award-nps-response-points"
