import { runGenerateHistoryCommand } from './generate-history.cli-program';

process.exitCode = runGenerateHistoryCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
