import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Navigate, useNavigate, useSearchParams } from "react-router-dom"
import {
  audiencesOverlap,
  Campaign,
  CampaignEditor,
  delay,
  money,
  pct,
  STATUS_COLOR,
  useCampaignActions,
} from "../../../components/campaigns/campaign-parts"
import { sdk } from "../../../lib/sdk"

const CampaignsPage = () => {
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [editing, setEditing] = useState<Campaign | "new" | null>(null)
  const { confirmToggle, confirmArchive, duplicate, refresh } = useCampaignActions({ onDuplicated: (c) => setEditing(c) })
  const { data, isLoading } = useQuery({
    queryKey: ["retention", "cart-recovery", "campaigns"],
    queryFn: () => sdk.client.fetch<{ campaigns: Campaign[] }>("/admin/retention/cart-recovery/campaigns"),
  })
  const reorder = useMutation({
    mutationFn: (ids: string[]) => sdk.client.fetch("/admin/retention/cart-recovery/campaign-priority", { method: "POST", body: { ids } }),
    onSuccess: () => {
      toast.success("Priority saved")
      refresh()
    },
    onError: (e: Error) => toast.error(e.message),
  })
  const campaigns = data?.campaigns ?? []
  const move = (index: number, by: -1 | 1) => {
    const ids = campaigns.map((c) => c.id)
    const [id] = ids.splice(index, 1)
    ids.splice(index + by, 0, id)
    reorder.mutate(ids)
  }
  // Active campaigns a cart could match at once: the first in the list takes it.
  const active = campaigns.filter((c) => c.status === "active")
  const overlaps = active.flatMap((a, i) => active.slice(i + 1).filter((b) => audiencesOverlap(a.filters, b.filters)).map((b) => [a, b] as const))

  // Links written before campaigns had their own page (?campaign=<id>) still arrive there.
  const legacy = params.get("campaign")
  if (legacy) return <Navigate to={`/retention/campaigns/${legacy}`} replace />

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Abandoned-cart campaigns</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              Sequences sent to carts with an email that went quiet; attributed revenue and the lift over the holdout group.
            </Text>
          </div>
          <Button size="small" onClick={() => setEditing("new")}>
            New campaign
          </Button>
        </div>
        {overlaps.length > 0 && (
          <div className="px-6 py-3">
            {overlaps.map(([a, b]) => (
              <Text key={`${a.id}:${b.id}`} size="small" className="text-ui-fg-subtle">
                ⚠ {a.name} and {b.name} can both take the same cart: {a.name} does, being higher in the list. Narrow an audience or change the order.
              </Text>
            ))}
          </div>
        )}
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Priority</Table.HeaderCell>
              <Table.HeaderCell>Name</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Steps</Table.HeaderCell>
              <Table.HeaderCell>Sends</Table.HeaderCell>
              <Table.HeaderCell>Opens</Table.HeaderCell>
              <Table.HeaderCell>Clicks</Table.HeaderCell>
              <Table.HeaderCell>Recovered</Table.HeaderCell>
              <Table.HeaderCell>Revenue</Table.HeaderCell>
              <Table.HeaderCell>Incremental</Table.HeaderCell>
              <Table.HeaderCell />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {isLoading && (
              <Table.Row>
                <Table.Cell>Loading…</Table.Cell>
              </Table.Row>
            )}
            {campaigns.map((c, index) => (
              <Table.Row key={c.id} className="cursor-pointer" onClick={() => navigate(`/retention/campaigns/${c.id}`)}>
                <Table.Cell onClick={(e) => e.stopPropagation()}>
                  <div className="flex items-center gap-x-1">
                    <Text size="small" className="w-5 text-right">
                      {index + 1}
                    </Text>
                    <Button size="small" variant="transparent" aria-label={`Move ${c.name} up`} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)}>
                      ↑
                    </Button>
                    <Button
                      size="small"
                      variant="transparent"
                      aria-label={`Move ${c.name} down`}
                      disabled={index === campaigns.length - 1 || reorder.isPending}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </Button>
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <a
                    href={`/app/retention/campaigns/${c.id}`}
                    className="text-ui-fg-interactive"
                    onClick={(e) => {
                      e.preventDefault()
                      e.stopPropagation()
                      navigate(`/retention/campaigns/${c.id}`)
                    }}
                  >
                    {c.name}
                  </a>
                </Table.Cell>
                <Table.Cell>
                  <Badge size="2xsmall" color={STATUS_COLOR[c.status]}>
                    {c.status}
                  </Badge>
                </Table.Cell>
                <Table.Cell>{c.steps.map((s) => `${delay(s.delay_hours)}${s.discount ? " %" : ""}`).join(" → ")}</Table.Cell>
                <Table.Cell>{c.stats?.sends ?? 0}</Table.Cell>
                <Table.Cell>{c.stats?.opens ?? 0}</Table.Cell>
                <Table.Cell>{c.stats?.clicks ?? 0}</Table.Cell>
                <Table.Cell>{c.stats?.recoveries ?? 0}</Table.Cell>
                <Table.Cell>{money(c.stats?.revenue)}</Table.Cell>
                <Table.Cell>{pct(c.stats?.incremental_recovery)}</Table.Cell>
                <Table.Cell>
                  <div className="flex gap-x-2" onClick={(e) => e.stopPropagation()}>
                    <Button size="small" variant="secondary" onClick={() => setEditing(c)}>
                      Edit
                    </Button>
                    <Button size="small" variant="secondary" onClick={() => confirmToggle(c)}>
                      {c.status === "active" ? "Pause" : "Activate"}
                    </Button>
                    <Button size="small" variant="secondary" onClick={() => duplicate.mutate(c)} isLoading={duplicate.isPending && duplicate.variables?.id === c.id}>
                      Duplicate
                    </Button>
                    <Button size="small" variant="transparent" onClick={() => confirmArchive(c)}>
                      Archive
                    </Button>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
      {editing && <CampaignEditor key={editing === "new" ? "new" : editing.id} campaign={editing} onClose={() => setEditing(null)} />}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Campaigns", rank: 10 })

export default CampaignsPage
