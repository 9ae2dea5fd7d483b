/* cli.h - the `binbridge` subcommands (dump.c; run.c: run and status) and
 * what they share (cli.c). Each returns the process exit code: 0 success,
 * 1 runtime failure, 2 usage or configuration error. */
#ifndef BB_CLI_H
#define BB_CLI_H

#define BB_EXIT_OK 0
#define BB_EXIT_FAILURE 1
#define BB_EXIT_USAGE 2

int cli_dump(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_status(int argc, char **argv);

/* Print "binbridge: <message>" on stderr (one line, cleaned as log lines
 * are: URL passwords masked, control characters escaped). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
