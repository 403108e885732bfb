#!/usr/bin/env node
// Generates the inputs and outputs tables of README.md from action.yml.
//   node scripts/inputs-doc.mjs --write   rewrite README.md
//   node scripts/inputs-doc.mjs --check   exit 1 when README.md is out of date
import { readFileSync, writeFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

const root = new URL('..', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8'))
const cell = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|')

export function tables() {
  const inputs = Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`
  )
  const outputs = Object.entries(action.outputs).map(
    ([name, o]) => `| \`${name}\` | ${cell(o.description)} |`
  )
  return [
    '<!-- inputs:start (generated from action.yml by npm run docs) -->',
    '| Input | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...inputs,
    '',
    '| Output | Description |',
    '| --- | --- |',
    ...outputs,
    '<!-- inputs:end -->'
  ].join('\n')
}

const readmeUrl = new URL('README.md', root)
const readme = readFileSync(readmeUrl, 'utf8')
// Formatted as prettier formats the rest of the repository, so both checks agree.
const options = { ...(await resolveConfig(readmeUrl.pathname)), parser: 'markdown' }
const updated = await format(
  readme.replace(/<!-- inputs:start[\s\S]*?<!-- inputs:end -->/, tables()),
  options
)
if (process.argv.includes('--write')) {
  writeFileSync(readmeUrl, updated)
} else if (process.argv.includes('--check')) {
  if (updated !== readme || !readme.includes('<!-- inputs:start')) {
    console.error('README.md inputs/outputs tables differ from action.yml: run npm run docs')
    process.exit(1)
  }
  console.log('README.md tables match action.yml')
}
