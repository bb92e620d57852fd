import { Button, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../../lib/sdk"
import type { MessageListItem } from "../../lib/messaging"

// Only a message that did not go out for good can be resent: one that failed (after a day of
// retries, or a provider rejection) or whose send was interrupted ("unknown": the merchant
// decides, since it may have gone).
const RESENDABLE = new Set(["failed", "unknown"])

type ResendAnswer = { message: MessageListItem; result: { status: string; reason: string | null } | null }

/**
 * One-click "Resend": the server reopens the message once (a double click does not send twice)
 * and sends it through the same send policy as any email, so an address that unsubscribed
 * meanwhile gets nothing and the answer says why.
 */
export const ResendButton = ({ message }: { message: Pick<MessageListItem, "id" | "status" | "status_reason"> }) => {
  const queryClient = useQueryClient()
  const resend = useMutation({
    mutationFn: () => sdk.client.fetch<ResendAnswer>(`/admin/retention/messages/${message.id}/resend`, { method: "POST" }),
    onSuccess: (answer) => {
      const status = answer.result?.status ?? answer.message.status
      if (status === "sent") toast.success("Message resent")
      else toast.info(`Not sent: ${status}${answer.result?.reason ? ` (${answer.result.reason})` : ""}`)
      void queryClient.invalidateQueries({ queryKey: ["retention", "messages"] })
      void queryClient.invalidateQueries({ queryKey: ["retention", "message", message.id] })
    },
    onError: (e: { message?: string }) => toast.error(e.message ?? "Could not resend"),
  })
  if (!RESENDABLE.has(message.status)) return null
  return (
    <Button
      size="small"
      variant="secondary"
      isLoading={resend.isPending}
      disabled={resend.isPending}
      title={message.status_reason ?? undefined}
      onClick={() => resend.mutate()}
    >
      Resend
    </Button>
  )
}
