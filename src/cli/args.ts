/** Shared helpers for command-line options: every bad value names its option. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { NewsdeskError } from '../errors.ts';

/** `parseArgs`, with a parse failure turned into a USAGE error that shows the command's usage. */
export function parseOptions<T extends ParseArgsConfig>(command: string, usage: string, config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw usageError(command, (error as Error).message, usage, error);
  }
}

export function usageError(
  command: string,
  message: string,
  usage: string,
  cause?: unknown,
): NewsdeskError {
  return new NewsdeskError('USAGE', `${command}: ${message}\n\n${usage}`, { cause });
}

/** A whole number within bounds, or a USAGE error naming the option. */
export function integerOption(
  name: string,
  value: string | undefined,
  fallback: number,
  bounds: { min: number; max: number },
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < bounds.min || number > bounds.max) {
    throw new NewsdeskError(
      'USAGE',
      `--${name} must be a whole number from ${bounds.min} to ${bounds.max}, not "${value}"`,
    );
  }
  return number;
}
