export * from './audit-countersigning.module';
export * from './audit-countersigning.service';
export * from './checkpoint-continuity.policy';
