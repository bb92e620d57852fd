import { Badge, Button, Heading, Input, Label, Select, Tabs, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useRef, useState } from "react"
import {
  changedStrings,
  postTemplate,
  Preview,
  SendResult,
  stringLabel,
  TemplateDetail,
  TemplateIssue,
  TemplateIssuesError,
  TemplateVersion,
} from "../../lib/messaging"
import { LOCALES, localeLabel } from "../../lib/locales"
import { sdk } from "../../lib/sdk"
import { useDebouncedValue } from "../../lib/use-debounced-value"
import { HistoryList, savedAt } from "../history-list"
import { EmailFrame } from "./email-frame"

const PREVIEW_DELAY_MS = 500

const IssueList = ({
  title,
  issues,
  tone,
  onJump,
}: {
  title: string
  issues: TemplateIssue[]
  tone: "error" | "warning"
  onJump: (issue: TemplateIssue) => void
}) => (
  <div
    role={tone === "error" ? "alert" : "status"}
    className={
      tone === "error"
        ? "rounded-md border border-ui-border-error bg-ui-bg-subtle p-3"
        : "rounded-md border border-ui-border-base bg-ui-bg-subtle p-3"
    }
  >
    <Text size="small" weight="plus" className={tone === "error" ? "text-ui-fg-error" : undefined}>
      {title}
    </Text>
    <ul className="mt-1 flex flex-col gap-1">
      {issues.map((issue, i) => (
        <li key={`${issue.part}-${issue.line ?? "x"}-${i}`}>
          <button type="button" className="text-left" onClick={() => onJump(issue)}>
            <Text size="small">
              <Badge size="2xsmall" className="mr-1">
                {issue.part}
                {issue.line ? ` · line ${issue.line}` : ""}
              </Badge>
              {issue.message}
            </Text>
          </button>
        </li>
      ))}
    </ul>
  </div>
)

/** Start offset of a 1-based line in `text`, for putting the cursor on a reported error. */
function lineOffset(text: string, line: number): number {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", offset)
    if (next === -1) break
    offset = next + 1
  }
  return offset
}

/** What a version changed, in words: "subject, 2 strings", "MJML", "reset to the shipped template". */
const versionSummary = (v: TemplateVersion) => {
  if (v.action === "reset") return "reset to the shipped template"
  const parts = [v.subject !== null && "subject", v.mjml !== null && "MJML", v.strings && `${Object.keys(v.strings).length} ${Object.keys(v.strings).length === 1 ? "string" : "strings"}`]
  return `saved: ${parts.filter(Boolean).join(", ") || "no changes"}`
}

/** Saves and resets of this template and locale, newest first, with who did them; a version can be loaded back. */
const VersionHistory = ({ name, locale, onRestore }: { name: string; locale: string; onRestore: (v: TemplateVersion) => void }) => (
  <HistoryList<TemplateVersion>
    label="version history"
    className="border-t border-ui-border-base pt-3"
    queryKey={["retention", "template-history", name, locale]}
    path={`/admin/retention/templates/${name}/overrides/${locale}/history?limit=20`}
    pick={(body) => body.versions as TemplateVersion[]}
    empty="Never edited: the shipped template is in use."
    render={(v) => (
      <li key={v.id} className="flex items-center justify-between gap-2 rounded-md border px-3 py-2">
        <div className="min-w-0">
          <Text size="small" weight="plus">
            {v.action === "reset" ? "Reset" : `Version ${v.version}`} · {savedAt(v.created_at)} · {v.saved_by_email ?? v.saved_by ?? "unknown admin"}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {versionSummary(v)}
          </Text>
        </div>
        {v.action === "save" && (
          <Button size="small" variant="secondary" onClick={() => onRestore(v)}>
            Load
          </Button>
        )}
      </li>
    )}
  />
)

