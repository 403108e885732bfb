import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  collectionPath,
  groupVersionPath,
  resourceForKind,
  type ApiResourceList
} from '../../src/kube/api-discovery.js'
import { selectorQuery } from '../../src/kube/label-selector.js'
import {
  dependentStreams,
  MAX_PER_POD_EVENT_STREAMS,
  objectStream,
  podEventStreams,
  snapshotFromStreams,
  type StreamSpec
} from '../../src/kube/release-streams.js'
import type { LabelSelector, WorkloadRef } from '../../src/kube/types.js'
import {
  applyWatchEvent,
  replaceCache,
  type ApiObject,
  type ObjectCache,
  type WatchEvent
} from '../../src/kube/watch-cache.js'

// API answers captured from the local control plane (kube-apiserver 1.35): discovery documents,
// a Deployment listed by name, the watch stream of its pods during a rollout to a new image, and
// the 410 a watch from a compacted resourceVersion gets.
const fixture = (file: string): string =>
  readFileSync(new URL(`../../__fixtures__/kube/watch/${file}`, import.meta.url), 'utf8')
const json = <T>(file: string): T => JSON.parse(fixture(file)) as T
const rollout: WatchEvent[] = fixture('pods-rollout.ndjson')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as WatchEvent)
const deploymentList = json<{ items: ApiObject[] }>('deployment-list.json')
const webDeployment = deploymentList.items[0]

describe('selectorQuery', () => {
  it.each<[string, LabelSelector | undefined, string | undefined]>([
    ['no selector selects nothing', undefined, undefined],
    ['an empty selector selects everything', {}, ''],
    [
      'matchLabels',
      { matchLabels: { app: 'web', 'app.kubernetes.io/instance': 'shop' } },
      'app.kubernetes.io/instance=shop,app=web'
    ],
    [
      'every operator',
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'edge'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'track', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist' }
        ]
      },
      '!canary,env notin (dev),tier in (edge,web),track'
    ],
    [
      'labels and expressions, the same requirement once',
      {
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'app', operator: 'In', values: ['web'] },
          { key: 'tier', operator: 'Exists' }
        ]
      },
      'app in (web),app=web,tier'
    ]
  ])('%s', (_name, selector, query) => {
    expect(selectorQuery(selector)).toBe(query)
  })

  it('gives equal strings for equal selectors written in another order', () => {
    expect(
      selectorQuery({
        matchLabels: { b: '2', a: '1' },
        matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }]
      })
    ).toBe(
      selectorQuery({
        matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }],
        matchLabels: { a: '1', b: '2' }
      })
    )
  })

  it.each<[LabelSelector, RegExp]>([
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, /tier In has no values/],
    [
      { matchExpressions: [{ key: 'cpu', operator: 'Gt', values: ['1'] }] },
      /"Gt" on cpu is not one of In, NotIn, Exists, DoesNotExist/
    ]
  ])('refuses a selector the API server would refuse: %j', (selector, message) => {
    expect(() => selectorQuery(selector)).toThrow(message)
  })

  it("reads the Deployment's own selector", () => {
    expect(
      selectorQuery(
        (webDeployment as unknown as { spec: { selector: LabelSelector } }).spec.selector
      )
    ).toBe('app=web')
  })
})

describe('API discovery', () => {
  const widgets = json<ApiResourceList>('discovery-widgets.json')
  const apps = json<ApiResourceList>('discovery-apps-v1.json')
  const core = json<ApiResourceList>('discovery-v1.json')

  it.each([
    ['v1', '/api/v1'],
    ['apps/v1', '/apis/apps/v1'],
    ['cert-manager.io/v1', '/apis/cert-manager.io/v1']
  ])('serves %s under %s', (apiVersion, path) => {
    expect(groupVersionPath(apiVersion)).toBe(path)
  })

  it.each<[string, ApiResourceList, string, ReturnType<typeof resourceForKind>]>([
    [
      'a custom resource, not its status subresource',
      widgets,
      'Widget',
      { plural: 'widgets', namespaced: true, watchable: true }
    ],
    [
      'a built-in kind',
      apps,
      'ControllerRevision',
      { plural: 'controllerrevisions', namespaced: true, watchable: true }
    ],
    [
      'a cluster-scoped kind',
      core,
      'Node',
      { plural: 'nodes', namespaced: false, watchable: true }
    ],
    ['a kind served only as a subresource (deployments/scale)', apps, 'Scale', undefined],
    ['a kind the group does not serve', widgets, 'Gadget', undefined],
    [
      'a kind that cannot be watched',
      { resources: [{ name: 'bindings', kind: 'Binding', namespaced: true, verbs: ['create'] }] },
      'Binding',
      { plural: 'bindings', namespaced: true, watchable: false }
    ]
  ])('finds %s', (_name, doc, kind, expected) => {
    expect(resourceForKind(doc, kind)).toEqual(expected)
  })

  it.each([
    [
      'e2e.goatflow.dev/v1',
      { plural: 'widgets', namespaced: true, watchable: true },
      '/apis/e2e.goatflow.dev/v1/namespaces/shop/widgets'
    ],
    ['v1', { plural: 'nodes', namespaced: false, watchable: true }, '/api/v1/nodes']
  ])('builds the collection path of %s', (apiVersion, resource, path) => {
    expect(collectionPath(apiVersion, resource, 'shop')).toBe(path)
  })
})

