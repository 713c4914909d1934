/** A process's settings cannot be used: every problem, in one message for its operator. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Runs a process's main: a problem its operator can mend (a setting, a port in use, a database out of reach) is
 * told as its message alone, exit code 2, not as a crash to debug; anything else goes on as a crash.
 */
export async function runMain(main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

/** A service's URL as an operator may be shown it: its password hidden. */
export function withoutPassword(url: string): string {
  const shown = URL.parse(url);
  if (!shown) return '(a URL that cannot be read)';
  if (shown.password) shown.password = '***';
  return shown.href;
}

/**
 * An error's reason in words, with its causes': a refused connection to a name of several addresses is an
 * AggregateError, and a client library's error often wraps the system's.
 */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(reasonOf).join('; ');
  if (!(error instanceof Error)) return String(error);
  // Without a closing full stop: the reason goes inside a sentence.
  const own = (error.message || String((error as NodeJS.ErrnoException).code)).replace(/\.$/, '');
  const cause = error.cause === undefined ? '' : reasonOf(error.cause);
  return own.includes(cause) ? own : `${own} (${cause})`;
}

/**
 * Reads configuration variables and gathers every problem before failing, so that an operator fixes
 * a bad configuration in one go instead of one variable per restart.
 */
export interface EnvReader {
  text(name: string, fallback: string): string;
  optionalText(name: string): string | undefined;
  integer(name: string, fallback: number, range: { min: number; max: number }): number;
  oneOf<const T extends readonly string[]>(name: string, allowed: T, fallback: T[number]): T[number];
  /** Records a problem found by the caller's own checks. */
  problem(message: string): void;
  /** Throws one error naming every problem, or returns nothing. */
  done(): void;
}

export function createEnvReader(env: Readonly<Record<string, string | undefined>>, component: string): EnvReader {
  const problems: string[] = [];
  const raw = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    text: (name, fallback) => raw(name) ?? fallback,
    optionalText: raw,
    integer(name, fallback, { min, max }) {
      const value = raw(name);
      if (value === undefined) return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
        return fallback;
      }
      return number;
    },
    oneOf(name, allowed, fallback) {
      const value = raw(name);
      if (value === undefined) return fallback;
      if (!(allowed as readonly string[]).includes(value)) {
        problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
        return fallback;
      }
      return value;
    },
    problem: (message) => void problems.push(message),
    done() {
      if (problems.length > 0) {
        throw new ConfigurationError(`Invalid ${component} configuration:\n- ${problems.join('\n- ')}`);
      }
    },
  };
}
