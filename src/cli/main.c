/* main.c - `binbridge <command>`: dispatch to the subcommands. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define BB_VERSION "0.1.0"

static void usage(FILE *f)
{
    fputs("usage: binbridge <command> [options]\n"
          "\n"
          "commands:\n"
          "  run       keep Redis in sync with a MySQL/MariaDB server (resumes where it stopped)\n"
          "  status    the position a bridge has saved, the server's position and the lag\n"
          "  dump      print binlog events from files or a live server (text or JSON lines)\n"
          "  version   print the version\n"
          "\n"
          "Run `binbridge <command> --help` for the options of a command.\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return BB_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "dump") == 0)
        return cli_dump(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0)
        return cli_run(argc - 1, argv + 1);
    if (strcmp(cmd, "status") == 0)
        return cli_status(argc - 1, argv + 1);
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("binbridge %s\n", BB_VERSION);
        return BB_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return BB_EXIT_OK;
    }
    cli_error("unknown command '%s' (try `binbridge help`)", cmd);
    return BB_EXIT_USAGE;
}
