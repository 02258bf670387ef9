// What the shared server harness (../frontend-staff/e2e/server.ts) provides.
declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    clockStart: string;
    clockStartedAt: number;
  }
}
export {};
