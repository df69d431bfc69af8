/**
 * Structured logs: one JSON object per line, or nothing. The server's request
 * log and the snapshot reloader write through a `Logger` they are given.
 */
import type { Writable } from 'node:stream';

/** Fields of one log entry; `event` names what happened. */
export interface LogEntry {
  event: string;
  [field: string]: unknown;
}

export type Logger = (entry: LogEntry) => void;

/** Writes each entry as one JSON line with an ISO `time`. @example `jsonLogger(process.stderr)` */
export function jsonLogger(stream: Pick<Writable, 'write'>): Logger {
  return (entry) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };
}

/** Drops every entry. */
export const silentLogger: Logger = () => undefined;
