/* main.c - `binbridge <command>`: dispatch to the subcommands. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage_text[] =
    "usage: binbridge <command> [options]\n"
    "       binbridge -h | --help | -V | --version\n"
    "\n"
    "commands:\n"
    "  run       keep Redis and/or MongoDB in sync with a MySQL/MariaDB server (resumes where\n"
    "            it stopped)\n"
    "  status    the position a bridge has saved, the server's position and the lag\n"
    "  dump      print binlog events from files or a live server (text or JSON lines)\n"
    "  help      this text; `binbridge help <command>`: the options of a command\n"
    "  version   the version, and the libraries binbridge was built with\n"
    "\n"
    "Run `binbridge <command> --help` for the options of a command.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    { "run", cli_run },
    { "status", cli_status },
    { "dump", cli_dump },
};

static int (*find_command(const char *name))(int, char **)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run;
    return NULL;
}

static bool is_any(const char *arg, const char *a, const char *b, const char *c)
{
    return strcmp(arg, a) == 0 || strcmp(arg, b) == 0 || strcmp(arg, c) == 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return BB_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    int (*run)(int, char **) = find_command(cmd);
    if (run)
        return run(argc - 1, argv + 1);
    if (is_any(cmd, "version", "--version", "-V")) {
        cli_print_version();
        return BB_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0 && argc > 2) {
        /* `binbridge help run` is `binbridge run --help` */
        run = find_command(argv[2]);
        if (!run || argc > 3) {
            cli_error("help: %s '%s' (commands: run, status, dump)",
                      run ? "unexpected argument" : "unknown command", argv[run ? 3 : 2]);
            return BB_EXIT_USAGE;
        }
        char *args[] = { argv[2], (char *)"--help", NULL };
        return run(2, args);
    }
    if (is_any(cmd, "help", "--help", "-h")) {
        cli_print_help(usage_text);
        return BB_EXIT_OK;
    }
    cli_error("unknown %s '%s' (try `binbridge help`)", cmd[0] == '-' ? "option" : "command", cmd);
    return BB_EXIT_USAGE;
}
