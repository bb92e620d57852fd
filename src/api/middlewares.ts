import { authenticate, defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { UpdatePreferences } from "./store/retention/preferences/validators"

export default defineMiddlewares({
  routes: [
    {
      // Signature verification needs the exact bytes SendGrid signed.
      matcher: "/retention/webhooks/sendgrid",
      methods: ["POST"],
      bodyParser: { preserveRawBody: true, sizeLimit: "5mb" },
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
      matcher: "/store/retention/preferences",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(UpdatePreferences)],
    },
  ],
})
