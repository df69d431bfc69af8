/** Shared shape checks for what format parsers return. */
import { expect } from 'vitest';
import type { RawRecord } from '../../src/types.ts';

const STRING_FIELDS = ['recordId', 'title', 'body', 'date', 'source', 'url', 'author'] as const;

/** Every text field of `record` that is present is a string. */
export function expectStringFields(record: RawRecord): void {
  for (const key of STRING_FIELDS) {
    if (record[key] !== undefined) expect(typeof record[key]).toBe('string');
  }
}
