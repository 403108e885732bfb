import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The integration and end-to-end tiers run the action as the runner does, from a bundle. So that
 * they never test a stale `dist/`, each jest run bundles `src/` once (scripts/bundle.mjs, as
 * `npm run package` does, a few seconds), from the global setup of the first of those tiers it
 * runs, into a temporary directory, and exports the bundle as ACTION_DIST for the test files
 * (__tests__/helpers/action.ts). An ACTION_DIST already set is run as it is: a bundle made on
 * purpose (CI sets it to the `dist/` it has just checked is fresh).
 */

const root = new URL('../..', import.meta.url).pathname
// Read back by removeBundle() in the global teardown, which jest runs in the same process.
const BUNDLE_DIR = Symbol.for('deploy-action.test-bundle-dir')

export function bundleSource() {
  const given = process.env.ACTION_DIST
  if (given) {
    if (!existsSync(given))
      throw new Error(
        `ACTION_DIST=${given} does not exist. Unset ACTION_DIST to let the tests bundle src/, or ` +
          'build that bundle first: node scripts/bundle.mjs <dir>'
      )
    console.log(`\ntests run the bundle ACTION_DIST=${given}`)
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'action-bundle-'))
  const started = Date.now()
  const r = spawnSync(process.execPath, [join(root, 'scripts/bundle.mjs'), dir], {
    cwd: root,
    encoding: 'utf8'
  })
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(
      `Bundling src/ for the tests failed (node scripts/bundle.mjs, ` +
        `${r.error ? r.error.message : `exit ${r.status}`}):\n${r.stderr || r.stdout}\n` +
        'Fix the build, or set ACTION_DIST to a bundle the tests should run instead.'
    )
  }
  process.env.ACTION_DIST = join(dir, 'index.js')
  globalThis[BUNDLE_DIR] = dir
  // jest skips the global teardown when a later global setup fails: the bundle goes at exit then.
  process.once('exit', removeBundle)
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(
    `\nbundled src/ for the tests in ${seconds} s: ACTION_DIST=${process.env.ACTION_DIST}`
  )
}

/** Removes the bundle bundleSource() made in this jest run, if it made one. */
export function removeBundle() {
  const dir = globalThis[BUNDLE_DIR]
  if (!dir) return
  delete globalThis[BUNDLE_DIR]
  delete process.env.ACTION_DIST
  process.removeListener('exit', removeBundle)
  rmSync(dir, { recursive: true, force: true })
}
