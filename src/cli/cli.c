/* cli.c - what the subcommands share: their one-line error messages. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/text_escape.h"

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
