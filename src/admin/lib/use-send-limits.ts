import { useQuery } from "@tanstack/react-query"
import type { SendLimits } from "./messaging"
import { SectionState, sdk } from "./sdk"

/** The store's marketing frequency caps (Settings → Consent), to name them in reasons. */
export function useSendLimits(): SendLimits {
  const { data } = useQuery({
    queryKey: ["retention", "settings"],
    queryFn: () => sdk.client.fetch<{ sections: SectionState[] }>("/admin/retention/settings"),
    staleTime: 60_000,
  })
  const consent = data?.sections.find((s) => s.section === "consent")?.values ?? {}
  const num = (v: unknown) => (typeof v === "number" ? v : undefined)
  return { maxMarketingPerDay: num(consent.maxMarketingPerDay), maxMarketingPerWeek: num(consent.maxMarketingPerWeek) }
}
