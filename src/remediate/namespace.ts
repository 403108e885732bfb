import { KubectlError, type Kubectl } from '../kube/kubectl.js'
import { markedNamespace, NAMESPACE_CREATED_FOR, type RemoveFacts } from './marks.js'

/**
 * create-namespace: creates the release's namespace before anything is written to it (the deploy
 * lock's Lease lives there too), marked as created by the action for this release, so that
 * `mode: remove` may delete it later. Returns whether helm must still create it: only when the
 * credentials may not read namespaces, and helm's own --create-namespace is then the way.
 */
export async function prepareNamespace(
  kube: Kubectl,
  release: string,
  runUrl: string | undefined,
  log: (line: string) => void
): Promise<{ helmCreates: boolean }> {
  const name = kube.target.namespace
  try {
    if (await kube.getObject('namespace', name)) return { helmCreates: false }
    await kube.writeObject('create', markedNamespace(name, release, runUrl))
    log(
      `Created namespace ${name} for release ${release} (label ${NAMESPACE_CREATED_FOR}=${release}).`
    )
    return { helmCreates: false }
  } catch (e) {
    // Another run created it meanwhile: it is that run's.
    if (e instanceof KubectlError && /AlreadyExists/.test(e.result.stderr))
      return { helmCreates: false }
    if (e instanceof KubectlError && e.kind === 'forbidden') {
      log(
        `Cannot read or create namespace ${name} with these credentials; helm creates it (--create-namespace), unmarked: mode remove will not delete it without force.`
      )
      return { helmCreates: true }
    }
    throw e
  }
}

/** What the namespace says about who created it, for `mode: remove`. */
export async function namespaceState(kube: Kubectl): Promise<RemoveFacts['namespaceState']> {
  try {
    const ns = await kube.getObject<{
      metadata: { labels?: Record<string, string> }
      status?: { phase?: string }
    }>('namespace', kube.target.namespace)
    // One being deleted is as good as gone: nothing can be written to it any more.
    if (!ns || ns.status?.phase === 'Terminating') return { kind: 'absent' }
    return { kind: 'present', createdFor: ns.metadata.labels?.[NAMESPACE_CREATED_FOR] }
  } catch (e) {
    if (e instanceof KubectlError && e.kind === 'forbidden')
      return { kind: 'unreadable', reason: e.result.stderr.trim() }
    throw e
  }
}

/** The run URL a namespace records as its creator. */
export const runUrlFromEnv = (env = process.env): string | undefined =>
  env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined
