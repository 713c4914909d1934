export { startGateway } from './server.ts';
export type { GatewayOptions, RunningGateway } from './server.ts';
export {
  loadConfig,
  gatewayConfig,
  gatewayDefaults,
  committedSupergraphFile,
  committedTrustedDocuments,
  acceptableAlgorithms,
} from './config.ts';
export type { GatewayConfig, RequiredGatewaySettings, TrustedIssuer } from './config.ts';
export { hubSubgraph } from './explain/hubSubgraph.ts';
export { builtConsole, builtGraphiQL } from './bundleRoute.ts';
export type { DemoSignInRequest, MintDemoToken } from './console/consoleRoutes.ts';
export { signWebhook, verifyWebhook } from './watch/webhooks.ts';
export { createHttpFetcher } from './forward/httpFetcher.ts';
export type { AlertWebhook } from './watch/webhooks.ts';
