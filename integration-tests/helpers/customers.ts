import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createCustomerAccountWorkflow } from "@medusajs/medusa/core-flows"

type Api = { post: (url: string, body?: unknown) => Promise<{ data: { token: string } }> }

export const SHOPPER_PASSWORD = "Cust0mer-pass"

/**
 * A registered customer the way a storefront makes one (emailpass identity, account workflow),
 * logged in through the real auth route. Returns the customer and its bearer token.
 */
export async function createShopper(
  container: MedusaContainer,
  api: Api,
  email: string,
  customerData: { first_name?: string; last_name?: string; metadata?: Record<string, unknown> } = {}
) {
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email, password: SHOPPER_PASSWORD },
  } as Parameters<typeof auth.register>[1])
  if (!authIdentity) throw new Error(`could not register ${email}: ${error}`)
  const { result: customer } = await createCustomerAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity.id, customerData: { email, first_name: "Loyal", last_name: "Member", ...customerData } },
  })
  const { data } = await api.post("/auth/customer/emailpass", { email, password: SHOPPER_PASSWORD })
  return { customer, token: data.token }
}
