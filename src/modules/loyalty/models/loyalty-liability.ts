import { model } from "@medusajs/framework/utils"

// The outstanding points of one customer attributed to one currency: a cache of the ledger,
// so the program summary's liability per currency is a sum over these rows instead of an
// aggregate of the whole ledger. A customer's points are one pool; each currency gets the
// share of the customer's credits (earn, bonus, positive adjustments) earned in it. Rewritten
// from the customer's ledger in the same transaction, under the account lock, as every balance
// change, like the account's balances.
export const LoyaltyLiability = model
  .define("retention_loyalty_liability", {
    id: model.id({ prefix: "rlliab" }).primaryKey(),
    customer_id: model.text(),
    // The credits' currency; "none" for credits without one (sign-up bonuses and the like).
    currency_code: model.text(),
    // Points credited in this currency, ever.
    credited: model.number(),
    // available × credited / all the customer's credits: this currency's share of what the
    // customer can still spend (fractional; rounded only when summed).
    points: model.bigNumber(),
  })
  .indexes([{ on: ["customer_id", "currency_code"], unique: true }])
