import { Container, Heading, Text, StatusBadge } from "@medusajs/ui"

/** Placeholder for a capability that has not shipped yet: says so plainly, shows no fake data. */
export const NotBuiltYet = ({ title, description }: { title: string; description: string }) => (
  <Container className="divide-y p-0">
    <div className="flex items-center justify-between px-6 py-4">
      <Heading level="h1">{title}</Heading>
      <StatusBadge color="grey">Not built yet</StatusBadge>
    </div>
    <div className="flex flex-col gap-2 px-6 py-4">
      <Text>{description}</Text>
      <Text size="small" className="text-ui-fg-subtle">
        This part of medusa-plugin-retention has not been released yet. Nothing on this page is
        active, and no emails are sent for it.
      </Text>
    </div>
  </Container>
)
