import { describe, expect, it } from '@jest/globals'
import { valuesDialectFor } from '../../src/values/dialect.js'
import type { PathSegment } from '../../src/values/path.js'
import {
  parseStrvals,
  parseStrvalsInto,
  typedValue,
  type SetFlag
} from '../../src/values/strvals.js'
import type { Value, ValuesMap } from '../../src/values/tree.js'

describe('--set typing (typedVal)', () => {
  it.each<[string, Value]>([
    ['true', true],
    ['TRUE', true],
    ['tRuE', true],
    ['false', false],
    ['False', false],
    ['null', null],
    ['NULL', null],
    ['0', 0],
    ['5', 5],
    ['-5', -5],
    ['+5', 5],
    ['-0', 0],
    ['-007', -7],
    ['9007199254740991', 9007199254740991],
    ['9223372036854775807', 9223372036854775807n],
    ['-9223372036854775808', -9223372036854775808n],
    ['9223372036854775808', '9223372036854775808'],
    ['007', '007'],
    ['00', '00'],
    ['0x10', '0x10'],
    ['1e3', '1e3'],
    ['1.5', '1.5'],
    ['1_000', '1_000'],
    ['', ''],
    ['yes', 'yes'],
    ['"true"', '"true"']
  ])('--set value %j is %j', (text, expected) => {
    expect(typedValue(text, false)).toEqual(expected)
  })

  it.each(['true', '5', 'null', '007', ''])('--set-string keeps %j a string', (text) => {
    expect(typedValue(text, true)).toBe(text)
  })
})

describe('parseStrvals', () => {
  it.each<[string, SetFlag, ValuesMap]>([
    ['name=value', 'set', { name: 'value' }],
    ['a=1,b=two', 'set', { a: 1, b: 'two' }],
    ['a.b.c=deep', 'set', { a: { b: { c: 'deep' } } }],
    ['a.b=1,a.c=2', 'set', { a: { b: 1, c: 2 } }],
    ['a\\.b=dotted', 'set', { 'a.b': 'dotted' }],
    ['a=x\\,y', 'set', { a: 'x,y' }],
    ['a\\,b=1', 'set', { 'a,b': 1 }],
    ['a=back\\\\slash', 'set', { a: 'back\\slash' }],
    ['a=', 'set', { a: '' }],
    ['a=b,', 'set', { a: 'b' }],
    ['a=null', 'set', { a: null }],
    ['list={a,b,c}', 'set', { list: ['a', 'b', 'c'] }],
    ['list={1,true,null}', 'set', { list: [1, true, null] }],
    ['list={}', 'set', { list: [''] }],
    ['list={a,b},c=d', 'set', { list: ['a', 'b'], c: 'd' }],
    ['a[0]=x', 'set', { a: ['x'] }],
    ['a[2]=x', 'set', { a: [null, null, 'x'] }],
    ['a[1].b=x,a[0]=y', 'set', { a: ['y', { b: 'x' }] }],
    ['a[0][1]=x', 'set', { a: [[null, 'x']] }],
    ['a[0].b[1].c=x', 'set', { a: [{ b: [null, { c: 'x' }] }] }],
    ['a[0]', 'set', { a: [] }],
    ['=x', 'set', {}],
    ['a.', 'set', {}],
    ['a=true,b=1', 'set-string', { a: 'true', b: '1' }],
    ['list={1,true}', 'set-string', { list: ['1', 'true'] }],
    ['a={"b":[1,null,"c"]}', 'set-json', { a: { b: [1, null, 'c'] } }],
    ['a=1.5,b="x,y",c=[1]', 'set-json', { a: 1.5, b: 'x,y', c: [1] }],
    ['a=,b=null', 'set-json', { a: null, b: null }],
    ['a=1b=2', 'set-json', { a: 1, b: 2 }],
    ['a[1]={"x":1}', 'set-json', { a: [null, { x: 1 }] }],
    ['a=12345678901234567890', 'set-json', { a: 12345678901234567000 }]
  ])('%s (--%s) sets %j', (item, flag, expected) => {
    expect(parseStrvals(item, flag)).toEqual({ ok: true, value: expected })
  })

  it.each<[string, SetFlag, string]>([
    ['a', 'set', 'key "a" has no value'],
    ['a=b,c', 'set', 'key "c" has no value'],
    ['a,b=c', 'set', 'key "a" has no value (cannot end with ,)'],
    ['a[x]=1', 'set', 'key "a[x]" has an invalid list index: "x" is not a whole number'],
    ['a[]=1', 'set', 'key "a[]" has an invalid list index: "" is not a whole number'],
    ['a[-1]=1', 'set', 'key "a[-1]" has an invalid list index: -1 is negative'],
    [
      'a[65537]=1',
      'set',
      'key "a[65537]" has an invalid list index: 65537 is above Helm\'s limit of 65536'
    ],
    ['a[0]x=1', 'set', 'key "a[0]x" has unexpected text "x" after a list index'],
    ['a={x,y', 'set', 'the list value of key "a" must end with "}"'],
    ['a.=1', 'set', 'key map "a" has no value'],
    ['a=1,a.b=2', 'set', 'cannot set key "a.b": a is already number 1, not a map'],
    ['a=x,a[0]=2', 'set', 'cannot set key "a[0]": a is already string "x", not a list'],
    ['a=null,a.b=1', 'set', 'cannot set key "a.b": a is already null, not a map'],
    ['a={"x":', 'set-json', 'the value of key "a" is not valid JSON'],
    ['a=01', 'set-json', 'key "1" has no value'],
    ['a=1e400', 'set-json', 'has a number too large for a float64'],
    ['a=tru', 'set-json', 'is not valid JSON'],
    [`${'a.'.repeat(31)}a=1`, 'set', "nested deeper than Helm's limit of 30 levels"]
  ])('%s (--%s) fails: %s', (item, flag, message) => {
    const r = parseStrvals(item, flag)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain(message)
  })

  it.each([
    [3, { ok: false, error: 'key "a[0" has a list index without a closing "]"' }],
    [4, { ok: true, value: {} }]
  ] as const)('a truncated index (a[0) under Helm %i', (major, expected) => {
    expect(parseStrvals('a[0', 'set', major)).toEqual(expected)
  })
})

describe('parseStrvalsInto', () => {
  it('grows a list set earlier and keeps its other items, as later --set flags do', () => {
    const dest: ValuesMap = { list: ['a', 'b'] }
    expect(parseStrvalsInto('list[3]=d', dest, { flag: 'set' })).toEqual({
      ok: true,
      value: undefined
    })
    expect(dest).toEqual({ list: ['a', 'b', null, 'd'] })
  })

  it('reports the path and value of everything an item sets', () => {
    const sets: Array<[PathSegment[], Value]> = []
    parseStrvalsInto(
      'a.b=1,l[1].c=x,j={q,r}',
      {},
      {
        flag: 'set',
        dialect: valuesDialectFor(3),
        onSet: (path, value) => sets.push([path, value])
      }
    )
    expect(sets).toEqual([
      [['a', 'b'], 1],
      [['l', 1, 'c'], 'x'],
      [['j'], ['q', 'r']]
    ])
  })
})
