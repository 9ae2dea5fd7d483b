/* test_cli.c - the command line every command shares: -V/--version and
 * -h/--help anywhere (exit 0, on stdout, nothing on stderr), and what is
 * not an option: exit 2 with one line on stderr, nothing on stdout.
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "binbridge.h"
#include "tests/testutil.h"

struct cli_run {
    int status; /* exit status */
    char *out;  /* stdout, NUL-terminated (cli_run_free) */
    char *err;  /* stderr */
};

static char *read_all(FILE *f)
{
    cr_assert(fseek(f, 0, SEEK_END) == 0);
    long n = ftell(f);
    cr_assert(n >= 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    cr_assert(s);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Run binbridge with args (NULL-terminated); both outputs kept. */
static void cli_run(const char *const *args, struct cli_run *r)
{
    const char *argv[16];
    size_t n = 0;
    argv[n++] = test_env("BB_BINBRIDGE");
    for (; *args; args++) {
        cr_assert(n < 15);
        argv[n++] = *args;
    }
    argv[n] = NULL;
    FILE *out = tmpfile(), *err = tmpfile();
    cr_assert(out && err);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        dup2(fileno(out), 1);
        dup2(fileno(err), 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st), "binbridge %s: died of signal %d", argv[1] ? argv[1] : "",
              WTERMSIG(st));
    r->status = WEXITSTATUS(st);
    r->out = read_all(out);
    r->err = read_all(err);
}

static void cli_run_free(struct cli_run *r)
{
    free(r->out);
    free(r->err);
}

/* "a b c" of args, for messages (a static buffer). */
static const char *joined(const char *const *args)
{
    static char line[512];
    line[0] = '\0';
    for (; *args; args++) {
        strncat(line, *args, sizeof line - strlen(line) - 2);
        if (args[1])
            strcat(line, " ");
    }
    return line;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

Test(cli, version_anywhere_prints_it_and_exits_0)
{
    const char *const *cases[] = {
        ARGS("--version"), ARGS("-V"), ARGS("version"),
        ARGS("run", "--version"), ARGS("run", "-V"),
        ARGS("status", "--version"), ARGS("status", "-V"),
        ARGS("dump", "--version"), ARGS("dump", "-V"),
        /* after other options, before anything is read or checked */
        ARGS("run", "--config", "/nonexistent/binbridge.conf", "--version"),
        ARGS("status", "--source", "mysql://u@127.0.0.1:1", "-V"),
        ARGS("dump", "--file", "/nonexistent.bin", "--version"),
    };
    char first[64];
    snprintf(first, sizeof first, "binbridge %s\n", BB_VERSION);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cli_run r;
        cli_run(cases[i], &r);
        const char *what = joined(cases[i]);
        cr_expect_eq(r.status, 0, "%s: exit %d: %s", what, r.status, r.err);
        cr_expect_str_empty(r.err, "%s: stderr: %s", what, r.err);
        cr_expect(strncmp(r.out, first, strlen(first)) == 0, "%s: stdout: %s", what, r.out);
        /* then one line: the libraries of the build */
        cr_expect_eq(count_lines(r.out), 2, "%s: stdout: %s", what, r.out);
        cr_expect(strstr(r.out, "\nbuilt with libmariadb "), "%s: stdout: %s", what, r.out);
        cli_run_free(&r);
    }
}

Test(cli, help_on_every_command_prints_its_usage_and_exits_0)
{
    const struct {
        const char *const *args;
        const char *usage;
    } cases[] = {
        { ARGS("-h"), "usage: binbridge <command>" },
        { ARGS("--help"), "usage: binbridge <command>" },
        { ARGS("help"), "usage: binbridge <command>" },
        { ARGS("run", "-h"), "usage: binbridge run " },
        { ARGS("run", "--help"), "usage: binbridge run " },
        { ARGS("help", "run"), "usage: binbridge run " },
        { ARGS("run", "--start", "nowhere", "-h"), "usage: binbridge run " },
        { ARGS("status", "-h"), "usage: binbridge status " },
        { ARGS("status", "--help"), "usage: binbridge status " },
        { ARGS("help", "status"), "usage: binbridge status " },
        { ARGS("dump", "-h"), "usage: binbridge dump " },
        { ARGS("dump", "--help"), "usage: binbridge dump " },
        { ARGS("help", "dump"), "usage: binbridge dump " },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cli_run r;
        cli_run(cases[i].args, &r);
        const char *what = joined(cases[i].args);
        cr_expect_eq(r.status, 0, "%s: exit %d: %s", what, r.status, r.err);
        cr_expect_str_empty(r.err, "%s: stderr: %s", what, r.err);
        cr_expect(strncmp(r.out, cases[i].usage, strlen(cases[i].usage)) == 0,
                  "%s: stdout: %s", what, r.out);
        cr_expect(strstr(r.out, "\n  -h, --help ") && strstr(r.out, "\n  -V, --version "),
                  "%s: the usage does not list -h and -V: %s", what, r.out);
        cli_run_free(&r);
    }
}

/* Exit 2, nothing on stdout, one line "binbridge: ..." naming what was
 * wrong. */
Test(cli, what_is_not_an_option_exits_2_with_one_line)
{
    const struct {
        const char *const *args;
        const char *named; /* in the message */
    } cases[] = {
        { ARGS("run", "--bogus"), "'--bogus'" },
        { ARGS("run", "-x"), "'-x'" },
        { ARGS("run", "-xV"), "'-x'" },
        { ARGS("run", "--config", "a.conf", "-qh"), "'-q'" },
        { ARGS("run", "--version=3"), "'--version=3'" },
        { ARGS("run", "--help=me"), "'--help=me'" },
        { ARGS("run", "--source"), "'--source'" },
        { ARGS("status", "--bogus"), "'--bogus'" },
        { ARGS("status", "-v"), "'-v'" },
        { ARGS("dump", "--bogus"), "'--bogus'" },
        { ARGS("dump", "-x"), "'-x'" },
        { ARGS("dump", "--file"), "'--file'" },
        { ARGS("--bogus"), "unknown option '--bogus'" },
        { ARGS("-x"), "unknown option '-x'" },
        { ARGS("nosuch"), "unknown command 'nosuch'" },
        { ARGS("help", "nosuch"), "unknown command 'nosuch'" },
        { ARGS("help", "run", "extra"), "unexpected argument 'extra'" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct cli_run r;
        cli_run(cases[i].args, &r);
        const char *what = joined(cases[i].args);
        cr_expect_eq(r.status, 2, "%s: exit %d: %s", what, r.status, r.err);
        cr_expect_str_empty(r.out, "%s: stdout: %s", what, r.out);
        cr_expect_eq(count_lines(r.err), 1, "%s: stderr: %s", what, r.err);
        cr_expect(strncmp(r.err, "binbridge: ", 11) == 0, "%s: stderr: %s", what, r.err);
        cr_expect(strstr(r.err, cases[i].named), "%s: stderr does not name %s: %s", what,
                  cases[i].named, r.err);
        cli_run_free(&r);
    }
}

Test(cli, no_command_prints_the_usage_on_stderr_and_exits_2)
{
    struct cli_run r;
    cli_run((const char *const[]){ NULL }, &r);
    cr_expect_eq(r.status, 2);
    cr_expect_str_empty(r.out);
    cr_expect(strncmp(r.err, "usage: binbridge <command>", 26) == 0, "stderr: %s", r.err);
    cli_run_free(&r);
}

/* A binbridge killed mid-run leaves nothing in /dev/shm. libmongoc makes a
 * counter segment /dev/shm/mongoc-<pid> when it loads; one left behind
 * makes a later process with the same pid warn on stderr whatever it
 * runs (what once broke the help test above). The child reads a FIFO, so
 * it is inside main (past every constructor) once the open for writing
 * returns. */
Test(cli, a_killed_binbridge_leaves_no_counter_segment)
{
    char dir[] = "/tmp/bb-cli-XXXXXX";
    cr_assert(mkdtemp(dir));
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        /* as a user's shell would start it (this process's own start
         * sets the variable for its children) */
        unsetenv("MONGOC_DISABLE_SHM");
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl(test_env("BB_BINBRIDGE"), "binbridge", "dump", "--file", fifo, (char *)NULL);
        _exit(127);
    }
    int fd = open(fifo, O_WRONLY);
    cr_assert(fd >= 0);
    char seg[64];
    snprintf(seg, sizeof seg, "/dev/shm/mongoc-%d", (int)pid);
    kill(pid, SIGKILL);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    close(fd);
    cr_expect(WIFSIGNALED(st), "binbridge dump ended before it was killed (status %d)", st);
    cr_expect_neq(access(seg, F_OK), 0, "%s was left behind", seg);
    unlink(seg);
    unlink(fifo);
    rmdir(dir);
}
