/**
 * Whether tracing is asked for, by the OpenTelemetry SDK's own variables: an OTLP endpoint, or an
 * OTEL_TRACES_EXPORTER other than none (the SDK reads the rest itself); and the service name it sets.
 */
export function loadTracingConfig(env: Readonly<Record<string, string | undefined>> = process.env): {
  readonly enabled: boolean;
  readonly serviceName: string | undefined;
} {
  const exporter = env.OTEL_TRACES_EXPORTER;
  return {
    enabled:
      exporter !== 'none' &&
      Boolean(exporter || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
    serviceName: env.OTEL_SERVICE_NAME,
  };
}
