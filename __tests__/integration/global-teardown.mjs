import { removeBundle } from '../helpers/action-bundle.mjs'

export default function teardown() {
  removeBundle()
}
