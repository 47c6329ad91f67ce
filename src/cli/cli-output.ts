/**
 * Where a command writes. Data a script may capture goes to `stdout`;
 * everything meant for the person at the terminal goes to `stderr`.
 */
export interface CliOutput {
  stdout(line: string): void;
  stderr(line: string): void;
}

export const processOutput: CliOutput = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};
