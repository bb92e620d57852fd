import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, clx, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link, useSearchParams } from "react-router-dom"
import { TemplateEditor } from "../../../components/messaging/template-editor"
import { TemplateSummary, TOPIC_LABELS } from "../../../lib/messaging"
import { sdk } from "../../../lib/sdk"

const TemplatesPage = () => {
  // The selected template is in the URL, so a reload or a shared link opens the same one.
  const [params, setParams] = useSearchParams()
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "templates"],
    queryFn: () => sdk.client.fetch<{ templates: TemplateSummary[] }>("/admin/retention/templates"),
  })
  const templates = data?.templates ?? []
  const selected = params.get("template") ?? templates[0]?.name

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Templates</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Edit the subject and wording of each email per language (MJML under Advanced). Changes are checked before they are
            saved and apply to the next send; reset returns to the shipped version.
          </Text>
        </div>
        <Button size="small" variant="secondary" asChild>
          <Link to="/retention/messages">Back to messages</Link>
        </Button>
      </Container>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-[280px_1fr]">
        <Container className="h-fit divide-y p-0">
          {isLoading && <Text className="px-4 py-3">Loading…</Text>}
          {error && <Text className="px-4 py-3">Could not load templates.</Text>}
          {templates.map((t) => (
            <button
              key={t.name}
              type="button"
              aria-current={t.name === selected}
              onClick={() => setParams({ template: t.name }, { replace: true })}
              className={clx(
                "flex w-full flex-col gap-1 px-4 py-3 text-left hover:bg-ui-bg-base-hover",
                t.name === selected && "bg-ui-bg-base-pressed"
              )}
            >
              <Text size="small" weight="plus">
                {t.name}
              </Text>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {TOPIC_LABELS[t.topic] ?? t.topic} · {t.category}
              </Text>
              <div className="flex gap-1">
                {t.locales.map((l) => (
                  <Badge key={l.locale} size="2xsmall" color={l.overridden ? "blue" : "grey"}>
                    {l.locale}
                    {l.overridden ? ` · edited v${l.version}` : ""}
                  </Badge>
                ))}
              </div>
            </button>
          ))}
        </Container>
        <Container className="px-6 py-4">
          {selected ? <TemplateEditor key={selected} name={selected} /> : <Text>Pick a template.</Text>}
        </Container>
      </div>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Templates", rank: 60 })

export default TemplatesPage
