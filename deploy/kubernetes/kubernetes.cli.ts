import { runKubernetesCommand } from './kubernetes.cli-program';

process.exitCode = runKubernetesCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
