import { authenticate, defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { UpdatePreferences } from "./store/retention/preferences/validators"
import { refuseUnstorableInput } from "./utils/refuse-unstorable-input"

export default defineMiddlewares({
  routes: [
    // Every route of the plugin refuses input PostgreSQL cannot store (NUL bytes) with a 400.
    { matcher: "/admin/retention*", middlewares: [refuseUnstorableInput] },
    { matcher: "/store/retention*", middlewares: [refuseUnstorableInput] },
    { matcher: "/retention*", middlewares: [refuseUnstorableInput] },
    {
      // Signature verification needs the exact bytes SendGrid signed, checked before anything
      // parses them: the route reads the body itself, capped (413) at SENDGRID_WEBHOOK_MAX_BYTES.
      matcher: "/retention/webhooks/sendgrid",
      methods: ["POST"],
      bodyParser: false,
    },
    {
      // A template override carries a whole MJML document; allow more than the default body.
      matcher: "/admin/retention/templates/*",
      methods: ["POST"],
      bodyParser: { sizeLimit: "256kb" },
    },
    {
      matcher: "/store/retention/preferences",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      // Loyalty: a customer only ever sees and spends their own points.
      matcher: "/store/retention/loyalty*",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      // Subscriptions: a customer only ever sees and changes their own.
      matcher: "/store/retention/subscriptions*",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      matcher: "/store/retention/replenishment/cart-items",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      matcher: "/store/retention/preferences",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(UpdatePreferences)],
    },
  ],
})
