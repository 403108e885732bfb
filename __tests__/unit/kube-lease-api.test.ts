import { describe, expect, it } from '@jest/globals'
import type { ApiResponse } from '../../src/kube/api-proxy.js'
import { LeaseApi } from '../../src/kube/lease-api.js'
import type { LeaseObject } from '../../src/kube/lease.js'

const PATH = '/apis/coordination.k8s.io/v1/namespaces/apps/leases/deploy-lock-goatflow'
const lease: LeaseObject = {
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'deploy-lock-goatflow', resourceVersion: '7' },
  spec: { holderIdentity: 'run-a' }
}
const status = (code: number, reason: string) =>
  JSON.stringify({ kind: 'Status', status: 'Failure', reason, code, message: `${reason} here` })

function api(answer: ApiResponse) {
  const sent: Array<[string, string, unknown]> = []
  return {
    sent,
    api: new LeaseApi(
      {
        get: async (path) => {
          sent.push(['GET', path, undefined])
          return answer
        },
        put: async (path, body) => {
          sent.push(['PUT', path, body])
          return answer
        }
      },
      PATH
    )
  }
}

describe('the Lease over its own proxy', () => {
  it.each<[string, ApiResponse, LeaseObject | undefined | RegExp]>([
    ['the Lease', { status: 200, body: JSON.stringify(lease) }, lease],
    ['none when the API server says so', { status: 404, body: status(404, 'NotFound') }, undefined],
    [
      'an error for a path the server does not serve',
      { status: 404, body: '404 page not found' },
      /HTTP 404/
    ],
    ['an error for a denial', { status: 403, body: status(403, 'Forbidden') }, /HTTP 403 Forbidden/]
  ])('reads %s', async (_what, answer, expected) => {
    const { api: a, sent } = api(answer)
    if (expected instanceof RegExp) await expect(a.read()).rejects.toThrow(expected)
    else await expect(a.read()).resolves.toEqual(expected)
    expect(sent).toEqual([['GET', PATH, undefined]])
  })

  it.each<[string, ApiResponse, LeaseObject | 'conflict' | RegExp]>([
    ['the written Lease', { status: 200, body: JSON.stringify(lease) }, lease],
    [
      'a conflict when the Lease changed since it was read',
      { status: 409, body: status(409, 'Conflict') },
      'conflict'
    ],
    [
      'an error the lock leaves to kubectl',
      { status: 500, body: status(500, 'InternalError') },
      /HTTP 500 InternalError/
    ]
  ])('replaces, answering %s', async (_what, answer, expected) => {
    const { api: a, sent } = api(answer)
    if (expected instanceof RegExp) await expect(a.replace(lease)).rejects.toThrow(expected)
    else await expect(a.replace(lease)).resolves.toEqual(expected)
    expect(sent).toEqual([['PUT', PATH, lease]])
  })
})
