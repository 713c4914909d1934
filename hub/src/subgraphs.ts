import { customsSubgraph } from '@tessera/customs';
import { policeSubgraph } from '@tessera/police';
import { probationSubgraph } from '@tessera/probation';
import { registerSubgraph } from '@tessera/register';
import type { AnySubgraphModule } from '@tessera/subgraph-kit';

/** Every subgraph of the hub with the port it listens on when run as its own process. */
export const subgraphs: readonly { readonly module: AnySubgraphModule; readonly port: number }[] = [
  { module: policeSubgraph, port: 4001 },
  { module: customsSubgraph, port: 4002 },
  { module: probationSubgraph, port: 4003 },
  { module: registerSubgraph, port: 4004 },
];
