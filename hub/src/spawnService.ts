import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { inheritedEnvironment, searchPath } from './config.ts';

export interface Service {
  readonly name: string;
  readonly url: string;
  /** The highest resident set size the process has had so far (MiB), from the kernel's VmHWM. */
  peakRss(): Promise<number>;
  /** The CPU time the process has used so far (ms, user and system), from the kernel. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

// A bench that fails half-way must not leave its servers running.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/**
 * Runs one component as its own node process, as it would be deployed, and waits for the JSON log line
 * that announces its URL ("... ready"). Anything it writes is kept and shown if it fails to start. A
 * built entry (`.js`) runs with plain node and sees only `env` (and PATH): what a deployment documents;
 * a source entry (`.ts`) runs under tsx and inherits this process's environment.
 */
export async function spawnService(
  name: string,
  entry: string,
  env: Record<string, string>,
  nodeOptions: readonly string[] = [],
): Promise<Service> {
  const built = entry.endsWith('.js');
  const loader = built ? [] : ['--conditions=source', '--import', 'tsx'];
  const child = spawn(process.execPath, [...nodeOptions, ...loader, entry], {
    cwd: root,
    env: built ? { PATH: searchPath(), ...env } : { ...inheritedEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  let started = false;
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      children.delete(child);
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 600_000);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
    // Read to the end (a full pipe would stall the child) but keep only what came before it started.
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) return;
      output += chunk.toString();
      for (const line of output.split('\n')) {
        const announced = readyUrl(line);
        if (announced) {
          started = true;
          clearTimeout(timer);
          resolve(announced);
        }
      }
    });
  });
  return {
    name,
    url,
    async peakRss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      if (!kib) throw new Error(`no peak RSS for ${name}`);
      return Number(kib) / 1024;
    },
    cpuMs: () => processCpuMs(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/** A process's CPU time so far (ms, user and system), from /proc/<pid>/stat. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (in parentheses, which may hold spaces): utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

function readyUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    return entry.msg?.endsWith('ready') ? entry.url : undefined;
  } catch {
    return undefined;
  }
}