describe('applyWatchEvent', () => {
  const oldPod = rollout.find((e) => e.object.metadata.name.startsWith('web-5974c5bb9c'))!.object
  const newPod = rollout[0].object

  it('follows a rollout: the new pod added and updated, the old one deleted', () => {
    const cache: ObjectCache = new Map([
      [`${oldPod.metadata.namespace}/${oldPod.metadata.name}`, oldPod]
    ])
    const applied = rollout.map((e) => applyWatchEvent(cache, e, 'Pod'))
    // The cache began with the old pod as its first MODIFIED event shows it: that one is no change.
    expect(applied.map((a) => a.kind)).toEqual([
      'changed',
      'changed',
      'changed',
      'unchanged',
      'changed',
      'changed'
    ])
    expect([...cache.values()].map((p) => p.metadata.name)).toEqual([newPod.metadata.name])
    expect(
      (cache.values().next().value as unknown as { status: { phase: string } }).status.phase
    ).toBe('Running')
    expect(applied.at(-1)).toEqual({
      kind: 'changed',
      resourceVersion: rollout.at(-1)!.object.metadata.resourceVersion
    })
  })

  it.each<[string, WatchEvent, ReturnType<typeof applyWatchEvent>['kind']]>([
    ['the same object again', rollout[0], 'unchanged'],
    [
      'a bookmark',
      {
        type: 'BOOKMARK',
        object: { kind: 'Pod', apiVersion: 'v1', metadata: { name: '', resourceVersion: '99999' } }
      },
      'unchanged'
    ],
    ['410 Expired: LIST again', json<WatchEvent>('watch-expired.json'), 'gone'],
    [
      'another error',
      {
        type: 'ERROR',
        object: { metadata: { name: '' }, code: 500, reason: 'InternalError', message: 'etcd' }
      },
      'error'
    ],
    [
      'the deletion of an object never seen',
      {
        ...rollout[5],
        object: { ...rollout[5].object, metadata: { ...rollout[5].object.metadata, name: 'other' } }
      },
      'unchanged'
    ]
  ])('%s', (_name, event, kind) => {
    const cache: ObjectCache = new Map()
    applyWatchEvent(cache, rollout[0], 'Pod')
    expect(applyWatchEvent(cache, event, 'Pod').kind).toBe(kind)
  })

  it('moves the resourceVersion on with a bookmark', () => {
    expect(
      applyWatchEvent(
        new Map(),
        { type: 'BOOKMARK', object: { metadata: { name: '', resourceVersion: '42' } } },
        'Pod'
      )
    ).toEqual({ kind: 'unchanged', resourceVersion: '42' })
  })

  it('names the kind of LIST items, which the API leaves out', () => {
    const cache: ObjectCache = new Map()
    expect(replaceCache(cache, deploymentList.items, 'Deployment')).toBe(true)
    expect([...cache.values()].map((d) => d.kind)).toEqual(['Deployment'])
    expect(replaceCache(cache, deploymentList.items, 'Deployment')).toBe(false)
    expect(replaceCache(cache, [], 'Deployment')).toBe(true)
    expect(cache.size).toBe(0)
  })
})

