import type { BrandSettings } from "./types"

/** Brand used by the admin preview when the store has not configured one, and by tests. */
export const SAMPLE_BRAND: BrandSettings = {
  storeName: "Kestrel Supply",
  fromName: "Kestrel Supply",
  fromEmail: "hello@kestrel.example.com",
  replyTo: "support@kestrel.example.com",
  logoUrl: "https://placehold.co/240x80/png?text=Kestrel",
  primaryColor: "#0f766e",
  textColor: "#1f2937",
  backgroundColor: "#f3f4f6",
  storeAddress:
    "Kestrel Supply Ltd.\nModa Cad. 12\n34710 Kadıköy, İstanbul\nTürkiye",
  storefrontUrl: "https://kestrel.example.com",
}

export const SAMPLE_LINKS = {
  unsubscribeUrl:
    "https://kestrel.example.com/retention/unsubscribe?token=sample",
  preferencesUrl:
    "https://kestrel.example.com/retention/preferences?token=sample",
}
