/** The streams a command writes to, passed in so tests can capture them. */
export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}
