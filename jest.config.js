// Three tiers, one config. `unit` may replace the command runner; `integration` runs the real
// Helm 3 and Helm 4 binaries; `e2e` runs the bundled action against the local control plane. Both
// of those run a bundle of src/ made for the run (__tests__/helpers/action-bundle.mjs).
const common = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testPathIgnorePatterns: ['/dist/', '/node_modules/', '/.tools/'],
  // The local control plane's data lives in .tools/ (etcd writes *.snap files there), which Jest
  // would otherwise count as obsolete snapshots and fail the run.
  modulePathIgnorePatterns: ['<rootDir>/.tools/'],
  clearMocks: true
}

/** @type {import('jest').Config} */
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts'],
      // Real helm processes, beside the end-to-end tier's on the same cores: a `helm version` took
      // over Jest's default 5 s once on a busy two-core machine.
      testTimeout: 30_000,
      // Bundles src/ once for the run (ACTION_DIST), so the tier never runs a stale dist/.
      globalSetup: '<rootDir>/__tests__/integration/global-setup.mjs',
      globalTeardown: '<rootDir>/__tests__/integration/global-teardown.mjs'
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      // Bundles src/ (unless the integration tier's setup already did in this run) and starts the
      // local control plane once for the whole tier (unless one is already up).
      globalSetup: '<rootDir>/__tests__/e2e/global-setup.mjs',
      globalTeardown: '<rootDir>/__tests__/e2e/global-teardown.mjs'
    }
  ],
  // End-to-end cases wait on clusters, not CPUs: run up to 8 `it.concurrent` cases of a file at once.
  maxConcurrency: 8,
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.mjs'],
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text', 'json-summary']
}
