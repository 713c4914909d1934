import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestScope } from './requestScope.ts';

export type { Logger } from 'pino';
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * One JSON log line per event; the log is for operators and never reaches a client. A line written while
 * a request is served carries the request's id, whichever part of the code writes it. Standard output
 * unless told otherwise (a test reads the lines).
 */
export function createLogger(name: string, level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    mixin: () => {
      const requestScope = currentRequestScope();
      return requestScope ? { requestId: requestScope.requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
