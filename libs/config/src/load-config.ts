import { z } from 'zod';

/** Start-up refuses a bad environment and names every problem at once, not the first one only. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once at start. This is the only place that reads `process.env` (callers pass it
 * in), so configuration is typed and validated everywhere else.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  /** Checks of combinations of variables; their problems are listed beside the schema's own. */
  combinationChecks: readonly ((env: NodeJS.ProcessEnv) => string[])[] = [],
): z.infer<S> {
  const result = schema.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)),
    ...combinationChecks.flatMap((check) => check(env)),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}

/**
 * A service that finds at start it must not run (its keys do not match its database, say) throws this: the
 * entry point prints the one-line message and exits, so it never comes up healthy and then fails every call.
 */
export class StartRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartRefusedError';
  }
}
