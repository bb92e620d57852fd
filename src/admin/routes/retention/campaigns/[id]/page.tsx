import { Badge, Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import {
  Campaign,
  CampaignEditor,
  DailyChart,
  delay,
  Funnel,
  HeldBackList,
  money,
  STATUS_COLOR,
  Stats,
  useCampaignActions,
} from "../../../../components/campaigns/campaign-parts"
import { sdk } from "../../../../lib/sdk"

const discountText = (d: Campaign["steps"][number]["discount"]) =>
  !d ? "–" : d.type === "percentage" ? `${d.value}% off, ${delay(d.expires_in_hours)}` : `${d.value} ${d.currency_code?.toUpperCase() ?? ""} off, ${delay(d.expires_in_hours)}`

/** A campaign's own page (Retention → Campaigns → name): funnel, daily chart, steps, holds. */
const CampaignPage = () => {
  const { id } = useParams()
  const navigate = useNavigate()
  const [editing, setEditing] = useState<Campaign | null>(null)
  const { confirmToggle, confirmArchive, duplicate } = useCampaignActions({
    onDuplicated: (c) => navigate(`/retention/campaigns/${c.id}`),
    onArchived: () => navigate("/retention/campaigns"),
  })
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "cart-recovery", "campaign", id],
    queryFn: () => sdk.client.fetch<{ campaign: Campaign; stats?: Stats }>(`/admin/retention/cart-recovery/campaigns/${id}`),
    retry: false,
  })

  const back = (
    <Link to="/retention/campaigns" className="txt-compact-small text-ui-fg-subtle hover:text-ui-fg-base">
      ‹ Campaigns
    </Link>
  )
  if (isLoading) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="flex flex-col gap-3 px-6 py-4">
          <div className="h-6 w-48 animate-pulse rounded bg-ui-bg-component" />
          <div className="h-32 animate-pulse rounded bg-ui-bg-component" />
        </Container>
      </div>
    )
  }
  if (error || !data) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="px-6 py-4">
          <Text>This campaign does not exist or was archived.</Text>
        </Container>
      </div>
    )
  }
  const { campaign: c, stats } = data
  return (
    <div className="flex flex-col gap-y-3">
      {back}
      <Container className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <div className="flex flex-col gap-1">
          <div className="flex items-center gap-2">
            <Heading>{c.name}</Heading>
            <Badge size="2xsmall" color={STATUS_COLOR[c.status]}>
              {c.status}
            </Badge>
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Holdout {c.holdout_percent}% · attribution {c.attribution_window_days} days · revenue {money(stats?.revenue)}
          </Text>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="small" variant="secondary" onClick={() => setEditing(c)}>
            Edit
          </Button>
          <Button size="small" variant="secondary" onClick={() => confirmToggle(c)}>
            {c.status === "active" ? "Pause" : "Activate"}
          </Button>
          <Button size="small" variant="secondary" onClick={() => duplicate.mutate(c)} isLoading={duplicate.isPending}>
            Duplicate
          </Button>
          <Button size="small" variant="transparent" onClick={() => confirmArchive(c)}>
            Archive
          </Button>
        </div>
      </Container>
      {stats && (
        <Container className="flex flex-col gap-y-4 px-6 py-4">
          <Heading level="h2">Funnel</Heading>
          <Funnel stats={stats} />
          <Heading level="h2">Last 30 days</Heading>
          <DailyChart daily={stats.daily ?? []} />
        </Container>
      )}
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h2">Steps</Heading>
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Step</Table.HeaderCell>
                <Table.HeaderCell>After</Table.HeaderCell>
                <Table.HeaderCell>Template</Table.HeaderCell>
                <Table.HeaderCell>Subject</Table.HeaderCell>
                <Table.HeaderCell>Discount</Table.HeaderCell>
                <Table.HeaderCell>Sends</Table.HeaderCell>
                <Table.HeaderCell>Opens</Table.HeaderCell>
                <Table.HeaderCell>Clicks</Table.HeaderCell>
                <Table.HeaderCell>Recovered</Table.HeaderCell>
                <Table.HeaderCell>Revenue</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {c.steps.flatMap((step, index) => {
                const rows = (stats?.by_step ?? []).filter((r) => r.step === index + 1)
                const variants = rows.length ? rows : [{ step: index + 1, variant: 0, sends: 0, opens: 0, clicks: 0, recoveries: 0, revenue: {} }]
                return variants.map((r, vi) => (
                  <Table.Row key={`${index}:${r.variant}`}>
                    <Table.Cell>{vi === 0 ? index + 1 : ""}</Table.Cell>
                    <Table.Cell>{vi === 0 ? delay(step.delay_hours) : ""}</Table.Cell>
                    <Table.Cell>{vi === 0 ? step.template : ""}</Table.Cell>
                    <Table.Cell className="max-w-[240px] truncate">
                      {step.subjects[r.variant] ?? (r.variant === 0 ? "Template subject" : `#${r.variant + 1}`)}
                    </Table.Cell>
                    <Table.Cell>{vi === 0 ? discountText(step.discount) : ""}</Table.Cell>
                    <Table.Cell>{r.sends}</Table.Cell>
                    <Table.Cell>{r.opens}</Table.Cell>
                    <Table.Cell>{r.clicks}</Table.Cell>
                    <Table.Cell>{r.recoveries}</Table.Cell>
                    <Table.Cell>{money(r.revenue)}</Table.Cell>
                  </Table.Row>
                ))
              })}
            </Table.Body>
          </Table>
        </div>
        <HeldBackList held={stats?.held_back ?? []} />
      </Container>
      {editing && <CampaignEditor key={editing.id} campaign={editing} onClose={() => setEditing(null)} />}
    </div>
  )
}

export default CampaignPage
