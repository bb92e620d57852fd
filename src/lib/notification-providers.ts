import type {
  ProviderSendNotificationDTO,
  ProviderSendNotificationResultsDTO,
} from "@medusajs/framework/types"

/**
 * The plugin's own notification providers. They read only what a send step hands them (to,
 * from, content, data, attachments), nothing the Notification Module adds, so the send step can
 * call them directly.
 */
export const PLUGIN_PROVIDER_IDENTIFIERS: readonly string[] = ["retention-sendgrid", "retention-outbox"]

export type DirectProvider = {
  /** The provider's id in the Notification Module (the store's `providers[].id`). */
  id: string
  send: (notification: ProviderSendNotificationDTO) => Promise<ProviderSendNotificationResultsDTO>
}

type ProviderRegistry = {
  getProviderForChannels: (channel: string) => Promise<{ id: string; is_enabled?: boolean } | undefined>
  retrieveProviderRegistration: (id: string) => unknown
}

function providerRegistry(notificationModule: unknown): ProviderRegistry | null {
  const registry = (notificationModule as { notificationProviderService_?: Partial<ProviderRegistry> } | null)
    ?.notificationProviderService_
  if (typeof registry?.getProviderForChannels !== "function" || typeof registry.retrieveProviderRegistration !== "function") {
    return null
  }
  return registry as ProviderRegistry
}

/** False when the Notification Module no longer has the provider registry this file reads. */
export function canReadProviderRegistry(notificationModule: unknown): boolean {
  return providerRegistry(notificationModule) !== null
}

/**
 * The provider the Notification Module loaded for `channel`, if it is one of the plugin's:
 * the same instance, built from the store's own registration (`modules.notification.options
 * .providers`), so there is one place to configure it. Sending to it directly skips the
 * Notification Module's per-email record, which costs more CPU than everything else in a send.
 *
 * This reads the Notification Module's provider registry, which @medusajs/notification 2.21
 * does not document; the messaging tests pin it. Anything unexpected (another provider on the
 * channel, a disabled one, a module that changed shape) answers null, and the caller sends
 * through createNotifications as before.
 */
export async function directProviderFor(notificationModule: unknown, channel: string): Promise<DirectProvider | null> {
  const registry = providerRegistry(notificationModule)
  if (!registry) {
    return null
  }
  const entry = await registry.getProviderForChannels(channel)
  if (!entry?.id || entry.is_enabled === false) {
    return null
  }
  let instance: unknown
  try {
    instance = registry.retrieveProviderRegistration(entry.id)
  } catch {
    return null
  }
  const provider = instance as { send?: DirectProvider["send"]; constructor?: { identifier?: unknown } } | null
  const identifier = provider?.constructor?.identifier
  if (typeof provider?.send !== "function" || typeof identifier !== "string" || !PLUGIN_PROVIDER_IDENTIFIERS.includes(identifier)) {
    return null
  }
  return { id: entry.id, send: (notification) => provider.send!.call(provider, notification) }
}
