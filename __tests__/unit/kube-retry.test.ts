import { describe, expect, it } from '@jest/globals'
import type { CommandResult } from '../../src/exec/runner.js'
import {
  classifyFailure,
  retryRead,
  UnreachableError,
  type FailureKind,
  type RetryPolicy
} from '../../src/kube/retry.js'

// stderr as kubectl 1.35 and helm 3/4 print it (captured from the local control plane, the
// apiserver paused or stopped, and client-go error strings).
describe('classifyFailure', () => {
  it.each<[string, FailureKind]>([
    ['Unable to connect to the server: net/http: TLS handshake timeout', 'transient'],
    [
      'The connection to the server 127.0.0.1:16443 was refused - did you specify the right host or port?',
      'transient'
    ],
    [
      'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:16443/version": dial tcp 127.0.0.1:16443: connect: connection refused',
      'transient'
    ],
    [
      'Error: query: failed to query with labels: Get "https://127.0.0.1:16443/api/v1/namespaces/x/secrets?labelSelector=name%3Dgoatflow%2Cowner%3Dhelm": net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'transient'
    ],
    [
      'Unable to connect to the server: context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
      'transient'
    ],
    [
      'Error from server (Timeout): the server was unable to return a response in the time allotted, but may still be processing the request (get pods)',
      'transient'
    ],
    [
      'Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later',
      'transient'
    ],
    [
      'Error from server (ServiceUnavailable): the server is currently unable to handle the request',
      'transient'
    ],
    [
      'Error from server (InternalError): an error on the server ("etcdserver: request timed out") has prevented the request from succeeding',
      'transient'
    ],
    ['error: unexpected EOF', 'transient'],
    [
      'Get "https://127.0.0.1:16443/api": read tcp 127.0.0.1:5->127.0.0.1:16443: read: connection reset by peer',
      'transient'
    ],
    ['http2: client connection lost', 'transient'],
    [
      'Error from server (Forbidden): events is forbidden: User "system:serviceaccount:ci:deployer" cannot list resource "events" in API group "" in the namespace "apps"',
      'forbidden'
    ],
    [
      'Error from server (NotFound): leases.coordination.k8s.io "deploy-lock-goatflow" not found',
      'not-found'
    ],
    ['Error: release: not found', 'not-found'],
    [
      'Error from server (AlreadyExists): error when creating "STDIN": leases.coordination.k8s.io "deploy-lock-goatflow" already exists',
      'conflict'
    ],
    [
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on leases.coordination.k8s.io "deploy-lock-goatflow": the object has been modified; please apply your changes to the latest version and try again',
      'conflict'
    ],
    ['error: You must be logged in to the server (Unauthorized)', 'permanent'],
    ['error: unknown flag: --bogus', 'permanent'],
    [
      'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
      'permanent'
    ]
  ])('%s -> %s', (stderr, kind) => {
    expect(classifyFailure({ stderr })).toBe(kind)
  })
})

const fail = (stderr: string): CommandResult => ({ exitCode: 1, stdout: '', stderr })
const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '' })

function scripted(results: CommandResult[]) {
  let calls = 0
  return {
    run: async () => results[Math.min(calls++, results.length - 1)],
    calls: () => calls
  }
}

const fast = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
  minWindowMs: 2_000,
  minDelayMs: 1,
  maxDelayMs: 5,
  ...over
})

describe('retryRead', () => {
  it('repeats a read while the API server is unreachable and returns the first answer', async () => {
    const s = scripted([
      fail('Unable to connect to the server: net/http: TLS handshake timeout'),
      fail('The connection to the server 127.0.0.1:16443 was refused'),
      ok('{"items":[]}')
    ])
    const lines: string[] = []
    const r = await retryRead('kubectl get pods', s.run, fast({ log: (l) => lines.push(l) }))
    expect(r.stdout).toBe('{"items":[]}')
    expect(s.calls()).toBe(3)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^kubectl get pods: the cluster did not answer \(.*TLS handshake timeout\); retrying in/
    )
  })

  it.each(['Error from server (Forbidden): pods is forbidden', 'Error: release: not found'])(
    'returns an answer that is not transient at once: %s',
    async (stderr) => {
      const s = scripted([fail(stderr), ok('never')])
      expect((await retryRead('read', s.run, fast())).stderr).toBe(stderr)
      expect(s.calls()).toBe(1)
    }
  )

  it('gives up with UnreachableError once the window has passed', async () => {
    const s = scripted([fail('Unable to connect to the server: EOF')])
    const e = await retryRead('helm status', s.run, fast({ minWindowMs: 50 })).catch(
      (x: unknown) => x
    )
    expect(e).toBeInstanceOf(UnreachableError)
    expect((e as UnreachableError).message).toMatch(
      /^helm status failed \d+ time\(s\) over \d+s, the cluster did not answer: Unable to connect to the server: EOF$/
    )
    expect(s.calls()).toBeGreaterThan(1)
  })

  it("retries for as long as the run's deadline allows when that is longer than the minimum window", async () => {
    const s = scripted([
      ...Array.from({ length: 30 }, () => fail('connect: connection refused')),
      ok('done')
    ])
    const now = Date.now()
    const r = await retryRead(
      'kubectl get pods',
      s.run,
      fast({ minWindowMs: 0, maxDelayMs: 2, deadline: () => now + 5_000 })
    )
    expect(r.stdout).toBe('done')
    expect(s.calls()).toBe(31)
  })
})
