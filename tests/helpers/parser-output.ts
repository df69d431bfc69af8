/** Shared shape checks for what format parsers return. */
import { expect } from 'vitest';
import type { ParseOutput, RawRecord } from '../../src/types.ts';

const STRING_FIELDS = ['recordId', 'title', 'body', 'date', 'source', 'url', 'author'] as const;

/** Every text field of `record` that is present is a string. */
export function expectStringFields(record: RawRecord): void {
  for (const key of STRING_FIELDS) {
    if (record[key] !== undefined) expect(typeof record[key]).toBe('string');
  }
}

/** How a parser reports lines: always, when it knows them, never, or not checked. */
export type LineRule = 'required' | 'optional' | 'absent' | 'unchecked';

/** A line number obeys `rule`: a positive whole number where there is one. */
export function expectLine(line: number | undefined, rule: LineRule): void {
  if (rule === 'unchecked' || (rule === 'optional' && line === undefined)) return;
  if (rule === 'absent') {
    expect(line).toBeUndefined();
    return;
  }
  expect(Number.isInteger(line)).toBe(true);
  expect(line).toBeGreaterThan(0);
}

/**
 * The checks every format's output passes: text fields are strings, category
 * values are strings, problems have the format's kind and a reason, and lines
 * follow the format's rules.
 */
export function expectParserOutput(
  output: ParseOutput,
  rules: { kind: string; recordLines: LineRule; problemLines: LineRule },
): void {
  for (const record of output.records) {
    expectStringFields(record);
    expectLine(record.line, rules.recordLines);
    for (const category of record.category ?? []) expect(typeof category).toBe('string');
  }
  for (const problem of output.problems) {
    expect(problem.kind).toBe(rules.kind);
    expect(problem.reason).toMatch(/\S/);
    expectLine(problem.line, rules.problemLines);
  }
}
