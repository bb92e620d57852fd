import { Navigate, useLocation } from "react-router-dom"

/** The templates moved to Retention → Templates; links to the old address (with ?template=) still work. */
const OldTemplatesAddress = () => {
  const { search } = useLocation()
  return <Navigate to={`/retention/templates${search}`} replace />
}

export default OldTemplatesAddress
