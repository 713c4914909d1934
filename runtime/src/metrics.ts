import type pg from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics, served at GET /metrics in Prometheus' text format by every server it runs.
 * One registry per process: in the one-process demo the gateway and the subgraphs share it, told apart
 * by `service`. Label values come from closed sets (services, outcomes, error codes, rule ids, statuses):
 * never a person, a subject or free text.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  requests: new Counter({
    name: 'tessera_http_requests_total',
    help: 'HTTP requests answered, by service and status.',
    labelNames: ['service', 'status'] as const,
    registers,
  }),
  requestSeconds: new Histogram({
    name: 'tessera_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by service.',
    labelNames: ['service'] as const,
    buckets: latencyBuckets,
    registers,
  }),
  consultations: new Counter({
    name: 'tessera_consultations_total',
    help: 'Consultations recorded by the gateway, by outcome and error code (none when it had no error).',
    labelNames: ['outcome', 'code'] as const,
    registers,
  }),
  denials: new Counter({
    name: 'tessera_denials_total',
    help: 'Fields withheld from a partner, by the rule that withheld them.',
    labelNames: ['rule'] as const,
    registers,
  }),
  released: new Counter({
    name: 'tessera_records_released_total',
    help: 'Records released to partners, by the clause that released them (grant: under a disclosure grant).',
    labelNames: ['rule'] as const,
    registers,
  }),
  alertsDelivered: new Counter({
    name: 'tessera_alerts_delivered_total',
    help: 'Alerts delivered to watchers and earlier recipients, by the owner whose event they told of.',
    labelNames: ['owner'] as const,
    registers,
  }),
  rateLimited: new Counter({
    name: 'tessera_rate_limit_refusals_total',
    help: 'Requests refused because their principal or agency was over its allowance.',
    registers,
  }),
  subgraphFailures: new Counter({
    name: 'tessera_subgraph_call_failures_total',
    help: 'Subgraph calls that failed, by subgraph and kind (timeout or error).',
    labelNames: ['subgraph', 'kind'] as const,
    registers,
  }),
  auditAppendSeconds: new Histogram({
    name: 'tessera_audit_append_seconds',
    help: 'Time to append to an audit chain, by log.',
    labelNames: ['log'] as const,
    buckets: latencyBuckets,
    registers,
  }),
  auditAppendFailures: new Counter({
    name: 'tessera_audit_append_failures_total',
    help: 'Appends to an audit chain that failed (the request was refused), by log.',
    labelNames: ['log'] as const,
    registers,
  }),
};

const pools = new Set<pg.Pool>();

new Gauge({
  name: 'tessera_database_connections',
  help: "Connections of the process's PostgreSQL pools, by state (total, idle, waiting clients).",
  labelNames: ['state'] as const,
  registers,
  collect() {
    let total = 0;
    let idle = 0;
    let waiting = 0;
    for (const pool of pools) {
      total += pool.totalCount;
      idle += pool.idleCount;
      waiting += pool.waitingCount;
    }
    this.set({ state: 'total' }, total);
    this.set({ state: 'idle' }, idle);
    this.set({ state: 'waiting' }, waiting);
  },
});

/** Counts a pool's connections in the process's metrics until it ends. */
export function watchPool(pool: pg.Pool): void {
  pools.add(pool);
}

/** Stops counting a pool (it has ended). */
export function forgetPool(pool: pg.Pool): void {
  pools.delete(pool);
}

/** Times an append to an audit chain and counts its failures. */
export async function timedAppend<T>(log: string, append: () => Promise<T>): Promise<T> {
  const stopTimer = metrics.auditAppendSeconds.startTimer({ log });
  try {
    return await append();
  } catch (error) {
    metrics.auditAppendFailures.inc({ log });
    throw error;
  } finally {
    stopTimer();
  }
}
