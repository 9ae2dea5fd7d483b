/* cli.c - what the subcommands share: their one-line error messages, the
 * version and the options every command takes. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

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

void cli_bad_option(const char *cmd, char **argv)
{
    /* An unknown short option may sit inside a cluster (`-xV`), where
     * argv[optind - 1] is not the word that holds it: getopt says the
     * letter in optopt. An unknown long option has optopt 0, a long one
     * without its value (or with one it does not take) its code, which is
     * never a letter (cli.h): argv[optind - 1] is then the word. */
    char letter[3] = { '-', (char)optopt, '\0' };
    const char *what = optopt > ' ' && optopt < 0x7f ? letter : argv[optind - 1];
    cli_error("%s: unknown or incomplete option '%s' (see binbridge %s --help)", cmd, what, cmd);
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
