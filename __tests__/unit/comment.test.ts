import { describe, expect, it } from '@jest/globals'
import { commentMarker, fitComment } from '../../src/github/comment.js'

describe('pull request comment', () => {
  it('keeps everything when it fits', () => {
    expect(fitComment('head', ['a', 'b'], 100)).toBe('head\n\na\n\nb')
  })

  it('drops detail sections from the end first and says so', () => {
    const body = fitComment('head', ['a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60)], 180)
    expect(body.length).toBeLessThanOrEqual(180)
    expect(body).toContain('a'.repeat(60))
    expect(body).not.toContain('b'.repeat(60))
    expect(body).toMatch(/more detail section\(s\) left out/)
  })

  it('cuts an oversized head and closes an open code fence', () => {
    const head = `intro\n\`\`\`diff\n${'+ line\n'.repeat(20_000)}\`\`\``
    const body = fitComment(head, [], 65_536)
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect((body.match(/^```/gm) ?? []).length % 2).toBe(0)
    expect(body).toMatch(/cut to fit/)
  })

  it('marks comments per release and environment', () => {
    expect(commentMarker('goatflow', 'staging')).not.toBe(commentMarker('goatflow', 'production'))
    expect(commentMarker('goatflow')).toMatch(/^<!-- .* -->$/)
  })
})
