/**
 * What earlier reads of the API showed, for the facts a single read cannot tell: when a
 * container was first seen in a state that carries no timestamp (waiting reasons, `started`),
 * the cause of a pull error that the later ImagePullBackOff message no longer names, and which
 * pods were Ready once. The watcher keeps one per rollout; tests build one by hand.
 */
export class RolloutMemory {
  private readonly first = new Map<string, number>()
  private readonly ready = new Set<string>()
  private readonly causes = new Map<string, string>()

  /** When `key` was first seen (ms); records `now` the first time. */
  firstSeen(key: string, now: number): number {
    const t = this.first.get(key)
    if (t !== undefined) return t
    this.first.set(key, now)
    return now
  }

  markReady(pod: string): void {
    this.ready.add(pod)
  }

  wasReady(pod: string): boolean {
    return this.ready.has(pod)
  }

  rememberCause(key: string, message: string): void {
    this.causes.set(key, message)
  }

  cause(key: string): string | undefined {
    return this.causes.get(key)
  }
}
