import { clx } from "@medusajs/ui"

/**
 * Shows an email's HTML exactly as sent or rendered. `sandbox=""` gives the document no
 * scripts, no same-origin access to the dashboard (and its session), no forms, no top-level
 * navigation: a merchant's template or a recipient's data cannot act inside the admin.
 */
export const EmailFrame = ({ html, title, className }: { html: string; title: string; className?: string }) => (
  <iframe
    sandbox=""
    srcDoc={html}
    title={title}
    referrerPolicy="no-referrer"
    className={clx("h-[600px] w-full rounded-md border border-ui-border-base bg-white", className)}
  />
)
