/**
 * Runs a command-line entry point: its promise's number is the exit code, and an unexpected
 * error prints its message (not a stack) and exits 1. Shared by every `*.cli.ts`.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
