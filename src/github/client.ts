import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'

export type Octokit = ReturnType<typeof github.getOctokit>

/** Octokit with retries of rate limits and 5xx answers (not of 4xx: those will not change). */
export function createOctokit(token: string): Octokit {
  return github.getOctokit(token, { retry: { retries: 2 } }, retry)
}

export interface RunContext {
  owner: string
  repo: string
  sha: string
  ref: string
  runUrl: string
  /** The pull request of a pull_request(_target) event, if any. */
  pullRequest?: number
}

export function runContext(): RunContext {
  const ctx = github.context
  const { owner, repo } = ctx.repo
  const pr =
    ctx.payload.pull_request?.number ??
    (ctx.payload.issue?.pull_request ? ctx.payload.issue.number : undefined)
  const headSha = (ctx.payload.pull_request?.head as { sha?: string } | undefined)?.sha
  return {
    owner,
    repo,
    sha: headSha ?? ctx.sha,
    ref: (ctx.payload.pull_request?.head as { ref?: string } | undefined)?.ref ?? ctx.ref,
    runUrl: `${ctx.serverUrl}/${owner}/${repo}/actions/runs/${ctx.runId}`,
    pullRequest: typeof pr === 'number' ? pr : undefined
  }
}
