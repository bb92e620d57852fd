import { Button, Input, Label, Select, Text, clx, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query"
import { useId, useState } from "react"
import type { Locale } from "../../../emails/locales"
import { formatMoney } from "../../lib/analytics"
import { formatDate } from "../../lib/customers"
import { LOCALES, localeLabel } from "../../lib/locales"
import type { SendResult } from "../../lib/messaging"
import { sdk } from "../../lib/sdk"
import { useDebouncedValue } from "../../lib/use-debounced-value"
import { EmailFrame } from "../messaging/email-frame"
import type { Step } from "./campaign-parts"

// Frame widths: a desktop mail client's 600 px column, a phone's 375 px screen.
const WIDTHS = { desktop: 600, mobile: 375 } as const
type Width = keyof typeof WIDTHS

type TrackedCartRow = {
  cart_id: string
  email: string
  customer_name: string | null
  currency_code: string
  value: number | string
  status: string
  last_activity_at: string
}
export type PreviewCart = { id: string; email: string }

type Rendered = {
  subject: string
  html: string
  // "cart": a real tracked cart; "sample": the template's sample data (new campaign, no cart yet).
  source: "cart" | "sample"
  cart_id?: string
  variant?: number
  variants?: number
  campaign_subject?: boolean
}

// The API's answer when there is no tracked cart with items to render ("cart_id: …", 404).
const isNoCart = (e: unknown) => e instanceof Error && (e as Error & { status?: number }).status === 404 && /^cart_id:/.test(e.message)

/**
 * The preview settings of one step (language, width, cart, where tests go) and its "send test".
 * A saved campaign renders the step on a real tracked cart (the chosen one, else the most recent);
 * a new campaign, or a store without tracked carts, uses the template's sample data, for the
 * preview and the test alike, so the test is what the preview shows.
 */
export function useStepPreview({ campaignId, index }: { campaignId: string | null; index: number }) {
  const [open, setOpen] = useState(false)
  const [locale, setLocale] = useState<Locale>("en")
  const [width, setWidth] = useState<Width>("desktop")
  const [cart, setCart] = useState<PreviewCart | null>(null)
  const [testTo, setTestTo] = useState("")
  const me = useQuery({ queryKey: ["retention", "me"], queryFn: () => sdk.admin.user.me() })
  const testAddress = (testTo || me.data?.user.email || "").trim()

  const sendTest = useMutation({
    mutationFn: async (draft: Step) => {
      const to = testAddress
      if (!to) throw new Error("Enter the address the test goes to")
      if (campaignId) {
        try {
          const r = await sdk.client.fetch<{ result: SendResult; cart_id: string }>(
            `/admin/retention/cart-recovery/campaigns/${campaignId}/send-test`,
            { method: "POST", body: { step: index + 1, draft, locale, to, ...(cart ? { cart_id: cart.id } : {}) } }
          )
          return { ...r, to, sample: false }
        } catch (e) {
          if (cart || !isNoCart(e)) throw e
        }
      }
      const r = await sdk.client.fetch<{ result: SendResult }>(`/admin/retention/templates/${draft.template}/send-test`, {
        method: "POST",
        body: { to, locale },
      })
      return { ...r, to, sample: true }
    },
    onSuccess: ({ result, to, sample }) => {
      const what = `Test of step ${index + 1} (${localeLabel(locale)})`
      const description = sample ? "With the template's sample data: no tracked cart to use yet." : cart ? `Rendered on the cart of ${cart.email}.` : "Rendered on the most recent tracked cart."
      if (result.status === "sent") toast.success(`${what} sent to ${to}`, { description })
      else toast.warning(`${what} to ${to}: ${result.status}${result.reason ? ` (${result.reason})` : ""}`)
    },
    onError: (e: Error) => toast.error(e.message || "Could not send the test email"),
  })

  return { campaignId, index, open, setOpen, locale, setLocale, width, setWidth, cart, setCart, testAddress, setTestTo, sendTest }
}

export type StepPreviewState = ReturnType<typeof useStepPreview>

/** Finds a tracked cart by part of its email or its customer's name; empty: the most recent cart. */
const CartPicker = ({ value, onChange }: { value: PreviewCart | null; onChange: (cart: PreviewCart | null) => void }) => {
  const listId = useId()
  const [text, setText] = useState(value?.email ?? "")
  const [listOpen, setListOpen] = useState(false)
  // The chosen cart's own address in the box lists the recent carts, not only that one.
  const q = useDebouncedValue(text.trim() === value?.email ? "" : text.trim(), 250)
  const carts = useQuery({
    queryKey: ["retention", "cart-recovery", "preview-carts", q],
    queryFn: () =>
      sdk.client.fetch<{ carts: TrackedCartRow[] }>(`/admin/retention/cart-recovery/carts?${new URLSearchParams({ limit: "10", ...(q ? { q } : {}) })}`),
    enabled: listOpen,
    placeholderData: keepPreviousData,
  })
  const choose = (cart: PreviewCart | null) => {
    onChange(cart)
    setText(cart?.email ?? "")
    setListOpen(false)
  }
  const rows = carts.data?.carts ?? []
  return (
    <div className="relative">
      <Input
        size="small"
        type="search"
        role="combobox"
        aria-label="Preview cart"
        aria-autocomplete="list"
        aria-expanded={listOpen}
        aria-controls={listId}
        placeholder="Most recent cart: search an email or name"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          setListOpen(true)
          if (!e.target.value.trim() && value) onChange(null)
        }}
        onFocus={() => setListOpen(true)}
        onBlur={() => {
          setListOpen(false)
          // Typed but not chosen: the box shows the cart the preview really uses.
          setText(value?.email ?? "")
        }}
        onKeyDown={(e) => e.key === "Escape" && setListOpen(false)}
      />
      {listOpen && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Tracked carts"
          aria-busy={carts.isFetching}
          // Anchored at the box's right edge: it opens into the form, not past the drawer's edge.
          className={clx(
            "absolute right-0 z-10 mt-1 max-h-64 w-[340px] max-w-[calc(100vw-5rem)] overflow-y-auto rounded-md border border-ui-border-base bg-ui-bg-base p-1 shadow-elevation-flyout",
            // The previous search's carts, until this one answers.
            carts.isPlaceholderData && "[&>li]:opacity-50"
          )}
          // Keeps the focus in the box, so a click on an option is not lost to its blur.
          onMouseDown={(e) => e.preventDefault()}
        >
          {value && (
            <li role="option" aria-selected={false} className="cursor-pointer rounded px-2 py-1.5 hover:bg-ui-bg-base-hover" onClick={() => choose(null)}>
              <Text size="small">Most recent cart</Text>
            </li>
          )}
          {carts.isLoading ? (
            <li className="px-2 py-1.5">
              <Text size="small">Loading…</Text>
            </li>
          ) : carts.error ? (
            <li className="px-2 py-1.5">
              <Text size="small" className="text-ui-fg-error">
                Could not load carts: {carts.error.message}
              </Text>
            </li>
          ) : !rows.length ? (
            <li className="px-2 py-1.5">
              <Text size="small" className="text-ui-fg-subtle">
                {q ? "No tracked cart matches." : "No tracked carts yet."}
              </Text>
            </li>
          ) : (
            rows.map((c) => (
              <li
                key={c.cart_id}
                role="option"
                aria-selected={value?.id === c.cart_id}
                className={clx("flex cursor-pointer flex-col rounded px-2 py-1.5 hover:bg-ui-bg-base-hover", value?.id === c.cart_id && "bg-ui-bg-highlight")}
                onClick={() => choose({ id: c.cart_id, email: c.email })}
              >
                <Text size="small">
                  {c.email}
                  {c.customer_name ? ` · ${c.customer_name}` : ""}
                </Text>
                <Text size="xsmall" className="text-ui-fg-subtle">
                  {formatMoney(Number(c.value), c.currency_code)} · {c.status} · {formatDate(c.last_activity_at)}
                </Text>
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  )
}

/**
 * The step as it would be sent, re-rendered whenever the draft (once valid again), the language
 * or the cart changes; desktop or mobile width.
 */
export const StepPreviewPanel = ({ state, draft }: { state: StepPreviewState; draft: Step | null }) => {
  const { campaignId, index, locale, setLocale, width, setWidth, cart, setCart, testAddress, setTestTo } = state
  const draftKey = useDebouncedValue(draft ? JSON.stringify(draft) : null, 400)
  const preview = useQuery({
    queryKey: ["retention", "step-preview", campaignId, index, draftKey, locale, cart?.id ?? null],
    queryFn: async (): Promise<Rendered> => {
      const step = JSON.parse(draftKey!) as Step
      if (campaignId) {
        try {
          const r = await sdk.client.fetch<Omit<Rendered, "source">>(`/admin/retention/cart-recovery/campaigns/${campaignId}/preview`, {
            method: "POST",
            body: { step: index + 1, draft: step, locale, ...(cart ? { cart_id: cart.id } : {}) },
          })
          return { ...r, source: "cart" }
        } catch (e) {
          // A chosen cart that cannot be rendered is an error worth showing; no cart at all is not.
          if (cart || !isNoCart(e)) throw e
        }
      }
      const r = await sdk.client.fetch<{ subject: string; html: string }>(`/admin/retention/templates/${step.template}/preview`, {
        method: "POST",
        body: { locale },
      })
      return { ...r, source: "sample" }
    },
    enabled: !!draftKey,
    placeholderData: keepPreviousData,
    retry: false,
  })
  const data = preview.data
  return (
    <div className="flex flex-col gap-y-3 border-t border-ui-border-base pt-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[140px_auto_1fr]">
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" weight="plus">
            Language
          </Label>
          <Select size="small" value={locale} onValueChange={(v) => setLocale(v as Locale)}>
            <Select.Trigger aria-label="Preview language">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {LOCALES.map((l) => (
                <Select.Item key={l.value} value={l.value}>
                  {l.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" weight="plus">
            Width
          </Label>
          <div role="radiogroup" aria-label="Preview width" className="flex gap-x-1">
            {(Object.keys(WIDTHS) as Width[]).map((w) => (
              <Button
                key={w}
                type="button"
                size="small"
                role="radio"
                aria-checked={width === w}
                variant={width === w ? "primary" : "secondary"}
                onClick={() => setWidth(w)}
              >
                {w === "desktop" ? "Desktop" : "Mobile"}
              </Button>
            ))}
          </div>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="xsmall" weight="plus">
            Cart
          </Label>
          {campaignId ? (
            <CartPicker value={cart} onChange={setCart} />
          ) : (
            <Text size="small" className="text-ui-fg-subtle">
              Save the campaign to preview on a real cart.
            </Text>
          )}
        </div>
      </div>
      <div className="flex flex-col gap-y-1 sm:max-w-sm">
        <Label size="xsmall" weight="plus" htmlFor={`step-${index}-test-to`}>
          Send tests to
        </Label>
        <Input id={`step-${index}-test-to`} size="small" type="email" value={testAddress} onChange={(e) => setTestTo(e.target.value)} />
      </div>
      {!draft && (
        <Text size="small" className="text-ui-fg-error">
          Fix the step's fields to update the preview.
        </Text>
      )}
      {preview.error ? (
        <Text size="small" className="text-ui-fg-error">
          Could not render the preview: {preview.error.message}
        </Text>
      ) : !data ? (
        <Text size="small" className="text-ui-fg-subtle">
          Rendering…
        </Text>
      ) : (
        <div className="flex flex-col gap-y-1" aria-busy={preview.isFetching}>
          <Text size="small" weight="plus">
            Subject: {data.subject}
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {[
              data.source === "sample"
                ? "The template's sample data: no tracked cart to show yet."
                : `${cart ? `The cart of ${cart.email}` : "The most recent tracked cart"}.`,
              data.campaign_subject && data.variants && data.variants > 1
                ? `This cart gets subject variant ${String.fromCharCode(65 + (data.variant ?? 0))} of ${data.variants}.`
                : null,
              data.source === "cart" && !data.campaign_subject && draft?.subjects.length
                ? "The step's subject lines are written in the store's language: in this language the template's own subject is sent."
                : null,
              draft?.discount ? "The discount shows as PREVIEW-CODE; a real send creates a single-use code." : null,
            ]
              .filter(Boolean)
              .join(" ")}
          </Text>
          {/* Scrolls sideways rather than squeezing the email when the screen is narrower than the frame. */}
          <div className="flex overflow-x-auto">
            <EmailFrame
              html={data.html}
              title={`Step ${index + 1} preview`}
              className={clx("mx-auto shrink-0", width === "mobile" ? "w-[375px]" : "w-[600px]")}
            />
          </div>
        </div>
      )}
    </div>
  )
}
