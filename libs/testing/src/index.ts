export * from './service-process';
export * from './strict-fake';
export * from './service-run';
export * from './test-infrastructure';
export * from './backbone-scan';
export * from './otlp-trace-receiver';
export * from './sql-refusal';
export * from './example-filings';
