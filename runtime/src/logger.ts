import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** One JSON log line per event; the log is for operators and never reaches a client. */
export function createLogger(name: string, level: LogLevel): Logger {
  return pino({ name, level });
}
