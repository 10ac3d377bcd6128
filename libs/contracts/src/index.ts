export * from './proto-paths';
