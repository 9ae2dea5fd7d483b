/* cli.h - the `binbridge` subcommands (dump.c; run.c: run and status) and
 * what they share (cli.c). Each returns the process exit code: 0 success,
 * 1 runtime failure, 2 usage or configuration error. */
#ifndef BB_CLI_H
#define BB_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "binbridge.h"

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

/* The one-line error for what getopt_long refused, c what it returned:
 * ':' (the optstring starts with ':') for an option without its value,
 * "<cmd>: --<option> needs a value (<what(code)>)"; '?' for the rest,
 * "<cmd>: unknown or incomplete option '<option>' (see binbridge <cmd>
 * --help)". Call it at once, while optind and optopt say which. The long
 * options' codes must not be printable characters (the short options -h
 * and -V are the letters; --help and --version have codes of their own),
 * so that optopt tells a short option from a long one. */
void cli_bad_option(const char *cmd, char **argv, int c, const struct option *options,
                    const char *(*what)(int code));

/* Whether the value getopt_long gave an option is the next option
 * instead (`--source --redis URL`: "--redis"): no value of ours starts
 * with "--". Then say so as cli_bad_option does for ':' and return true. */
bool cli_value_missing(const char *cmd, const char *option, const char *value, const char *what);

/* When err is the source's access denied (MySQL and MariaDB error 1045)
 * and no password was given, add where one goes to the message:
 * "...; no password was given: set BINBRIDGE_PASSWORD or
 * BINBRIDGE_PASSWORD_FILE". */
void cli_password_hint(struct bb_error *err, const char *password);

/* Print "binbridge: <message>" on stderr (one line, cleaned as log lines
 * are: URL passwords masked, control characters escaped). */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
