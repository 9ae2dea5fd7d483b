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

/* `--version` (and -V), on stdout: "binbridge VERSION", then the libraries
 * it was built with and their versions, on one line. */
void cli_print_version(void);

/* `--help` (and -h), on stdout: a command's usage text, then the options
 * every command takes (-h, -V). */
void cli_print_help(const char *usage);

/* The one-line error for what getopt_long refused (it returned '?' or
 * ':'): "<cmd>: unknown or incomplete option '<option>' (see binbridge
 * <cmd> --help)". Call it at once, while optind and optopt say which.
 * The long options' codes must not be printable characters (the short
 * options -h and -V are the letters; --help and --version have codes of
 * their own), so that optopt tells a short option from a long one. */
void cli_bad_option(const char *cmd, char **argv);

/* Print "binbridge: <message>" on stderr (one line, cleaned as log lines
 * are: URL passwords masked, control characters escaped). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
