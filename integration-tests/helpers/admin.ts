import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

type Api = { post: (url: string, body?: unknown, config?: unknown) => Promise<{ data: { token: string } }> }

/**
 * Creates an admin user the way `medusa user` does (emailpass identity linked to a user)
 * and logs in through the real auth route, so admin routes are exercised with real auth.
 */
export async function createAdminAndLogin(
  container: MedusaContainer,
  api: Api,
  email = "admin@retention.test",
  password = "s3cret-Passw0rd"
): Promise<{ headers: { authorization: string }; userId: string }> {
  const auth = container.resolve(Modules.AUTH)
  const users = container.resolve(Modules.USER)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email, password },
  } as Parameters<typeof auth.register>[1])
  if (error || !authIdentity) {
    throw new Error(`could not register admin identity: ${error}`)
  }
  const user = await users.createUsers({ email })
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${data.token}` }, userId: user.id }
}

/** Polls until `check` returns a truthy value (events are delivered asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) {
        return value
      }
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${last}` : ""}`)
}
