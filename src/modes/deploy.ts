import * as core from '@actions/core'
import { checkValuesAndLint, renderAndCheck } from '../checks/preflight.js'
import { deploy, type DeployResult } from '../deploy/deploy.js'
import type { Kubectl } from '../kube/kubectl.js'
import { prewarmBaseline, readEarly, type EarlyReads } from '../deploy/early-reads.js'
import { releaseHelm } from '../deploy/ports.js'
import { storageDriver, storedRecords, type StoredRecords } from '../helm/storage.js'
import { KubectlProxy } from '../kube/api-proxy.js'
import { LeaseApi } from '../kube/lease-api.js'
import { leaseName, leasePath } from '../kube/lease.js'
import { ReleaseWatch } from '../kube/release-watch.js'
import { renderDeploySummary } from '../report/summary.js'
import type { Session } from '../run/session.js'
import { rememberDeploy, type DeployState } from '../run/step-state.js'
import { connectMeanwhile, type Connection, type ModeDeps, type ModeResult } from './mode.js'

/** How often the pending revision's record is looked for through the API while it is not there. */
const RECORD_POLL_MS = 200

/** `mode: deploy`: the checks, the upgrade, the rollout verdict, and a rollback when it fails. */
export async function deployMode(opened: Session, deps: ModeDeps): Promise<ModeResult> {
  // The rollout is followed through one kubectl proxy (every kubeconfig auth method keeps
  // working), by watch streams on the release's own objects only. The proxy (reads only) starts
  // while the values are checked; the cluster's version is read through it. The deploy lock has a
  // proxy of its own (GET and PUT of its Lease only); the Lease and, when it is free, the release's
  // history and current record are read meanwhile too (early-reads.ts). The release's records
  // are read through the watch's proxy from helm's own storage objects (helm/storage.ts): one
  // request instead of a helm process per read.
  let watch: ReleaseWatch | undefined
  let stored: StoredRecords | undefined
  let lock: LockReads | undefined
  const cluster = connectMeanwhile(
    opened,
    deps,
    () => watch!.serverVersion(),
    // As soon as the cluster is known, before its version is read.
    (c) => {
      const w = ReleaseWatch.throughKubectl((socket) => c.kube.proxyCommand(socket), {
        warn: (line) => core.warning(line),
        debug: (line) => core.debug(line)
      })
      w.prepare()
      watch = w
      const namespace = c.session.target.namespace ?? 'default'
      stored = storedRecords(
        (path) => w.getObject(path),
        storageDriver(),
        namespace,
        c.session.config.release
      )
      if (c.session.config.lock) {
        lock = startLockReads(c, stored)
        prewarmBaseline(lock.early, namespace, (refs) => w.snapshot(refs))
      }
    }
  )
  try {
    await checkValuesAndLint(opened)
    const { session: s, kube, serverVersion } = await cluster
    return await deployChecked(opened, s, kube, serverVersion, watch!, stored, lock, deps)
  } finally {
    // Closed once connecting has settled, also when the checks failed first.
    void cluster
      .finally(() => {
        watch?.close()
        lock?.proxy.close()
      })
      .catch(() => undefined)
  }
}

interface LockReads {
  proxy: KubectlProxy
  api: LeaseApi
  early: Promise<EarlyReads | undefined>
}

/** Starts the lock's proxy, and reads its Lease and (when free) the release through it. */
function startLockReads(c: Connection, stored: StoredRecords | undefined): LockReads {
  const { session: s, kube } = c
  const path = leasePath(kube.target.namespace, leaseName(s.config.release))
  const proxy = new KubectlProxy((socket) => kube.leaseProxyCommand(socket, path), {
    startTimeoutMs: 10_000,
    log: (line) => core.debug(line)
  })
  proxy.prepare()
  const api = new LeaseApi(proxy, path)
  const early = readEarly(
    () => api.read(),
    releaseHelm(s.helm, s.target, s.config, undefined, stored)
  )
  return { proxy, api, early }
}

async function deployChecked(
  opened: Session,
  s: Session,
  kube: Kubectl,
  serverVersion: string | undefined,
  watch: ReleaseWatch,
  stored: StoredRecords | undefined,
  lock: LockReads | undefined,
  deps: ModeDeps
): Promise<ModeResult> {
  const { reporter, cancel } = deps
  await renderAndCheck(opened, serverVersion)
  const state: DeployState = {
    helm: s.helm.binary,
    release: s.config.release,
    namespace: s.target.namespace,
    kubeContext: s.target.kubeContext,
    kubeconfig: s.target.kubeconfig,
    rollbackOnFailure: s.config.rollbackOnFailure,
    finished: false
  }
  await reporter.deploymentStarted()
  const result = await core.group(`Deploy ${s.config.release} to ${s.target.namespace}`, () =>
    deploy(s, {
      kube,
      reader: watch,
      readLease: lock && (() => lock.api.read()),
      stored,
      // One GET instead of two helm processes beside the upgrade: looked for often.
      recordPollMs: () => (stored?.working ? RECORD_POLL_MS : undefined),
      replaceLease: lock && ((lease) => lock.api.replace(lease)),
      early: lock?.early,
      clock: deps.clock,
      cancel,
      onStarted: (lastGood) => rememberDeploy({ ...state, lastGood }),
      remember: (patch) => rememberDeploy(Object.assign(state, patch)),
      warn: (line) => core.warning(line)
    })
  )
  rememberDeploy({ ...state, finished: true })
  for (const w of result.warnings) core.warning(w)

  const markdown = renderDeploySummary(result)
  await reporter.summary(markdown)
  await reporter.deploymentFinished(
    result.ok,
    result.ok ? `Revision ${result.revision} deployed` : failureHeadline(result)
  )
  await reporter.comment(markdown, [], result.ok ? s.config.environmentUrl : undefined)
  return {
    outputs: {
      status: result.ok
        ? 'deployed'
        : result.unknown
          ? 'unknown'
          : result.rollback?.healthy && !result.rollback.uninstalled
            ? 'rolled-back'
            : 'failed',
      revision: result.revision,
      previousRevision: result.previousRevision,
      rolledBack:
        !!result.rollback && !result.rollback.uninstalled && result.rollback.revision !== undefined,
      changed: result.changed,
      images: result.imagesAfter
    },
    error: result.ok ? undefined : failureMessage(result)
  }
}

function failureHeadline(r: DeployResult): string {
  if (r.unknown) return 'Outcome unknown: the cluster stopped answering'
  return r.rollback?.healthy && !r.rollback.uninstalled
    ? `Failed; rolled back to revision ${r.rollback.toRevision}`
    : 'Deploy failed'
}

function failureMessage(r: DeployResult): string {
  if (r.unknown) return r.unknown
  const what =
    r.failures.length > 1
      ? `the rollout failed (${r.failures.length} problems)`
      : r.failures.length === 1
        ? 'the rollout failed'
        : 'the deploy failed'
  const restored = r.rollback
    ? r.rollback.uninstalled
      ? 'The failed first install was uninstalled.'
      : r.rollback.healthy
        ? `Rolled back to revision ${r.rollback.toRevision} (now revision ${r.rollback.revision}), which is healthy.`
        : `Rollback: ${r.rollback.detail}.`
    : 'The release is left as it is (rollback-on-failure is off, or there was nothing to restore).'
  return `Revision ${r.attemptedRevision} of ${r.release}: ${what}:\n${r.error}\n${restored}`
}
