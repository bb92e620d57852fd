import { StatusBadge } from "@medusajs/ui"
import { STATUS_LABELS } from "../../lib/messaging"

type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const COLORS: Record<string, BadgeColor> = {
  queued: "grey",
  sending: "blue",
  in_progress: "blue",
  sent: "green",
  delivered: "green",
  opened: "purple",
  clicked: "purple",
  deferred: "orange",
  // A temporary provider failure; sent again automatically, with backoff, for a day.
  retrying: "orange",
  suppressed: "grey",
  failed: "red",
  bounced: "red",
  // The process died mid-send: nobody knows whether it went out.
  unknown: "orange",
}

export const MessageStatusBadge = ({ status, title }: { status: string; title?: string }) => (
  <StatusBadge color={COLORS[status] ?? "grey"} title={title}>
    {STATUS_LABELS[status] ?? status.replace(/_/g, " ")}
  </StatusBadge>
)
