export { startGateway } from './server.ts';
export type { RunningGateway } from './server.ts';
export { loadConfig, committedSupergraphFile, committedTrustedDocuments, acceptableAlgorithms } from './config.ts';
export type { GatewayConfig, TrustedIssuer } from './config.ts';
export { hubSubgraph } from './explain/hubSubgraph.ts';
