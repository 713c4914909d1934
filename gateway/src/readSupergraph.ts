import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { ConfigurationError, reasonOf } from '@tessera/runtime';

/**
 * The composed supergraph the gateway plans from, read at its start. A file it cannot read, or that is no
 * supergraph, is its operator's to mend: told with the file and why, not as a stack from deep in the gateway's
 * loading. The build here is the one the gateway makes itself (its checks of the core schema and its features),
 * without the full validation the gateway then adds outside production.
 */
export async function readSupergraph(file: string): Promise<string> {
  try {
    const sdl = await readFile(file, 'utf8');
    Supergraph.build(sdl);
    return sdl;
  } catch (error) {
    throw new ConfigurationError(
      `Cannot use SUPERGRAPH_FILE ${file}: ${reasonOf(error)}. \`pnpm compose\` writes the supergraph of the hub's ` +
        'subgraphs.',
    );
  }
}
