// Writes the schema-style fixture charts of __fixtures__/charts/schema-* : values.schema.json files
// in the shapes real charts publish (generated from Go types with hundreds of $defs, $id-relative
// documents, 2020-12 anchors and dynamic refs, pointers into properties), each with a subchart and
// globals. Deterministic; the output is committed and checked by the tests, rerun after an edit:
//   node test/charts/schemas/generate.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const OUT = join(ROOT, '__fixtures__/charts')
const json = (v) => `${JSON.stringify(v, null, 2)}\n`
const yaml = (lines) => `${lines.join('\n')}\n`

function chart(name, { description, schema, values, sub }) {
  const dir = join(OUT, name)
  mkdirSync(join(dir, 'templates'), { recursive: true })
  writeFileSync(
    join(dir, 'Chart.yaml'),
    yaml([
      'apiVersion: v2',
      `name: ${name}`,
      `description: ${description}`,
      'version: 0.1.0',
      'dependencies:',
      '  - name: worker',
      '    version: 1.0.0',
      '    condition: worker.enabled'
    ])
  )
  writeFileSync(join(dir, 'values.schema.json'), json(schema))
  writeFileSync(join(dir, 'values.yaml'), yaml(values))
  writeFileSync(
    join(dir, 'templates/configmap.yaml'),
    yaml([
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-values',
      'data:',
      '  values.json: {{ toJson .Values | quote }}'
    ])
  )
  const subDir = join(dir, 'charts/worker')
  mkdirSync(subDir, { recursive: true })
  writeFileSync(
    join(subDir, 'Chart.yaml'),
    yaml(['apiVersion: v2', 'name: worker', 'version: 1.0.0'])
  )
  writeFileSync(join(subDir, 'values.schema.json'), json(sub.schema))
  writeFileSync(join(subDir, 'values.yaml'), yaml(sub.values))
}

// A subchart schema in the generated style too: draft-07, root $ref into $defs, a global it checks.
const worker = {
  schema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $ref: '#/$defs/worker-values',
    $defs: {
      'worker-values': {
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          concurrency: { type: 'integer', minimum: 1, maximum: 64 },
          queue: { $ref: '#/$defs/queue-name' },
          global: { $ref: '#/$defs/global' }
        }
      },
      'queue-name': { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
      global: {
        type: 'object',
        properties: { region: { type: 'string', enum: ['eu', 'us', 'ap'] } }
      }
    }
  },
  values: ['enabled: false', 'concurrency: 4', 'queue: jobs']
}

// 1. Generated from Go types (controller charts): draft-07, hundreds of $defs with dotted names,
//    additionalProperties false everywhere, the root a $ref to one of them.
{
  const defs = {}
  const kinds = ['Container', 'Probe', 'Port', 'Resources', 'Volume', 'Toleration', 'Env', 'Mount']
  for (let g = 0; g < 40; g++)
    for (const kind of kinds) {
      const name = `io.example.api.v${g % 3}.group${g}.${kind}`
      defs[name] = {
        type: 'object',
        additionalProperties: false,
        description: `${kind} of group ${g}`,
        properties: {
          name: { type: 'string', minLength: 1 },
          size: { type: 'integer', minimum: 0 },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          ...(kind === 'Container'
            ? {
                probe: { $ref: `#/$defs/io.example.api.v${g % 3}.group${g}.Probe` },
                ports: {
                  type: 'array',
                  items: { $ref: `#/$defs/io.example.api.v${g % 3}.group${g}.Port` }
                }
              }
            : {})
        }
      }
    }
  defs['helm-values'] = {
    type: 'object',
    additionalProperties: false,
    required: ['image'],
    properties: {
      image: { $ref: '#/$defs/image' },
      replicaCount: { type: 'integer', minimum: 0 },
      controller: { $ref: '#/$defs/io.example.api.v0.group0.Container' },
      sidecars: { type: 'array', items: { $ref: '#/$defs/io.example.api.v1.group7.Container' } },
      tolerations: {
        type: 'array',
        items: { $ref: '#/$defs/io.example.api.v2.group38.Toleration' }
      },
      worker: { type: 'object' },
      global: { type: 'object', additionalProperties: false, properties: { region: {} } }
    }
  }
  defs.image = {
    type: 'object',
    additionalProperties: false,
    required: ['repository'],
    properties: {
      repository: { type: 'string' },
      tag: { type: 'string' },
      pullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] }
    }
  }
  chart('schema-generated-defs', {
    description: 'A values.schema.json generated from Go types, as controller charts publish.',
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $ref: '#/$defs/helm-values',
      title: 'ignored next to $ref in draft-07',
      type: 'string',
      $defs: defs
    },
    values: [
      'image:',
      '  repository: registry.example.com/controller',
      '  tag: "1.0.0"',
      '  pullPolicy: IfNotPresent',
      'replicaCount: 1',
      'controller:',
      '  name: manager',
      '  probe:',
      '    name: healthz',
      '  ports:',
      '    - name: metrics',
      '      size: 8080',
      'sidecars: []',
      'tolerations: []',
      'worker:',
      '  enabled: false',
      'global:',
      '  region: eu'
    ],
    sub: worker
  })
}

