import { Logger } from '@nestjs/common';
import { runAuditExportCommand } from './audit-export.cli-program';

// The Kafka client logs through Nest's logger; a command-line tool shows only what needs attention.
Logger.overrideLogger(['error', 'warn']);

// Exit code via process.exitCode, not process.exit(): what is written to a pipe must drain first.
void runAuditExportCommand(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
