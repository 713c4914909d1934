import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * One JSON log line per event; the log is for operators and never reaches a client. A line about a
 * request names it (`requestId`). Standard output unless told otherwise (a test reads the lines).
 */
export function createLogger(name: string, level: LogLevel, destination?: DestinationStream): Logger {
  const options = { name, level };
  return destination ? pino(options, destination) : pino(options);
}
