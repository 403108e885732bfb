// What to tell the user when a chart source refuses: the helm call that prepares or resolves a
// repository, registry or version failed. Pure: the caller passes helm's own message, the
// result names the input to fix, its value, and what to check. Secrets never reach here (helm
// does not print passwords; the password goes to helm on stdin).

export type SourceStep = 'repo add' | 'registry login' | 'resolve' | 'dependency build'

export interface SourceContext {
  /** The chart input as given (path, repo/name, name with repo-url, oci://…). */
  chart: string
  repoUrl?: string
  chartVersion?: string
  withCredentials: boolean
}

const UNAUTHORIZED = /\b401\b|unauthori[sz]ed|authentication required|basic credential not found/i
const FORBIDDEN = /\b403\b|forbidden|denied/i
const TLS = /x509:|certificate signed by unknown authority|tls:/i
const NO_VERSION =
  /no chart version found|matching .* not found|can't get a valid version|not found in .* index|: not found$|manifest unknown|no matching version|no tags? found/im

function why(stderr: string, c: SourceContext): string | undefined {
  if (UNAUTHORIZED.test(stderr))
    return c.withCredentials
      ? 'the server refused the credentials: check "repo-username" and "repo-password"'
      : 'the server asks for credentials: set "repo-username" and "repo-password"'
  if (FORBIDDEN.test(stderr))
    return 'the account of "repo-username" may not read this chart: check its permissions'
  if (TLS.test(stderr))
    return 'its TLS certificate is not trusted: give helm the CA (SSL_CERT_FILE on the step, or the runner trust store)'
  return undefined
}

/** One message for the person on call; helm's own words follow it. */
export function sourceFailure(step: SourceStep, helmMessage: string, c: SourceContext): string {
  const reason = why(helmMessage, c)
  const helmSays = `helm says: ${helmMessage.trim()}`
  switch (step) {
    case 'repo add':
      return `Input "repo-url" "${c.repoUrl ?? ''}": the chart repository could not be added (${reason ?? 'check the URL: it must serve index.yaml'}). Nothing was deployed.\n${helmSays}`
    case 'registry login':
      return `Input "chart" "${c.chart}": logging in to the OCI registry failed (${reason ?? 'check the registry host'}). Nothing was deployed.\n${helmSays}`
    case 'dependency build':
      return `Input "chart" "${c.chart}": helm dependency build could not fetch the chart's dependencies (${reason ?? 'check the repository and version of each dependency in Chart.yaml; set repo-url (and credentials) to the repository they come from'}). Nothing was deployed.\n${helmSays}`
    case 'resolve':
      if (reason)
        return `Input "chart" "${c.chart}": the chart could not be fetched (${reason}). Nothing was deployed.\n${helmSays}`
      if (c.chartVersion !== undefined && NO_VERSION.test(helmMessage))
        return `Input "chart-version" "${c.chartVersion}": no version of ${c.chart} matches it; give a version the source publishes, or a range such as ~1.4. Nothing was deployed.\n${helmSays}`
      return `Input "chart" "${c.chart}": the chart could not be found${c.chartVersion === undefined ? '' : ` (chart-version "${c.chartVersion}")`}; check the chart name and source. Nothing was deployed.\n${helmSays}`
  }
}