// 2. $id-relative documents: an embedded resource with its own $id, refs by relative URI,
//    a pointer into another schema's properties, draft-07 `definitions`.
chart('schema-id-relative', {
  description: 'A values.schema.json with $id-relative refs and pointers into properties.',
  schema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://charts.example.com/app/values.schema.json',
    type: 'object',
    properties: {
      service: {
        type: 'object',
        properties: {
          port: { $ref: 'common.json#/definitions/port' },
          targetPort: { $ref: '#/properties/service/properties/port' },
          type: { $ref: 'common.json#service-type' }
        }
      },
      metrics: {
        type: 'object',
        properties: {
          port: { $ref: 'https://charts.example.com/app/common.json#/definitions/port' },
          path: { $ref: '#/definitions/path' }
        }
      },
      worker: { type: 'object' },
      global: { type: 'object' }
    },
    definitions: {
      path: { type: 'string', pattern: '^/' },
      common: {
        $id: 'common.json',
        definitions: {
          port: { type: 'integer', minimum: 1, maximum: 65535 },
          'service-type': {
            $id: '#service-type',
            type: 'string',
            enum: ['ClusterIP', 'NodePort', 'LoadBalancer']
          }
        }
      }
    }
  },
  values: [
    'service:',
    '  port: 80',
    '  targetPort: 8080',
    '  type: ClusterIP',
    'metrics:',
    '  port: 9090',
    '  path: /metrics',
    'worker:',
    '  enabled: false'
  ],
  sub: worker
})

// 3. 2020-12: definitions (the old name) and $defs, $anchor, $dynamicRef/$dynamicAnchor, a ref
//    into the properties of a $defs entry, unevaluatedProperties through allOf.
chart('schema-2020-anchors', {
  description:
    'A 2020-12 values.schema.json with anchors, dynamic refs and both definition folders.',
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://charts.example.com/anchors/values.schema.json',
    type: 'object',
    allOf: [{ $ref: '#/$defs/base' }],
    properties: {
      name: { $ref: '#dns-name' },
      tree: { $ref: '#/$defs/tree' },
      ingress: { $ref: '#/definitions/ingress' },
      host: { $ref: '#/definitions/ingress/properties/host' },
      worker: { type: 'object' },
      global: { type: 'object' }
    },
    unevaluatedProperties: false,
    $defs: {
      base: { properties: { replicaCount: { type: 'integer', minimum: 0 } } },
      name: { $anchor: 'dns-name', type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
      tree: {
        $id: 'tree.json',
        $dynamicAnchor: 'node',
        type: 'object',
        properties: {
          value: { type: 'string' },
          children: { type: 'array', items: { $dynamicRef: '#node' } }
        },
        additionalProperties: false
      }
    },
    definitions: {
      ingress: {
        type: 'object',
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          host: { type: 'string', format: 'hostname', minLength: 3 }
        }
      }
    }
  },
  values: [
    'name: web',
    'replicaCount: 2',
    'tree:',
    '  value: root',
    '  children:',
    '    - value: leaf',
    'ingress:',
    '  enabled: false',
    '  host: web.example.com',
    'host: web.example.com',
    'worker:',
    '  enabled: false'
  ],
  sub: worker
})

// 4. No $schema (Helm 4 and Helm 3.18.5+ read 2020-12), the root a $ref with siblings that then
//    apply, definitions referenced from inside $defs.
chart('schema-no-draft-root-ref', {
  description: 'A values.schema.json without $schema whose root is a $ref with siblings.',
  schema: {
    $ref: '#/$defs/values',
    required: ['mode'],
    $defs: {
      values: {
        type: 'object',
        properties: {
          mode: { enum: ['active', 'standby'] },
          limits: { $ref: '#/definitions/limits' },
          worker: { type: 'object' },
          global: { type: 'object' }
        }
      }
    },
    definitions: {
      limits: {
        type: 'object',
        additionalProperties: false,
        properties: { cpu: { type: 'string' }, memory: { type: 'string', pattern: '^[0-9]+Mi$' } }
      }
    }
  },
  values: [
    'mode: active',
    'limits:',
    '  cpu: 100m',
    '  memory: 128Mi',
    'worker:',
    '  enabled: false'
  ],
  sub: worker
})
