/** Stops only what the global setup started; an external broker or database is left alone. */
export default async function globalTeardown(): Promise<void> {
  const infrastructure = globalThis.__welkomInfrastructure;
  if (!infrastructure) return;
  globalThis.__welkomInfrastructure = undefined;
  await infrastructure.stop();
}
