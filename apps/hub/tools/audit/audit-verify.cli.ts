import { runAuditVerifyCommand } from './audit-verify.cli-program';

// Exit code via process.exitCode, not process.exit(): what is written to a pipe must drain first.
void runAuditVerifyCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
