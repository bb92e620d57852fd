// A payment provider for the test lanes only (registered by medusa-config.ts when
// NODE_ENV=test): it declines every authorization, the way a card with insufficient funds
// does, so renewal dunning is tested through Medusa's real checkout. Not in the package.
import { randomUUID } from "crypto"
import { AbstractPaymentProvider, ModuleProvider, Modules, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentOutput,
  CapturePaymentOutput,
  CancelPaymentOutput,
  DeletePaymentOutput,
  GetPaymentStatusOutput,
  InitiatePaymentOutput,
  RefundPaymentOutput,
  RetrievePaymentOutput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"

class DecliningPaymentProvider extends AbstractPaymentProvider {
  static identifier = "declining"

  async initiatePayment(): Promise<InitiatePaymentOutput> {
    return { id: randomUUID(), data: {} }
  }
  async authorizePayment(): Promise<AuthorizePaymentOutput> {
    return { status: PaymentSessionStatus.ERROR, data: { decline_code: "insufficient_funds" } }
  }
  async capturePayment(): Promise<CapturePaymentOutput> {
    return { data: {} }
  }
  async cancelPayment(): Promise<CancelPaymentOutput> {
    return { data: {} }
  }
  async deletePayment(): Promise<DeletePaymentOutput> {
    return { data: {} }
  }
  async getPaymentStatus(): Promise<GetPaymentStatusOutput> {
    return { status: PaymentSessionStatus.ERROR }
  }
  async refundPayment(): Promise<RefundPaymentOutput> {
    return { data: {} }
  }
  async retrievePayment(): Promise<RetrievePaymentOutput> {
    return { data: {} }
  }
  async updatePayment(): Promise<UpdatePaymentOutput> {
    return { data: {} }
  }
  async getWebhookActionAndData(): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }
}

export default ModuleProvider(Modules.PAYMENT, { services: [DecliningPaymentProvider] })
