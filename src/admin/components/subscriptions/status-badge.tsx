import { StatusBadge } from "@medusajs/ui"
import { runStatusColor, runStatusLabel, statusColor, statusLabel } from "../../lib/subscriptions"

export const SubscriptionStatusBadge = ({ status }: { status: string }) => (
  <StatusBadge color={statusColor(status)} className="whitespace-nowrap">
    {statusLabel(status)}
  </StatusBadge>
)

export const RunStatusBadge = ({ status, title }: { status: string; title?: string }) => (
  <StatusBadge color={runStatusColor(status)} className="whitespace-nowrap" title={title}>
    {runStatusLabel(status)}
  </StatusBadge>
)
