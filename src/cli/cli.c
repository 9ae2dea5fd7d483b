/* cli.c - what the subcommands share: their one-line error messages, the
 * version and the options every command takes. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "binbridge.h"
#include "base/text_escape.h"

/* The libraries of the build, "name version, ...": the Makefile passes
 * what pkg-config said when it compiled this file. */
#ifndef BB_BUILT_WITH
#define BB_BUILT_WITH "?"
#endif

void cli_print_version(void)
{
    printf("binbridge %s\nbuilt with %s\n", bb_version(), BB_BUILT_WITH);
}

void cli_print_help(const char *usage)
{
    fputs(usage, stdout);
    fputs("\n"
          "  -h, --help              this text\n"
          "  -V, --version           the version, and the libraries binbridge was built with\n",
          stdout);
}

bool cli_value_missing(const char *cmd, const char *option, const char *value, const char *what)
{
    if (strncmp(value, "--", 2) != 0)
        return false;
    cli_error("%s: --%s needs a value (%s)", cmd, option, what);
    return true;
}

void cli_bad_option(const char *cmd, char **argv, int c, const struct option *options,
                    const char *(*what)(int code))
{
    for (const struct option *o = options; c == ':' && o->name; o++)
        if (o->val == optopt) {
            cli_error("%s: --%s needs a value (%s)", cmd, o->name, what(optopt));
            return;
        }
    /* An unknown short option may sit inside a cluster (`-xV`), where
     * argv[optind - 1] is not the word that holds it: getopt says the
     * letter in optopt. An unknown long option has optopt 0, a long one
     * without its value (or with one it does not take) its code, which is
     * never a letter (cli.h): argv[optind - 1] is then the word. */
    char letter[3] = { '-', (char)optopt, '\0' };
    const char *word = optopt > ' ' && optopt < 0x7f ? letter : argv[optind - 1];
    cli_error("%s: unknown or incomplete option '%s' (see binbridge %s --help)", cmd, word, cmd);
}

void cli_error(const char *fmt, ...)
{
    char msg[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Arguments and messages may quote URLs and outside text. */
    text_clean_message(msg, sizeof msg, n >= (int)sizeof msg);
    fprintf(stderr, "binbridge: %s\n", msg);
}

/* ER_ACCESS_DENIED_ERROR, the same number in MySQL and MariaDB */
#define ACCESS_DENIED 1045

void cli_password_hint(struct bb_error *err, const char *password)
{
    if (err->server_errno != ACCESS_DENIED || (password && *password))
        return;
    size_t len = strlen(err->msg);
    snprintf(err->msg + len, sizeof err->msg - len, "; no password was given: set "
             "BINBRIDGE_PASSWORD or BINBRIDGE_PASSWORD_FILE");
}
