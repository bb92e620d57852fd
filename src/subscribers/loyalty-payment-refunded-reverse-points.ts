import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseRefundPointsWorkflow } from "../workflows/loyalty/reverse-refund-points"

/**
 * A refund (with or without a return) takes back its share of the order's points, keyed per
 * refund id. The event's payload is only the payment id ({ id }), from refundPaymentWorkflow.
 */
export default async function reversePointsOnPaymentRefunded({ event, container }: SubscriberArgs<{ id: string }>) {
  await reverseRefundPointsWorkflow(container).run({ input: { payment_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "payment.refunded",
  context: { subscriberId: "retention-loyalty-payment-refunded" },
}