const EditorForm = ({ detail }: { detail: TemplateDetail }) => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const name = detail.template.name
  const locale = detail.locale
  const shippedStrings = detail.strings
  const saved = {
    subject: detail.override?.subject ?? detail.default.subject,
    mjml: detail.override?.mjml ?? detail.default.mjml,
    strings: { ...shippedStrings, ...(detail.override?.strings ?? {}) },
  }
  const [subject, setSubject] = useState(saved.subject)
  const [mjml, setMjml] = useState(saved.mjml)
  // Every string of the locale as the merchant sees it; only those that differ are stored.
  const [strings, setStrings] = useState<Record<string, string>>(saved.strings)
  const [mode, setMode] = useState<"text" | "mjml">(detail.override?.mjml ? "mjml" : "text")
  const edited = changedStrings(strings, shippedStrings)
  const stringsDirty = JSON.stringify(edited) !== JSON.stringify(changedStrings(saved.strings, shippedStrings))
  const [saveIssues, setSaveIssues] = useState<TemplateIssue[]>([])
  const [testTo, setTestTo] = useState("")
  const mjmlRef = useRef<HTMLTextAreaElement>(null)
  const subjectRef = useRef<HTMLInputElement>(null)
  const dirty = subject !== saved.subject || mjml !== saved.mjml || stringsDirty

  const me = useQuery({ queryKey: ["retention", "me"], queryFn: () => sdk.admin.user.me() })
  const testAddress = testTo || me.data?.user.email || ""

  // Preview on sample data, or on a real customer, cart or order (by id).
  const [sourceType, setSourceType] = useState<"sample" | "customer" | "cart" | "order">("sample")
  const [sourceId, setSourceId] = useState("")
  const draft = useDebouncedValue({ subject, mjml, strings: edited, sourceId: sourceId.trim() }, PREVIEW_DELAY_MS)
  const source = sourceType !== "sample" && draft.sourceId ? { type: sourceType, id: draft.sourceId } : undefined
  const preview = useQuery({
    queryKey: ["retention", "template-preview", name, locale, draft.subject, draft.mjml, JSON.stringify(draft.strings), source?.type, source?.id],
    queryFn: () =>
      postTemplate<Preview>(`/admin/retention/templates/${name}/preview`, {
        locale,
        subject: draft.subject,
        mjml: draft.mjml,
        strings: draft.strings,
        ...(source ? { source } : {}),
      }),
    // Keep showing the last good render while the merchant types.
    placeholderData: keepPreviousData,
    retry: false,
  })
  // Compile issues are shown inline; anything else (e.g. an unknown cart id) as one line.
  const previewError =
    preview.error instanceof TemplateIssuesError && preview.error.issues.length ? preview.error : null
  const policyIssues = previewError?.issues.filter((i) => i.kind === "policy") ?? []
  const compileIssues = previewError?.issues.filter((i) => i.kind !== "policy") ?? []
  // While the draft does not compile, keep showing (dimmed) the last render that did.
  const lastGood = useRef<Preview | undefined>(undefined)
  if (preview.data) lastGood.current = preview.data

  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ["retention", "template", name] })
    queryClient.invalidateQueries({ queryKey: ["retention", "templates"] })
    queryClient.invalidateQueries({ queryKey: ["retention", "template-history", name, locale] })
  }

  const save = useMutation({
    // A part equal to the shipped default is saved as "use the default", so a later fix to the
    // default still reaches this store.
    mutationFn: () =>
      postTemplate<{ override: { version: number } | null }>(`/admin/retention/templates/${name}/overrides/${locale}`, {
        subject: subject === detail.default.subject ? null : subject,
        mjml: mjml === detail.default.mjml ? null : mjml,
        strings: Object.keys(edited).length ? edited : null,
      }),
    onSuccess: ({ override }) => {
      setSaveIssues([])
      toast.success(
        override
          ? `Saved ${name} (${locale}), version ${override.version}`
          : `${name} (${locale}) matches the default again`
      )
      refresh()
    },
    onError: (e: Error) => {
      setSaveIssues(e instanceof TemplateIssuesError ? e.issues : [])
      toast.error(`Not saved: ${e.message}`)
    },
  })

  const reset = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ deleted: boolean }>(`/admin/retention/templates/${name}/overrides/${locale}`, {
        method: "DELETE",
      }),
    onSuccess: () => {
      toast.success(`${name} (${locale}) is back to the default`)
      refresh()
    },
    onError: (e: Error) => toast.error(e.message || "Could not reset"),
  })

  const sendTest = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ result: SendResult }>(`/admin/retention/templates/${name}/send-test`, {
        method: "POST",
        body: { to: testAddress, locale },
      }),
    onSuccess: ({ result }) => {
      if (result.status === "sent") toast.success(`Test email sent to ${testAddress}`)
      else toast.warning(`Test email ${result.status}${result.reason ? `: ${result.reason}` : ""}`)
    },
    onError: (e: Error) => toast.error(e.message || "Could not send the test email"),
  })

  const onReset = async () => {
    const confirmed = await prompt({
      title: "Reset to the default?",
      description: `Your edits to ${name} (${locale}) are deleted and the shipped template is used again.`,
      confirmText: "Reset",
      cancelText: "Cancel",
    })
    if (confirmed) reset.mutate()
  }

  const jumpTo = (issue: TemplateIssue) => {
    if (issue.part === "subject") {
      subjectRef.current?.focus()
      return
    }
    if (issue.part === "strings") {
      setMode("text")
      const key = /^t\.([A-Za-z0-9]+)/.exec(issue.message)?.[1]
      if (key) setTimeout(() => document.getElementById(`template-string-${key}`)?.focus(), 0)
      return
    }
    setMode("mjml")
    const area = mjmlRef.current
    if (!area || !issue.line) return
    const start = lineOffset(mjml, issue.line)
    const end = mjml.indexOf("\n", start)
    area.focus()
    area.setSelectionRange(start, end === -1 ? mjml.length : end)
  }

  const rendered = preview.data ?? (previewError ? lastGood.current : undefined)

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
      <div className="flex min-w-0 flex-col gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="template-subject" size="small">
            Subject
          </Label>
          <Input
            id="template-subject"
            ref={subjectRef}
            value={subject}
            maxLength={300}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <Tabs value={mode} onValueChange={(v) => setMode(v as typeof mode)}>
          <Tabs.List>
            <Tabs.Trigger value="text">Text</Tabs.Trigger>
            <Tabs.Trigger value="mjml">Advanced: MJML</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="text" className="flex flex-col gap-3 pt-3">
            <Text size="xsmall" className="text-ui-fg-subtle">
              The wording of this email in {localeLabel(locale)}, field by field. Placeholders such as{" "}
              {"{{greetingName}}"} are filled in for each customer; leave them as they are.
            </Text>
            {Object.keys(shippedStrings).map((key) => {
              const value = strings[key] ?? ""
              const changed = value !== shippedStrings[key]
              const long = shippedStrings[key].length > 70 || value.length > 70
              const id = `template-string-${key}`
              return (
                <div key={key} className="flex flex-col gap-1">
                  <div className="flex items-center justify-between gap-2">
                    <Label htmlFor={id} size="small">
                      {stringLabel(key)}
                      {changed && (
                        <Badge size="2xsmall" color="blue" className="ml-2">
                          edited
                        </Badge>
                      )}
                    </Label>
                    {changed && (
                      <Button size="small" variant="transparent" onClick={() => setStrings((all) => ({ ...all, [key]: shippedStrings[key] }))}>
                        Use the shipped text
                      </Button>
                    )}
                  </div>
                  {long ? (
                    <Textarea id={id} rows={2} maxLength={2000} value={value} onChange={(e) => setStrings((all) => ({ ...all, [key]: e.target.value }))} />
                  ) : (
                    <Input id={id} maxLength={2000} value={value} onChange={(e) => setStrings((all) => ({ ...all, [key]: e.target.value }))} />
                  )}
                </div>
              )
            })}
          </Tabs.Content>
          <Tabs.Content value="mjml" className="pt-3">
            <div className="flex flex-col gap-1">
              <Label htmlFor="template-mjml" size="small">
                MJML
              </Label>
              <Textarea
                id="template-mjml"
                ref={mjmlRef}
                value={mjml}
                rows={28}
                spellCheck={false}
                // No soft wrapping: the line numbers in compile errors match what the merchant sees.
                wrap="off"
                className="font-mono text-xs"
                onChange={(e) => setMjml(e.target.value)}
              />
              <Text size="xsmall" className="text-ui-fg-subtle">
                Handlebars placeholders such as {"{{customerName}}"}, localized strings as {"{{t.key}}"}, partials
                as {"{{> footer}}"}. Marketing emails must keep the footer (unsubscribe link and postal address).
              </Text>
            </div>
          </Tabs.Content>
        </Tabs>
        {!!compileIssues.length && (
          <IssueList title="Does not compile" issues={compileIssues} tone="error" onJump={jumpTo} />
        )}
        {!!policyIssues.length && (
          <IssueList title="Not allowed" issues={policyIssues} tone="error" onJump={jumpTo} />
        )}
        {!previewError && !!rendered?.issues.length && (
          <IssueList title="Save would refuse this" issues={rendered.issues} tone="warning" onJump={jumpTo} />
        )}
        {!!saveIssues.length && (
          <IssueList title="Not saved" issues={saveIssues} tone="error" onJump={jumpTo} />
        )}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Text size="small" className="text-ui-fg-subtle">
            {detail.override
              ? `Edited · version ${detail.override.version} · ${new Date(detail.override.updated_at).toLocaleString()}`
              : "Shipped default"}
            {dirty ? " · unsaved changes" : ""}
          </Text>
          <div className="flex gap-2">
            <Button
              size="small"
              variant="secondary"
              disabled={!detail.override}
              isLoading={reset.isPending}
              onClick={onReset}
            >
              Reset to default
            </Button>
            <Button
              size="small"
              variant="secondary"
              disabled={!dirty}
              onClick={() => {
                setSubject(saved.subject)
                setMjml(saved.mjml)
                setStrings(saved.strings)
                setSaveIssues([])
              }}
            >
              Discard changes
            </Button>
            <Button size="small" disabled={!dirty} isLoading={save.isPending} onClick={() => save.mutate()}>
              Save
            </Button>
          </div>
        </div>
        <form
          className="flex items-end gap-2 border-t border-ui-border-base pt-3"
          onSubmit={(e) => {
            e.preventDefault()
            sendTest.mutate()
          }}
        >
          <div className="flex flex-1 flex-col gap-1">
            <Label htmlFor="template-test-to" size="small">
              Send a test of the saved version to
            </Label>
            <Input
              id="template-test-to"
              type="email"
              required
              value={testAddress}
              onChange={(e) => setTestTo(e.target.value)}
            />
          </div>
          <Button size="small" variant="secondary" type="submit" isLoading={sendTest.isPending}>
            Send test
          </Button>
        </form>
        <VersionHistory
          name={name}
          locale={locale}
          onRestore={(v) => {
            setSubject(v.subject ?? detail.default.subject)
            setMjml(v.mjml ?? detail.default.mjml)
            setStrings({ ...shippedStrings, ...(v.strings ?? {}) })
            setMode(v.mjml ? "mjml" : "text")
            toast.info(`Version ${v.version} loaded into the editor: save to use it`)
          }}
        />
      </div>

      <div className="flex min-w-0 flex-col gap-2">
        {/* Wraps: the source picker and the status line do not fit one row beside a narrow card. */}
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <Text size="small" weight="plus">
              Preview with your brand and
            </Text>
            <Select
              size="small"
              value={sourceType}
              onValueChange={(v) => setSourceType(v as typeof sourceType)}
            >
              <Select.Trigger className="w-36">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="sample">sample data</Select.Item>
                <Select.Item value="customer">a customer</Select.Item>
                <Select.Item value="cart">a cart</Select.Item>
                <Select.Item value="order">an order</Select.Item>
              </Select.Content>
            </Select>
            {sourceType !== "sample" && (
              <Input
                size="small"
                className="w-56"
                placeholder={`${sourceType} id, e.g. ${sourceType === "customer" ? "cus_" : sourceType === "cart" ? "cart_" : "order_"}…`}
                value={sourceId}
                onChange={(e) => setSourceId(e.target.value)}
              />
            )}
          </div>
          {preview.isFetching ? (
            <Text size="xsmall" className="text-ui-fg-subtle">
              Rendering…
            </Text>
          ) : (
            (previewError && rendered && (
              <Text size="xsmall" className="min-w-0 text-ui-fg-error">
                {compileIssues.length ? "Showing the last version that compiled" : "Showing the last version allowed"}
              </Text>
            )) ||
            (preview.error && !previewError && (
              <Text size="xsmall" className="text-ui-fg-error">
                {preview.error instanceof Error ? preview.error.message : "Preview failed"}
              </Text>
            ))
          )}
        </div>
        {rendered ? (
          <>
            <Text size="small">
              <span className="text-ui-fg-subtle">Subject: </span>
              {rendered.subject}
            </Text>
            <Tabs defaultValue="html">
              <Tabs.List>
                <Tabs.Trigger value="html">HTML</Tabs.Trigger>
                <Tabs.Trigger value="text">Text</Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="html" className={previewError ? "pt-2 opacity-50" : "pt-2"}>
                <EmailFrame html={rendered.html} title={`Preview of ${name}`} className="h-[760px]" />
              </Tabs.Content>
              <Tabs.Content value="text" className="pt-2">
                <pre className="txt-compact-small whitespace-pre-wrap rounded-md bg-ui-bg-subtle p-3">{rendered.text}</pre>
              </Tabs.Content>
            </Tabs>
          </>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            {previewError ? "Fix the errors to see a preview." : "Rendering…"}
          </Text>
        )}
        <details className="mt-2">
          <summary className="txt-compact-small cursor-pointer text-ui-fg-subtle">
            Localized strings available as {"{{t.key}}"}
          </summary>
          <dl className="mt-2 grid grid-cols-3 gap-x-2 gap-y-1">
            {Object.entries(detail.strings).map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="txt-compact-xsmall font-mono">{`t.${key}`}</dt>
                <dd className="txt-compact-xsmall col-span-2 text-ui-fg-subtle">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </div>
  )
}

/** Locale switcher plus the editor for one template. */
export const TemplateEditor = ({ name }: { name: string }) => {
  const [locale, setLocale] = useState("en")
  const { data, isLoading, error } = useQuery({
    queryKey: ["retention", "template", name, locale],
    queryFn: () => sdk.client.fetch<TemplateDetail>(`/admin/retention/templates/${name}?locale=${locale}`),
  })

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Heading level="h2">{name}</Heading>
          {data && (
            <Text size="small" className="text-ui-fg-subtle">
              {data.template.description}
            </Text>
          )}
        </div>
        <Tabs value={locale} onValueChange={setLocale}>
          <Tabs.List>
            {LOCALES.map((l) => (
              <Tabs.Trigger key={l.value} value={l.value}>
                {l.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </Tabs>
      </div>
      {isLoading && <Text size="small">Loading template…</Text>}
      {error && <Text size="small">Could not load this template: {error.message}</Text>}
      {data && (
        // A new key after save, reset or locale switch starts the form from what is stored.
        <EditorForm key={`${name}:${data.locale}:${data.override?.version ?? "default"}`} detail={data} />
      )}
    </div>
  )
}

