import { Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { formatDate, SendPause } from "../../lib/messaging"
import { sdk } from "../../lib/sdk"

/**
 * Campaigns and topics the deliverability guard paused after too many spam complaints. Shown
 * only while there is one: every send in that scope is suppressed until someone resumes it.
 */
export const ActivePauses = () => {
  const queryClient = useQueryClient()
  const prompt = usePrompt()
  const { data } = useQuery({
    queryKey: ["retention", "pauses"],
    queryFn: () => sdk.client.fetch<{ pauses: SendPause[] }>("/admin/retention/pauses"),
  })
  const resume = useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ pause: SendPause }>(`/admin/retention/pauses/${id}/resume`, { method: "POST" }),
    onSuccess: ({ pause }) => {
      toast.success(`Sending resumed for ${pause.scope}`)
      queryClient.invalidateQueries({ queryKey: ["retention", "pauses"] })
    },
    onError: (e: Error) => toast.error(e.message || "Could not resume"),
  })

  const pauses = data?.pauses ?? []
  if (!pauses.length) return null

  const onResume = async (pause: SendPause) => {
    const confirmed = await prompt({
      title: `Resume ${pause.scope}?`,
      description:
        "Sends in this scope will go out again. Check why recipients complained first: mailbox providers block senders whose complaint rate stays high.",
      confirmText: "Resume sending",
      cancelText: "Cancel",
    })
    if (confirmed) resume.mutate(pause.id)
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Paused sending</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The deliverability guard stopped these after too many spam complaints.
        </Text>
      </div>
      {pauses.map((pause) => (
        <div key={pause.id} className="flex items-center justify-between gap-4 px-6 py-4">
          <div className="flex flex-col">
            <Text weight="plus">{pause.scope}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {pause.reason} · since {formatDate(pause.created_at)}
            </Text>
          </div>
          <Button
            size="small"
            variant="secondary"
            isLoading={resume.isPending && resume.variables === pause.id}
            onClick={() => onResume(pause)}
          >
            Resume
          </Button>
        </div>
      ))}
    </Container>
  )
}
