/* test_cli.c - the command line every command shares: -V/--version and
 * -h/--help anywhere (exit 0, on stdout, nothing on stderr), and what is
 * not an option: exit 2 with one line on stderr, nothing on stdout.
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE). */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <hiredis.h>

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

/* Every BINBRIDGE_ variable unset: a test's own are the only ones. */
static void clear_binbridge_env(void)
{
    extern char **environ;
    for (;;) {
        char **e = environ;
        while (*e && strncmp(*e, "BINBRIDGE_", 10) != 0)
            e++;
        if (!*e)
            break;
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(*e, "="), *e);
        unsetenv(name);
    }
}

/* Run binbridge with args (NULL-terminated) and, of the BINBRIDGE_
 * variables, only those of env ("NAME=value", NULL-terminated, or NULL);
 * both outputs kept. */
static void cli_run_env(const char *const *args, const char *const *env, struct cli_run *r)
{
    const char *argv[24];
    size_t n = 0;
    argv[n++] = test_env("BB_BINBRIDGE");
    for (; *args; args++) {
        cr_assert(n < 23);
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
        clear_binbridge_env();
        for (; env && *env; env++)
            putenv((char *)*env);
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

static void cli_run(const char *const *args, struct cli_run *r)
{
    cli_run_env(args, NULL, r);
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
        { ARGS("run", "--source"), "--source needs a value" },
        { ARGS("status", "--bogus"), "'--bogus'" },
        { ARGS("status", "-v"), "'-v'" },
        { ARGS("dump", "--bogus"), "'--bogus'" },
        { ARGS("dump", "-x"), "'-x'" },
        { ARGS("dump", "--file"), "--file needs a value" },
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

/* ------------------------------------------------------------------ */
/* Exact messages                                                      */

/* binbridge args (with env) must exit with status and write exactly
 * "binbridge: " + msg + "\n" on stderr, nothing on stdout. */
static void expect_message(const char *const *args, const char *const *env, int status,
                           const char *msg)
{
    struct cli_run r;
    cli_run_env(args, env, &r);
    const char *what = joined(args);
    char want[1200];
    snprintf(want, sizeof want, "binbridge: %s\n", msg);
    cr_expect_eq(r.status, status, "%s: exit %d: %s", what, r.status, r.err);
    cr_expect_str_eq(r.err, want, "%s", what);
    cr_expect_str_empty(r.out, "%s: stdout: %s", what, r.out);
    cli_run_free(&r);
}

/* An option without its value says so, with what the value looks like;
 * `--source --redis URL` too (the next option is no value). */
Test(cli, an_option_without_its_value_says_what_it_needs)
{
    const struct {
        const char *const *args;
        const char *msg;
    } cases[] = {
        { ARGS("run", "--source"), "run: --source needs a value (mysql://user@host[:port])" },
        { ARGS("run", "--source", "--redis", "redis://127.0.0.1:1"),
          "run: --source needs a value (mysql://user@host[:port])" },
        { ARGS("run", "--redis"), "run: --redis needs a value (redis://host:port)" },
        { ARGS("run", "--mongo"), "run: --mongo needs a value (mongodb://host:port)" },
        { ARGS("run", "--log-level"), "run: --log-level needs a value (debug, info, warn, error "
                                      "or off)" },
        { ARGS("run", "--config"), "run: --config needs a value (the path of a libconfig file)" },
        { ARGS("status", "--checkpoint"), "status: --checkpoint needs a value (a name)" },
        { ARGS("dump", "--file"), "dump: --file needs a value (binlog file paths)" },
        { ARGS("dump", "--source"), "dump: --source needs a value (mysql://user@host[:port])" },
        { ARGS("dump", "--source", "--blocking"),
          "dump: --source needs a value (mysql://user@host[:port])" },
        { ARGS("dump", "--file", "x", "--start-gtid"),
          "dump: --start-gtid needs a value (a GTID set, MariaDB 0-1-42 or MySQL uuid:1-5)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_message(cases[i].args, NULL, 2, cases[i].msg);
}

Test(cli, log_level_names_the_flag_and_every_level)
{
    expect_message(ARGS("run", "--log-level", "verbose"), NULL, 2,
                   "run: --log-level must be \"debug\", \"info\", \"warn\", \"error\" or \"off\", "
                   "got \"verbose\"");
    expect_message(ARGS("run", "--log-level", "verbose", "--source", "mysql://u@127.0.0.1:1"),
                   NULL, 2, "run: --log-level must be \"debug\", \"info\", \"warn\", \"error\" or "
                   "\"off\", got \"verbose\"");
    struct cli_run r;
    cli_run(ARGS("run", "--help"), &r);
    cr_expect(strstr(r.out, "\n  --log-level LEVEL       debug, info, warn, error or off (default "
                            "info)\n"), "%s", r.out);
    cli_run_free(&r);
}

/* Values of flags are checked as a file's are, named by the flag. */
Test(cli, flag_values_name_the_flag)
{
    expect_message(ARGS("run", "--start", "nowhere"), NULL, 2,
                   "run: --start must be \"earliest\", \"current\" or \"snapshot\", got "
                   "\"nowhere\"");
    expect_message(ARGS("run", "--server-id", "0"), NULL, 2,
                   "run: --server-id must be an integer between 1 and 4294967295, got 0");
    expect_message(ARGS("run", "--progress", "often"), NULL, 2,
                   "run: --progress must be an integer between 0 and 86400, got \"often\"");
    expect_message(ARGS("status", "--checkpoint", "a b"), NULL, 2,
                   "status: --checkpoint: \"a b\" must be 1 to 64 letters, digits, '-', '_' or "
                   "'.' (it becomes part of a Redis key and a MongoDB _id)");
    expect_message(ARGS("run", "--source", "db:3306"), NULL, 2,
                   "run: --source: server URL must start with mysql:// or mariadb:// (expected "
                   "mysql://user[:password]@host[:port])");
}

/* status has no use for run's options: refused, not ignored. */
Test(cli, status_refuses_the_options_of_run)
{
    const char *const *cases[] = {
        ARGS("status", "--stop-at-end"), ARGS("status", "--start", "earliest"),
        ARGS("status", "--server-id", "7"), ARGS("status", "--log-level", "debug"),
        ARGS("status", "--progress", "5"),
    };
    static const char *const msgs[] = {
        "status: --stop-at-end is an option of run, not of status",
        "status: --start is an option of run, not of status",
        "status: --server-id is an option of run, not of status",
        "status: --log-level is an option of run, not of status",
        "status: --progress is an option of run, not of status",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_message(cases[i], NULL, 2, msgs[i]);
}

/* A start GTID in neither syntax is a usage error that shows both. */
Test(cli, a_bad_start_gtid_is_a_usage_error_naming_both_forms)
{
    static const char both[] = " (MariaDB: domain-server-sequence[,...], e.g. 0-1-42; MySQL: "
                               "uuid:N[-M][,...], e.g. 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5)";
    char want[600];
    snprintf(want, sizeof want, "dump: --start-gtid: GTID position 'garbage': expected "
             "domain-server-sequence numbers at offset 0%s", both);
    /* refused before anything connects: port 1 is never asked */
    expect_message(ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--start-gtid", "garbage"),
                   NULL, 2, want);
    snprintf(want, sizeof want, "dump: --start-gtid: GTID set "
             "'3e11fa47-71ca-11e1-9e33-c80aa9429562:x': tag at offset 38 has no intervals%s",
             both);
    expect_message(ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--start-gtid",
                        "3e11fa47-71ca-11e1-9e33-c80aa9429562:x"), NULL, 2, want);
    snprintf(want, sizeof want, "dump: --start-gtid: GTID position '0-1-2,0-3-4': domain 0 "
             "appears twice%s", both);
    expect_message(ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--start-gtid",
                        "0-1-2,0-3-4"), NULL, 2, want);
}

/* Options that would be ignored are refused. */
Test(cli, dump_refuses_options_it_would_ignore)
{
    const struct {
        const char *const *args;
        const char *msg;
    } cases[] = {
        { ARGS("dump", "--file", "x", "--start-file", "y"),
          "dump: --start-file applies to a live server (--source), not to --file" },
        { ARGS("dump", "--start-pos", "5", "--file", "x"),
          "dump: --start-pos applies to a live server (--source), not to --file" },
        { ARGS("dump", "--file", "x", "--start-gtid", "0-1-1"),
          "dump: --start-gtid applies to a live server (--source), not to --file" },
        { ARGS("dump", "--file", "x", "--blocking"),
          "dump: --blocking applies to a live server (--source), not to --file" },
        { ARGS("dump", "--file", "x", "--start", "earliest"),
          "dump: --start applies to a live server (--source), not to --file" },
        { ARGS("dump", "--file", "x", "--server-id", "3"),
          "dump: --server-id applies to a live server (--source), not to --file" },
        { ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--heartbeat", "5"),
          "dump: --heartbeat applies with --blocking (without it dump stops at the server's "
          "end)" },
        { ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--start-file", "b.000001",
               "--start-gtid", "0-1-1"),
          "dump: --start-file and --start-gtid both say where to start: give one" },
        { ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--start", "earliest",
               "--start-file", "b.000001"),
          "dump: --start and --start-file both say where to start: give one" },
        { ARGS("dump", "--source", "mysql://u@127.0.0.1:1", "--start-pos", "5"),
          "dump: --start-pos needs --start-file" },
        { ARGS("dump"), "dump: give either --file PATH... or --source URL (or $BINBRIDGE_SOURCE)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        expect_message(cases[i].args, NULL, 2, cases[i].msg);
}

/* A file in another syntax, or a name given twice, through the binary. */
Test(cli, config_syntax_errors_say_what_and_where)
{
    char dir[] = "/tmp/bb-cli-XXXXXX";
    cr_assert(mkdtemp(dir));
    char yaml[64], dup[64], want[400];
    snprintf(yaml, sizeof yaml, "%s/binbridge.yaml", dir);
    snprintf(dup, sizeof dup, "%s/dup.conf", dir);
    FILE *f = fopen(yaml, "w");
    cr_assert(f);
    fputs("source:\n  url: mysql://repl@db\n", f);
    fclose(f);
    f = fopen(dup, "w");
    cr_assert(f);
    fputs("redis = {\n  url = \"redis://a\";\n  url = \"redis://b\"; };\n", f);
    fclose(f);
    snprintf(want, sizeof want, "%s:2: syntax error: this looks like YAML, but the "
             "configuration is libconfig syntax (name = value; groups in { }), see "
             "config/README.md", yaml);
    expect_message(ARGS("run", "--config", yaml), NULL, 2, want);
    snprintf(want, sizeof want, "%s:3: duplicate setting name \"redis.url\" (set at line 2 "
             "already)", dup);
    expect_message(ARGS("status", "--config", dup), NULL, 2, want);
    /* BINBRIDGE_CONFIG names the file; --config wins over it */
    char env[128];
    snprintf(env, sizeof env, "BINBRIDGE_CONFIG=%s", dup);
    expect_message(ARGS("run"), ARGS(env), 2, want + 0);
    snprintf(want, sizeof want, "%s:2: syntax error: this looks like YAML, but the "
             "configuration is libconfig syntax (name = value; groups in { }), see "
             "config/README.md", yaml);
    expect_message(ARGS("run", "--config", yaml), ARGS(env), 2, want);
    expect_message(ARGS("run"), ARGS("BINBRIDGE_CONFIG=/nonexistent/b.conf"), 2,
                   "BINBRIDGE_CONFIG: /nonexistent/b.conf: cannot open: No such file or "
                   "directory");
    unlink(yaml);
    unlink(dup);
    rmdir(dir);
}

/* ------------------------------------------------------------------ */
/* The environment                                                     */

/* A file in a fresh directory holding text; path in buf. */
static void write_file(char *buf, size_t n, const char *name, const char *text)
{
    char dir[] = "/tmp/bb-cli-env-XXXXXX";
    cr_assert(mkdtemp(dir));
    snprintf(buf, n, "%s/%s", dir, name);
    FILE *f = fopen(buf, "w");
    cr_assert(f);
    fputs(text, f);
    cr_assert_eq(fclose(f), 0);
}

static void remove_file(const char *path)
{
    unlink(path);
    char dir[256];
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = '\0';
    rmdir(dir);
}

Test(cli, environment_errors_name_the_variable_never_the_secret)
{
    expect_message(ARGS("run"), ARGS("BINBRIDGE_LOG_LEVEL=verbose"), 2,
                   "BINBRIDGE_LOG_LEVEL must be \"debug\", \"info\", \"warn\", \"error\" or "
                   "\"off\", got \"verbose\"");
    /* checked even when a flag overrides it, as a file's value is */
    expect_message(ARGS("run", "--log-level", "info"), ARGS("BINBRIDGE_LOG_LEVEL=verbose"), 2,
                   "BINBRIDGE_LOG_LEVEL must be \"debug\", \"info\", \"warn\", \"error\" or "
                   "\"off\", got \"verbose\"");
    expect_message(ARGS("run"), ARGS("BINBRIDGE_REDIS_PASSWORD_FILE=/nonexistent/pw"), 2,
                   "BINBRIDGE_REDIS_PASSWORD_FILE: cannot read /nonexistent/pw: No such file or "
                   "directory");
    expect_message(ARGS("status"), ARGS("BINBRIDGE_MONGO_FILE=/nonexistent/url"), 2,
                   "BINBRIDGE_MONGO_FILE: cannot read /nonexistent/url: No such file or "
                   "directory");

    char path[128], env[200], want[400];
    write_file(path, sizeof path, "pw", "S3cretPassw0rd\n");
    snprintf(env, sizeof env, "BINBRIDGE_PASSWORD_FILE=%s", path);
    expect_message(ARGS("run"), ARGS("BINBRIDGE_PASSWORD=S3cretPassw0rd", env), 2,
                   "BINBRIDGE_PASSWORD and BINBRIDGE_PASSWORD_FILE are both set: keep one");
    expect_message(ARGS("dump", "--source", "mysql://u@127.0.0.1:1"),
                   ARGS("BINBRIDGE_PASSWORD=S3cretPassw0rd", env), 2,
                   "dump: BINBRIDGE_PASSWORD and BINBRIDGE_PASSWORD_FILE are both set: keep one");
    remove_file(path);
    /* what a file holds is never shown */
    write_file(path, sizeof path, "url", "redis://:S3cretPassw0rd@cache:6379\nsecond line\n");
    snprintf(env, sizeof env, "BINBRIDGE_REDIS_FILE=%s", path);
    snprintf(want, sizeof want, "BINBRIDGE_REDIS_FILE: %s holds more than one line", path);
    expect_message(ARGS("run"), ARGS(env), 2, want);
    remove_file(path);
    write_file(path, sizeof path, "url", "redis://:S3cretPassw0rd@cache:99999\n");
    snprintf(env, sizeof env, "BINBRIDGE_REDIS_FILE=%s", path);
    struct cli_run r;
    cli_run_env(ARGS("run"), ARGS(env), &r);
    cr_expect_eq(r.status, 2, "%s", r.err);
    cr_expect(strncmp(r.err, "binbridge: BINBRIDGE_REDIS_FILE (", 33) == 0, "%s", r.err);
    cr_expect(!strstr(r.err, "S3cret"), "the password shows: %s", r.err);
    cli_run_free(&r);
    remove_file(path);
}

/* flag > environment > file > default, through the binary. */
Test(cli, precedence_flag_environment_file)
{
    char path[128], env[200], want[400];
    write_file(path, sizeof path, "b.conf",
               "source = { url = \"mysql://repl@127.0.0.1:1\"; };\n"
               "redis = { url = \"redis://127.0.0.1:1\"; };\n"
               "retry = {\n  initial_ms = 500;\n  max_ms = 60000; };\n");
    snprintf(env, sizeof env, "BINBRIDGE_CONFIG=%s", path);
    /* the environment's max_ms over the file's; the file's initial_ms */
    snprintf(want, sizeof want, "%s:4: retry.initial_ms (500) is larger than retry.max_ms (200)",
             path);
    expect_message(ARGS("run"), ARGS(env, "BINBRIDGE_RETRY_MAX_MS=200"), 2, want);
    /* the environment's initial_ms over the file's */
    expect_message(ARGS("status"), ARGS(env, "BINBRIDGE_RETRY_MAX_MS=200",
                                        "BINBRIDGE_RETRY_INITIAL_MS=300"), 2,
                   "BINBRIDGE_RETRY_INITIAL_MS: retry.initial_ms (300) is larger than "
                   "retry.max_ms (200)");
    /* a flag over the environment: the source asked is the flag's */
    char source[128];
    snprintf(source, sizeof source, "mysql://bb@%s:%s", test_env("BB_MARIADB_HOST"),
             test_env("BB_MARIADB_PORT"));
    snprintf(want, sizeof want, "BINBRIDGE_REDIS=%s", test_env("BB_REDIS_URL"));
    struct cli_run r;
    cli_run_env(ARGS("status", "--source", source),
                ARGS("BINBRIDGE_SOURCE=mysql://bb@127.0.0.1:1", want), &r);
    cr_expect_eq(r.status, 1, "%s", r.err);
    cr_expect(strstr(r.err, "(error 1045)"), "not the flag's server: %s", r.err);
    cli_run_free(&r);
    remove_file(path);
}

/* Access denied without a password says where one goes; with a wrong one
 * it does not. */
Test(cli, access_denied_without_a_password_names_the_variables)
{
    char source[128], wrong[128], redis[300], ckpt[64];
    const char *host = test_env("BB_MARIADB_HOST"), *port = test_env("BB_MARIADB_PORT");
    snprintf(source, sizeof source, "mysql://bb@%s:%s", host, port);
    snprintf(wrong, sizeof wrong, "mysql://bb:wrong-password@%s:%s", host, port);
    snprintf(redis, sizeof redis, "%s", test_env("BB_REDIS_URL"));
    snprintf(ckpt, sizeof ckpt, "cli-denied-%d", (int)getpid());
    static const char hint[] = "(error 1045); no password was given: set BINBRIDGE_PASSWORD or "
                               "BINBRIDGE_PASSWORD_FILE\n";
    const char *const *cases[] = {
        ARGS("run", "--source", source, "--redis", redis, "--checkpoint", ckpt, "--stop-at-end"),
        ARGS("status", "--source", source, "--redis", redis, "--checkpoint", ckpt),
        ARGS("dump", "--source", source),
    };
    for (size_t i = 0; i < 3; i++) {
        struct cli_run r;
        cli_run_env(cases[i], NULL, &r);
        const char *what = joined(cases[i]);
        cr_expect_eq(r.status, 1, "%s: %s", what, r.err);
        /* run's log begins with its version, then the one error line */
        size_t banner = strstr(r.err, " INFO  binbridge ") && strstr(r.err, " starting\n") ? 1 : 0;
        cr_expect_eq(banner, i == 0, "%s: %s", what, r.err);
        cr_expect_eq(count_lines(r.err), 1 + banner, "%s: %s", what, r.err);
        cr_expect(strstr(r.err, "Access denied for user 'bb'@") &&
                  strlen(r.err) > strlen(hint) &&
                  strcmp(r.err + strlen(r.err) - strlen(hint), hint) == 0,
                  "%s: %s", what, r.err);
        cli_run_free(&r);
    }
    /* a password given, wrong: no hint */
    struct cli_run r;
    cli_run_env(ARGS("dump", "--source", wrong), NULL, &r);
    cr_expect_eq(r.status, 1, "%s", r.err);
    cr_expect(strstr(r.err, "(error 1045)") && !strstr(r.err, "BINBRIDGE_PASSWORD"), "%s", r.err);
    cli_run_free(&r);
}

/* dump takes its source and password from the environment too. */
Test(cli, dump_from_the_environment)
{
    char source[160], pw[128], env_source[200], env_pw[200];
    snprintf(source, sizeof source, "mysql://bb@%s:%s", test_env("BB_MARIADB_HOST"),
             test_env("BB_MARIADB_PORT"));
    char text[128];
    snprintf(text, sizeof text, "%s\n", test_env("BB_MARIADB_PASSWORD"));
    write_file(pw, sizeof pw, "pw", text);
    snprintf(env_source, sizeof env_source, "BINBRIDGE_SOURCE=%s", source);
    snprintf(env_pw, sizeof env_pw, "BINBRIDGE_PASSWORD_FILE=%s", pw);
    struct cli_run r;
    cli_run_env(ARGS("dump", "--format", "json"), ARGS(env_source, env_pw), &r);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "\"type\":\"FORMAT_DESCRIPTION_EVENT\""), "%s", r.out);
    cli_run_free(&r);
    /* --file wins over BINBRIDGE_SOURCE */
    cli_run_env(ARGS("dump", "--file", "/nonexistent/mysql-bin.000001"), ARGS(env_source, env_pw),
                &r);
    cr_expect_eq(r.status, 1, "%s", r.err);
    cr_expect(strstr(r.err, "/nonexistent/mysql-bin.000001"), "%s", r.err);
    cli_run_free(&r);
    remove_file(pw);
}

/* run --help and status --help name the variables (from the registry). */
Test(cli, help_mentions_the_environment)
{
    static const char *const names[] = {
        "BINBRIDGE_SOURCE", "BINBRIDGE_REDIS", "BINBRIDGE_MONGO", "BINBRIDGE_CONFIG",
        "BINBRIDGE_PASSWORD", "BINBRIDGE_REDIS_PASSWORD", "BINBRIDGE_MONGO_PASSWORD",
        "BINBRIDGE_BATCH_ROWS", "NAME_FILE",
        ("a flag wins over the environment, which wins over the file"),
    };
    struct cli_run r;
    cli_run(ARGS("run", "--help"), &r);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        cr_expect(strstr(r.out, names[i]), "run --help lacks %s:\n%s", names[i], r.out);
    cli_run_free(&r);
    cli_run(ARGS("status", "--help"), &r);
    cr_expect(strstr(r.out, "BINBRIDGE_SOURCE") && strstr(r.out, "NAME_FILE"), "%s", r.out);
    cli_run_free(&r);
    cli_run(ARGS("dump", "--help"), &r);
    cr_expect(strstr(r.out, "$BINBRIDGE_SOURCE") && strstr(r.out, "$BINBRIDGE_PASSWORD_FILE"),
              "%s", r.out);
    cli_run_free(&r);
}

/* ---- stopping a dump that follows a server ---- */

/* The whole of a file ("" when it does not exist yet; caller frees). */
static char *file_text(const char *path)
{
    size_t n = 0;
    uint8_t *data = slurp(path, &n);
    char *s = malloc(n + 1);
    cr_assert(s);
    if (data)
        memcpy(s, data, n);
    s[n] = '\0';
    free(data);
    return s;
}

/* Wait up to `seconds` for the file to contain needle. */
static bool wait_for_text(const char *path, const char *needle, double seconds)
{
    for (int i = 0; i < seconds * 20; i++) {
        char *s = file_text(path);
        bool found = strstr(s, needle) != NULL;
        free(s);
        if (found)
            return true;
        usleep(50000);
    }
    return false;
}

/* `dump --blocking` stops on SIGTERM (what `docker stop` sends to a
 * container's PID 1, which has no default action for it) and on SIGINT
 * (Ctrl-C) while it waits for the server's next event: exit 0 within a
 * moment, nothing on stderr, and every event read before is printed. It
 * also prints each event as it comes, not when 64 KiB have gathered. */
static void dump_stops_on(int sig, const char *tag)
{
    struct live L;
    live_begin(&L, "bbcli", tag);
    test_sql(L.m, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
    char dir[] = "/tmp/bb-cli-XXXXXX";
    cr_assert(mkdtemp(dir));
    char out[64], err[64], url[256], sid[16];
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(err, sizeof err, "%s/err", dir);
    snprintf(url, sizeof url, "mysql://bbrepl:bbrepl@%s:%u", test_env("BB_MARIADB_HOST"),
             test_mariadb_port());
    snprintf(sid, sizeof sid, "%u", 0x62630000u | ((unsigned)getpid() & 0xffff));
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(o, 1);
        dup2(e, 2);
        execl(test_env("BB_BINBRIDGE"), "binbridge", "dump", "--source", url, "--blocking",
              "--format", "json", "--server-id", sid, (char *)NULL);
        _exit(127);
    }
    /* Connected once the server's first events (its ROTATE, its
     * FORMAT_DESCRIPTION) are out; then a row of our own. */
    bool connected = wait_for_text(out, "FORMAT_DESCRIPTION_EVENT", 10);
    if (connected)
        test_sql(L.m, "INSERT INTO t VALUES (1, 'before-stop')");
    bool followed = connected && wait_for_text(out, "before-stop", 10);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    kill(pid, sig);
    int st = 0;
    pid_t w = 0;
    for (int i = 0; i < 100 && (w = waitpid(pid, &st, WNOHANG)) == 0; i++)
        usleep(50000);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (w == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
    }
    double took = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    char *errtext = file_text(err), *outtext = file_text(out);
    cr_expect(connected, "dump --blocking printed no FORMAT_DESCRIPTION_EVENT in 10 s: %s",
              errtext);
    cr_expect(followed, "dump --blocking did not print the row inserted while it followed "
              "(written only at exit?)");
    cr_expect_neq(w, 0, "dump --blocking still ran 5 s after signal %d", sig);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "dump --blocking after signal %d: %s %d",
              sig, WIFEXITED(st) ? "exit" : "killed by signal",
              WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
    cr_expect_str_empty(errtext, "stderr after signal %d: %s", sig, errtext);
    cr_expect(strstr(outtext, "before-stop"), "the row is missing from the output");
    cr_log_info("dump --blocking: exit %d %.3f s after signal %d", WEXITSTATUS(st), took, sig);
    free(errtext);
    free(outtext);
    unlink(out);
    unlink(err);
    rmdir(dir);
    live_end(&L);
}

Test(cli, dump_blocking_stops_cleanly_on_sigterm)
{
    dump_stops_on(SIGTERM, "term");
}

Test(cli, dump_blocking_stops_cleanly_on_sigint)
{
    dump_stops_on(SIGINT, "int");
}

/* ---- status as a health check ---- */

/* status against the test servers with checkpoint `name`, in Redis. */
static void status_run(const char *name, const char *max_lag, struct cli_run *r)
{
    char source[256], redis[256];
    snprintf(source, sizeof source, "mysql://bbrepl:bbrepl@%s:%u", test_env("BB_MARIADB_HOST"),
             test_mariadb_port());
    snprintf(redis, sizeof redis, "%s", test_env("BB_REDIS_URL"));
    if (max_lag)
        cli_run(ARGS("status", "--source", source, "--redis", redis, "--checkpoint", name,
                     "--max-lag", max_lag), r);
    else
        cli_run(ARGS("status", "--source", source, "--redis", redis, "--checkpoint", name), r);
}

static redisContext *test_redis(void)
{
    redisContext *c = redisConnect(test_env("BB_REDIS_HOST"), atoi(test_env("BB_REDIS_PORT")));
    cr_assert(c && !c->err, "cannot connect to Redis: %s", c ? c->errstr : "out of memory");
    return c;
}

static void redis_cmd(redisContext *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisReply *reply = redisvCommand(c, fmt, ap);
    va_end(ap);
    cr_assert(reply && reply->type != REDIS_REPLY_ERROR, "Redis: %s",
              reply ? reply->str : c->errstr);
    freeReplyObject(reply);
}

/* No checkpoint: exit 1, and why in one line on stderr (what a container's
 * health log shows). */
Test(cli, status_without_a_checkpoint_exits_1)
{
    char name[64];
    snprintf(name, sizeof name, "bbcli_none_%d", (int)getpid());
    struct cli_run r;
    status_run(name, NULL, &r);
    cr_expect_eq(r.status, 1, "exit %d: %s%s", r.status, r.out, r.err);
    cr_expect(strstr(r.out, "none saved yet"), "stdout: %s", r.out);
    cr_expect_eq(count_lines(r.err), 1, "stderr: %s", r.err);
    cr_expect(strstr(r.err, "has no checkpoint"), "stderr: %s", r.err);
    cli_run_free(&r);
}

/* A checkpoint whose last transaction was committed 1000 s ago, at a
 * position the server has left behind: 1000 s of lag, healthy without
 * --max-lag or within it, exit 1 past it. */
Test(cli, status_exits_1_when_the_lag_exceeds_max_lag)
{
    char name[64];
    snprintf(name, sizeof name, "bbcli_lag_%d", (int)getpid());
    redisContext *c = test_redis();
    redis_cmd(c, "HSET binbridge:checkpoint:%s file mysql-bin.000001 pos 4 rows_done 0 gtid %s "
              "commit_time %lld server_id 1", name, "", (long long)time(NULL) - 1000);
    static const struct {
        const char *max_lag;
        int status;
    } cases[] = { { NULL, 0 }, { "100000", 0 }, { "60", 1 }, { "0", 1 } };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cli_run r;
        status_run(name, cases[i].max_lag, &r);
        const char *what = cases[i].max_lag ? cases[i].max_lag : "(none)";
        cr_expect_eq(r.status, cases[i].status, "--max-lag %s: exit %d: %s%s", what, r.status,
                     r.out, r.err);
        cr_expect(strstr(r.out, "redis lag: 10"), "--max-lag %s: stdout: %s", what, r.out);
        if (cases[i].status == 0) {
            cr_expect_str_empty(r.err, "--max-lag %s: stderr: %s", what, r.err);
        } else {
            cr_expect_eq(count_lines(r.err), 1, "--max-lag %s: stderr: %s", what, r.err);
            cr_expect(strstr(r.err, "behind, more than --max-lag"), "--max-lag %s: stderr: %s",
                      what, r.err);
        }
        cli_run_free(&r);
    }
    redis_cmd(c, "DEL binbridge:checkpoint:%s", name);
    redisFree(c);
}

/* --max-lag is status's: a number of seconds, and not an option of run. */
Test(cli, max_lag_must_be_seconds_and_is_not_run_s)
{
    const char *const *const cases[] = {
        ARGS("status", "--source", "mysql://u@127.0.0.1:1", "--max-lag", "soon"),
        ARGS("status", "--source", "mysql://u@127.0.0.1:1", "--max-lag", "-1"),
        ARGS("run", "--source", "mysql://u@127.0.0.1:1", "--max-lag", "5"),
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct cli_run r;
        cli_run(cases[i], &r);
        cr_expect_eq(r.status, 2, "%s: exit %d: %s", joined(cases[i]), r.status, r.err);
        cr_expect_eq(count_lines(r.err), 1, "%s: stderr: %s", joined(cases[i]), r.err);
        cr_expect(strstr(r.err, "--max-lag"), "%s: stderr: %s", joined(cases[i]), r.err);
        cli_run_free(&r);
    }
}

/* Several source URLs (a primary and its replicas): each gets the
 * source.ssl_* settings under its own parameters, and is checked on its
 * own. One URL's CA never applies to another: a VERIFY mode on the second
 * without a CA of its own or from the settings is a usage error naming
 * it, whether the mode is its parameter or the setting. Nothing connects
 * (port 1). */
Test(cli, tls_parameters_are_each_source_urls_own)
{
    char ca[600], first[800], sources[1600], env_ca[700];
    snprintf(ca, sizeof ca, "%s/ca.pem", test_env("BB_TLS_DIR"));
    cr_assert_eq(access(ca, R_OK), 0, "%s is not readable: run scripts/servers.sh start", ca);
    snprintf(first, sizeof first, "mysql://u:p@127.0.0.1:1?ssl-mode=VERIFY_CA&ssl-ca=%s", ca);
    static const char needs[] = "source 2 of 2: ssl-mode=VERIFY_CA needs ssl-ca, the CA "
                                "certificates (PEM) the server's certificate is verified against";

    snprintf(sources, sizeof sources, "%s,mysql://u:p@127.0.0.1:1?ssl-mode=VERIFY_CA", first);
    expect_message(ARGS("status", "--source", sources, "--redis", "redis://127.0.0.1:1/0"), NULL,
                   2, needs);
    /* the mode from the settings applies to the second URL too */
    snprintf(sources, sizeof sources, "%s,mysql://u:p@127.0.0.1:1", first);
    expect_message(ARGS("status", "--source", sources, "--redis", "redis://127.0.0.1:1/0"),
                   ARGS("BINBRIDGE_SOURCE_SSL_MODE=VERIFY_CA"), 2, needs);
    /* and so does the CA of the settings: both URLs pass, and status goes
     * on to connect (port 1: nobody answers, exit 1) */
    snprintf(env_ca, sizeof env_ca, "BINBRIDGE_SOURCE_SSL_CA=%s", ca);
    struct cli_run r;
    cli_run_env(ARGS("status", "--source", sources, "--redis", "redis://127.0.0.1:1/0"),
                ARGS("BINBRIDGE_SOURCE_SSL_MODE=VERIFY_CA", env_ca), &r);
    cr_expect_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_expect_null(strstr(r.err, "needs ssl-ca"), "%s", r.err);
    cli_run_free(&r);
}
