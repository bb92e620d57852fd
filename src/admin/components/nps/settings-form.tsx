import { Button, Container, Heading, Input, Label, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { FormEvent, useEffect, useState } from "react"
import { SectionState, sdk } from "../../lib/sdk"

type NpsSettings = {
  enabled: boolean
  delayDays: number
  throttleDays: number
  question: { en: string; tr: string }
  followUp: { en: string; tr: string }
  alertEmails: string[]
  reviewUrl: string | null
  redirectUrl: string | null
  loyaltyPointsPerResponse: number
}

type Form = {
  enabled: boolean
  delayDays: string
  throttleDays: string
  questionEn: string
  questionTr: string
  followUpEn: string
  followUpTr: string
  alertEmails: string
  reviewUrl: string
  redirectUrl: string
  loyaltyPointsPerResponse: string
}

const toForm = (v: NpsSettings): Form => ({
  enabled: v.enabled,
  delayDays: String(v.delayDays),
  throttleDays: String(v.throttleDays),
  questionEn: v.question.en,
  questionTr: v.question.tr,
  followUpEn: v.followUp.en,
  followUpTr: v.followUp.tr,
  alertEmails: v.alertEmails.join(", "),
  reviewUrl: v.reviewUrl ?? "",
  redirectUrl: v.redirectUrl ?? "",
  loyaltyPointsPerResponse: String(v.loyaltyPointsPerResponse ?? 0),
})

const toBody = (f: Form) => ({
  enabled: f.enabled,
  delayDays: Number(f.delayDays),
  throttleDays: Number(f.throttleDays),
  question: { en: f.questionEn, tr: f.questionTr },
  followUp: { en: f.followUpEn, tr: f.followUpTr },
  alertEmails: f.alertEmails
    .split(/[,\s]+/)
    .map((e) => e.trim())
    .filter(Boolean),
  reviewUrl: f.reviewUrl.trim() || null,
  redirectUrl: f.redirectUrl.trim() || null,
  // Empty is sent as null so the server names the field instead of saving 0 by accident.
  loyaltyPointsPerResponse: f.loyaltyPointsPerResponse.trim() === "" ? null : Number(f.loyaltyPointsPerResponse),
})

/** The `nps` settings section (saved through /admin/retention/settings/nps). */
export const NpsSettingsForm = () => {
  const queryClient = useQueryClient()
  const { data } = useQuery({
    queryKey: ["retention", "settings", "nps"],
    queryFn: () => sdk.client.fetch<{ settings: SectionState }>("/admin/retention/settings/nps"),
  })
  const program = useQuery({
    queryKey: ["retention", "loyalty", "settings"],
    queryFn: () => sdk.client.fetch<{ settings: { enabled: boolean } }>("/admin/retention/loyalty/settings"),
  })
  const loyaltyOff = program.data ? !program.data.settings.enabled : false
  const [form, setForm] = useState<Form | null>(null)
  useEffect(() => {
    if (data) setForm(toForm(data.settings.values as NpsSettings))
  }, [data])

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      sdk.client.fetch<{ settings: SectionState }>("/admin/retention/settings/nps", { method: "POST", body }),
    onSuccess: () => {
      toast.success("NPS settings saved")
      queryClient.invalidateQueries({ queryKey: ["retention", "settings"] })
    },
    onError: (e: { message?: string }) => toast.error(e.message ?? "Could not save"),
  })

  if (!form) return null
  const set = (key: keyof Form, value: string | boolean) => setForm((f) => (f ? { ...f, [key]: value } : f))
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(toBody(form))
  }
  const text = (key: keyof Form, label: string, type = "text") => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`nps-${key}`} size="small">
        {label}
      </Label>
      <Input id={`nps-${key}`} type={type} value={String(form[key])} onChange={(e) => set(key, e.target.value)} />
    </div>
  )
  const area = (key: keyof Form, label: string) => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`nps-${key}`} size="small">
        {label}
      </Label>
      <Textarea id={`nps-${key}`} rows={2} value={String(form[key])} onChange={(e) => set(key, e.target.value)} />
    </div>
  )

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Survey settings</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          One survey per order after its first delivery. {"{storeName}"} in the question becomes your store name.
        </Text>
      </div>
      <form onSubmit={onSubmit} className="flex flex-col gap-4 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Switch id="nps-enabled" checked={form.enabled} onCheckedChange={(c) => set("enabled", c)} />
          <Label htmlFor="nps-enabled" size="small">
            Send surveys
          </Label>
        </div>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {text("delayDays", "Days after delivery", "number")}
          {text("throttleDays", "At most one survey per person every (days)", "number")}
          {area("questionEn", "Question (English)")}
          {area("questionTr", "Question (Türkçe)")}
          {area("followUpEn", "Comment prompt (English)")}
          {area("followUpTr", "Comment prompt (Türkçe)")}
          {text("alertEmails", "Detractor alerts to (comma-separated)")}
          {text("reviewUrl", "Review link shown to promoters", "url")}
          {text("redirectUrl", "Redirect score clicks to a storefront page (optional)", "url")}
          <div className="flex flex-col gap-1">
            {text("loyaltyPointsPerResponse", "Loyalty points for a confirmed answer (0 = off)", "number")}
            <Text size="xsmall" className="text-ui-fg-subtle">
              Once per survey, for customers with an account.
              {loyaltyOff ? " The loyalty program is switched off, so no points are given right now." : ""}
            </Text>
          </div>
        </div>
        <div className="flex justify-end">
          <Button type="submit" size="small" isLoading={save.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Container>
  )
}
