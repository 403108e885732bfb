#!/usr/bin/env node
// Bundles src/ into what the runner executes: `node scripts/bundle.mjs [outdir]` (default dist/).
//
// esbuild, ESM with code splitting: every mode, the GitHub client, the Helm installer, the JSON
// Schema engines and each Kubernetes minor's schemas are chunks loaded when a run needs them, so
// the start of a run loads only what every run uses. Types are not checked here (`npm run
// typecheck` does that); the output is deterministic, so CI can compare dist/ with a fresh bundle.
//
// @actions/core imports its OIDC client, and with it the whole HTTP stack (undici), at the top of
// its entry module, although only getIDToken() uses it. Those modules are declared free of side
// effects below so that esbuild leaves them out when nothing uses their exports: the tool cache
// and the GitHub client still load them, from their own chunks, when a run needs them.
import * as esbuild from 'esbuild'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const outdir = resolve(process.argv[2] ?? join(root, 'dist'))

const WITHOUT_SIDE_EFFECTS = [
  /\/node_modules\/@actions\/core\/lib\/oidc-utils\.js$/,
  /\/node_modules\/(@actions\/github\/node_modules\/)?@actions\/http-client\//,
  /\/node_modules\/undici\//
]

/** Marks the modules above as free of side effects, whoever imports them. */
const sideEffectFree = {
  name: 'side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving || args.kind === 'entry-point') return undefined
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        with: args.with,
        pluginData: { resolving: true }
      })
      if (r.errors.length > 0 || !WITHOUT_SIDE_EFFECTS.some((re) => re.test(r.path)))
        return undefined
      return { ...r, sideEffects: false }
    })
  }
}

/**
 * The Kubernetes schemas as `JSON.parse('…')`: V8 reads a JSON string several times faster than
 * the same data written as a JavaScript object literal, which is how esbuild emits JSON imports.
 */
const jsonAsParse = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\/schemas\/kubernetes\/[^/]+\.json$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))})`,
      loader: 'js'
    }))
  }
}

rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  splitting: true,
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
  },
  plugins: [sideEffectFree, jsonAsParse]
})

writeFileSync(join(outdir, 'package.json'), '{\n  "type": "module"\n}\n')
writeFileSync(join(outdir, 'licenses.txt'), licenses(result.metafile))

/** The license of every package that ended up in the bundle, with its name and SPDX id. */
function licenses(metafile) {
  const packages = new Map()
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input)
    if (m) packages.set(m[1] + m[2], m[2])
  }
  const out = []
  for (const [dir, name] of [...packages].sort((a, b) => a[1].localeCompare(b[1]))) {
    const path = join(root, dir)
    const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'))
    const file = readdirSync(path).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
    out.push(
      `${name}\n${pkg.license ?? 'UNKNOWN'}\n${file ? readFileSync(join(path, file), 'utf8').trim() : ''}`
    )
  }
  return `${out.join('\n\n')}\n`
}

const bytes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.js'))
  .reduce((n, [, o]) => n + o.bytes, 0)
if (!existsSync(join(outdir, 'index.js'))) throw new Error('the bundle has no index.js')
console.log(
  `bundled src/ into ${relative(process.cwd(), outdir) || '.'}: ${Math.round(bytes / 1024)} KiB of JavaScript (${dirname(relative(root, join(outdir, 'index.js')))}/index.js)`
)