describe('the streams of a release', () => {
  const ref = (kind: string, name = 'web', apiVersion?: string): WorkloadRef => ({
    kind,
    name,
    namespace: 'shop',
    ...(apiVersion ? { apiVersion } : {})
  })
  const withSelector = (kind: string, selector: LabelSelector): ApiObject =>
    ({ kind, metadata: { name: 'web', namespace: 'shop' }, spec: { selector } }) as ApiObject
  const keys = (streams: StreamSpec[]): string[] => streams.map((s) => decodeURIComponent(s.key))

  it.each<[string, WorkloadRef, string | undefined]>([
    [
      'a Deployment by name',
      ref('Deployment'),
      '/apis/apps/v1/namespaces/shop/deployments?fieldSelector=metadata.name=web'
    ],
    [
      'a Job by name',
      ref('Job', 'migrate'),
      '/apis/batch/v1/namespaces/shop/jobs?fieldSelector=metadata.name=migrate'
    ],
    [
      'a custom resource at its discovered path',
      ref('Widget', 'w1', 'e2e.goatflow.dev/v1'),
      '/apis/e2e.goatflow.dev/v1/namespaces/shop/widgets?fieldSelector=metadata.name=w1'
    ],
    [
      'a custom resource whose group is not served yet',
      ref('Gadget', 'g1', 'e2e.goatflow.dev/v1'),
      undefined
    ]
  ])('follows %s', (_name, r, key) => {
    const s = objectStream(r, (v) =>
      v === 'e2e.goatflow.dev/v1' ? json<ApiResourceList>('discovery-widgets.json') : undefined
    )
    expect(s && decodeURIComponent(s.key)).toBe(key)
  })

  it.each<[string, string, string[]]>([
    [
      'Deployment',
      'app=web',
      [
        '/apis/apps/v1/namespaces/shop/replicasets?labelSelector=app=web',
        '/api/v1/namespaces/shop/pods?labelSelector=app=web'
      ]
    ],
    [
      'StatefulSet',
      'app=web',
      [
        '/apis/apps/v1/namespaces/shop/controllerrevisions?labelSelector=app=web',
        '/api/v1/namespaces/shop/pods?labelSelector=app=web',
        '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind=StatefulSet,involvedObject.name=web'
      ]
    ],
    [
      'DaemonSet',
      'app=web',
      [
        '/apis/apps/v1/namespaces/shop/controllerrevisions?labelSelector=app=web',
        '/api/v1/namespaces/shop/pods?labelSelector=app=web'
      ]
    ],
    [
      'Job',
      'batch.kubernetes.io/controller-uid=0f1e',
      ['/api/v1/namespaces/shop/pods?labelSelector=batch.kubernetes.io/controller-uid=0f1e']
    ]
  ])("reads what a %s's rollout is judged on by its selector", (kind, query, expected) => {
    const [k, v] = query.split('=')
    expect(
      keys(dependentStreams(ref(kind), withSelector(kind, { matchLabels: { [k]: v } })))
    ).toEqual(expected)
  })

  it('reads nothing that depends on a workload not read yet, nor on a custom resource', () => {
    expect(dependentStreams(ref('Deployment'), undefined)).toEqual([])
    expect(
      dependentStreams(ref('Widget', 'w1', 'e2e.goatflow.dev/v1'), withSelector('Widget', {}))
    ).toEqual([])
  })

  it('gives workloads with one selector the same streams', () => {
    const a = dependentStreams(
      ref('Deployment', 'a'),
      withSelector('Deployment', { matchLabels: { x: '1', y: '2' } })
    )
    const b = dependentStreams(
      ref('Deployment', 'b'),
      withSelector('Deployment', { matchLabels: { y: '2', x: '1' } })
    )
    expect(keys(a)).toEqual(keys(b))
  })

  it('reads the events of each pod by name, and of a namespace of many pods in one stream', () => {
    expect(keys(podEventStreams('shop', ['web-1', 'web-2', 'web-1']))).toEqual([
      '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind=Pod,involvedObject.name=web-1',
      '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind=Pod,involvedObject.name=web-2'
    ])
    const many = Array.from({ length: MAX_PER_POD_EVENT_STREAMS + 1 }, (_, i) => `web-${i}`)
    expect(keys(podEventStreams('shop', many))).toEqual([
      '/api/v1/namespaces/shop/events?fieldSelector=involvedObject.kind=Pod'
    ])
  })
})

describe('snapshotFromStreams', () => {
  const pod = (name: string): ApiObject => ({ kind: 'Pod', metadata: { name, namespace: 'shop' } })
  const event = (kind: string, name: string, id: string): ApiObject =>
    ({
      kind: 'Event',
      metadata: { name: id, namespace: 'shop' },
      involvedObject: { kind, name, namespace: 'shop' }
    }) as ApiObject
  const spec = (role: StreamSpec['role'], kind: string, key: string): StreamSpec => ({
    key,
    path: key,
    query: {},
    kind,
    what: key,
    optional: role !== 'objects',
    role,
    watchable: true
  })

  it('holds each object once and only the events about the release', () => {
    const snap = snapshotFromStreams([
      {
        spec: spec('objects', 'Deployment', 'd'),
        items: [{ kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } }]
      },
      { spec: spec('objects', 'Pod', 'p1'), items: [pod('web-1'), pod('web-2')] },
      // A second workload with an overlapping selector reads the same pods.
      { spec: spec('objects', 'Pod', 'p2'), items: [pod('web-2')] },
      {
        spec: spec('events', 'Event', 'e'),
        items: [
          event('Pod', 'web-1', 'a'),
          event('Pod', 'noise-1', 'b'),
          event('StatefulSet', 'db', 'c')
        ]
      },
      {
        spec: spec('custom', 'Widget', 'w'),
        items: [
          {
            kind: 'Widget',
            apiVersion: 'e2e.goatflow.dev/v1',
            metadata: { name: 'w1', namespace: 'shop' }
          }
        ]
      }
    ])
    expect(snap.deployments.map((d) => d.metadata.name)).toEqual(['web'])
    expect(snap.pods.map((p) => p.metadata.name)).toEqual(['web-1', 'web-2'])
    expect(snap.events.map((e) => e.metadata.name)).toEqual(['a', 'c'])
    expect(snap.custom?.map((c) => c.metadata.name)).toEqual(['w1'])
  })
})
