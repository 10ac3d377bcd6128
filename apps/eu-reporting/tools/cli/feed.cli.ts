import { runFeedCommand } from './feed.cli-program';

// Exit code via process.exitCode, not process.exit(): a large feed written to a pipe must drain first.
void runFeedCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
