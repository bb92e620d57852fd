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
      matcher: "/store/retention/preferences",
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      matcher: "/store/retention/preferences",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(UpdatePreferences)],
    },
  ],
})
