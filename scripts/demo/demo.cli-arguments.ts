/** `npm run demo -- [--seed N] [--scale N]`. */
export interface DemoArguments {
  readonly seed: number;
  readonly scale: number;
}

/** The default cohort: about 90 applications, a minute or two on two cores. */
export const DEFAULT_DEMO_ARGUMENTS: DemoArguments = { seed: 2026, scale: 3 };

export class DemoArgumentError extends Error {}

export function parseDemoArguments(argv: readonly string[]): DemoArguments {
  let { seed, scale } = DEFAULT_DEMO_ARGUMENTS;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    const value = Number(argv[index + 1]);
    if (argument === '--seed' || argument === '--scale') {
      if (!Number.isInteger(value) || value < (argument === '--seed' ? 0 : 1) || value > (argument === '--seed' ? 0xffffffff : 50)) {
        throw new DemoArgumentError(`${argument} needs an integer (${argument === '--seed' ? '0-4294967295' : '1-50'})`);
      }
      if (argument === '--seed') seed = value;
      else scale = value;
      index += 1;
    } else throw new DemoArgumentError(`unknown argument ${argument}; usage: npm run demo -- [--seed N] [--scale N]`);
  }
  return { seed, scale };
}
