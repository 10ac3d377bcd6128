// The cluster only listens on 127.0.0.1 and holds throwaway development data; a fixed password keeps
// the URL predictable for every tool that needs it.
export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';
export const EMBEDDED_HOST = '127.0.0.1';

export function embeddedClusterUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@${EMBEDDED_HOST}:${port}/postgres`;
}
