import { describe, expect, it } from '@jest/globals'
import { displayCommand, looksSecret, redactSetItem } from '../../src/exec/redact.js'

describe('redaction', () => {
  it.each([
    ['database.password', true],
    ['externalValkey.auth', true],
    ['api.token', true],
    ['stripe.apiKey', true],
    ['tls.privateKey', true],
    ['backend.replicaCount', false],
    ['backend.image.tag', false],
    ['keycloak.realm', false]
  ])('%s looks secret: %s', (key, secret) => {
    expect(looksSecret(key)).toBe(secret)
  })

  it('masks only the credential pairs of a --set item', () => {
    expect(redactSetItem('a=1,db.password=hunter2,b=x\\,y')).toBe('a=1,db.password=***,b=x\\,y')
  })

  it('shows the command with set credentials and passwords masked and odd arguments quoted', () => {
    const shown = displayCommand('/usr/bin/helm', [
      'upgrade',
      'r',
      'c',
      '--set',
      'db.password=hunter2',
      '--set-string=api.token=abc',
      '--description',
      "it's new"
    ])
    expect(shown).toBe(
      `helm upgrade r c --set 'db.password=***' '--set-string=api.token=***' --description 'it'\\''s new'`
    )
    expect(shown).not.toContain('hunter2')
  })
})
