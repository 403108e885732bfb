import { bundleSource } from '../helpers/action-bundle.mjs'

// The tier runs the bundled action (dist-entry, validate-mode): bundle src/ once for the run.
export default function setup() {
  bundleSource()
}
