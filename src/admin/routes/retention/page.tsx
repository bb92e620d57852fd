import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Sparkles } from "@medusajs/icons"
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { Overview, sdk } from "../../lib/sdk"

const RetentionOverviewPage = () => {
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "overview"],
    queryFn: () => sdk.client.fetch<Overview>("/admin/retention/overview"),
    refetchInterval: 60_000,
  })

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1">Retention</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Cart recovery, NPS surveys, loyalty points and auto-replenish subscriptions, running in
            your own store.
          </Text>
        </div>
        <div className="flex items-center justify-between px-6 py-4">
          <Text weight="plus">Scheduled jobs</Text>
          {isLoading ? (
            <Text size="small">Checking…</Text>
          ) : error ? (
            <StatusBadge color="red">Could not load status</StatusBadge>
          ) : data?.scheduler.healthy ? (
            <StatusBadge color="green">
              Running · last run {new Date(data.scheduler.last_run_at ?? "").toLocaleString()}
            </StatusBadge>
          ) : (
            <StatusBadge color="orange">
              {data?.scheduler.last_run_at
                ? `Stale · last run ${new Date(data.scheduler.last_run_at).toLocaleString()}`
                : "Not running yet: start a Medusa process with workerMode shared or worker"}
            </StatusBadge>
          )}
        </div>
      </Container>
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h2">Capabilities</Heading>
        </div>
        {(data?.features ?? []).map((feature) => (
          <div key={feature.key} className="flex items-center justify-between gap-4 px-6 py-4">
            <div className="flex flex-col">
              <Link to={`/retention/${feature.key}`} className="txt-compact-medium-plus text-ui-fg-interactive">
                {feature.title}
              </Link>
              <Text size="small" className="text-ui-fg-subtle">
                {feature.description}
              </Text>
            </div>
            <StatusBadge color={feature.status === "available" ? "green" : "grey"}>
              {feature.status === "available" ? "Available" : "Not built yet"}
            </StatusBadge>
          </div>
        ))}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Retention", icon: Sparkles })

export default RetentionOverviewPage
