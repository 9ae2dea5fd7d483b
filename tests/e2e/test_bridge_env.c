/* test_bridge_env.c - `binbridge run` configured the container way: no
 * flag and no file, only environment variables (the source, Redis, the
 * tables, where to start), the source's password in a file named by
 * BINBRIDGE_PASSWORD_FILE as a mounted secret would be. The real binary
 * against the test servers; the rows must arrive, and a second run
 * resumes from the checkpoint.
 *
 * Run through scripts/run-tests.sh (BB_BINBRIDGE and the servers). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/e2e/bridge_util.h"
#include "tests/testutil.h"

static struct e2e E_;

static void env_fini(void)
{
    e2e_kill_children();
    if (E_.m || E_.r)
        e2e_end(&E_);
}

TestSuite(bridge_env, .fini = env_fini);

/* Every BINBRIDGE_ variable unset: the test's own are the only ones. */
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

/* HGET key field, "" when absent (static buffer). */
static const char *hget(struct e2e *E, const char *key, const char *field)
{
    static char value[256];
    redisReply *r = e2e_redis(E->r, "HGET %s %s", key, field);
    snprintf(value, sizeof value, "%s", r->type == REDIS_REPLY_STRING ? r->str : "");
    freeReplyObject(r);
    return value;
}

Test(bridge_env, run_configured_only_by_environment_variables)
{
    struct e2e *E = &E_;
    e2e_begin(E, "envonly", NULL);
    e2e_sql(E->m, "CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20), n INT)");
    e2e_sql(E->m, "INSERT INTO t VALUES (1, 'one', 10), (2, 'two', NULL), (3, 'three', 30)");

    /* the password as a mounted secret: one line, its newline dropped */
    char pw_path[600];
    snprintf(pw_path, sizeof pw_path, "%.500s/mysql-password", E->dir);
    FILE *f = fopen(pw_path, "w");
    cr_assert_not_null(f);
    fprintf(f, "%s\n", test_env("BB_MARIADB_PASSWORD"));
    cr_assert_eq(fclose(f), 0);

    char source[256], server_id[16];
    snprintf(source, sizeof source, "mysql://%.64s@%.64s:%u", test_env("BB_MARIADB_USER"),
             E->srv.host, E->srv.mariadb_port);
    snprintf(server_id, sizeof server_id, "%u", E->server_id);
    clear_binbridge_env();
    setenv("BINBRIDGE_SOURCE", source, 1);
    setenv("BINBRIDGE_PASSWORD_FILE", pw_path, 1);
    setenv("BINBRIDGE_REDIS", E->srv.redis_url, 1);
    setenv("BINBRIDGE_CHECKPOINT", E->db, 1);
    setenv("BINBRIDGE_INCLUDE_SCHEMAS", E->db, 1);
    setenv("BINBRIDGE_SOURCE_START", "snapshot", 1);
    setenv("BINBRIDGE_SOURCE_SERVER_ID", server_id, 1);
    setenv("BINBRIDGE_BATCH_ROWS", "2", 1);
    setenv("BINBRIDGE_PROGRESS_INTERVAL", "0", 1);

    /* the rows before the bridge: the snapshot the environment asked for */
    const char *const run[] = { "run", "--stop-at-end", NULL };
    char *out = NULL;
    int status = e2e_run_cmd(E, run, 120, &out);
    cr_assert_eq(status, 0, "binbridge run exited %d:\n%s", status, out);
    cr_expect(strncmp(out, "+ ", 2) == 0 && strstr(out, "binbridge run --stop-at-end\n"),
              "not a bare command line: %s", out);
    cr_expect(!strstr(out, test_env("BB_MARIADB_PASSWORD")), "the password shows:\n%s", out);
    free(out);
    char key[128];
    snprintf(key, sizeof key, "%.63s:t:1", E->db);
    cr_expect_str_eq(hget(E, key, "name"), "one");
    cr_expect_str_eq(hget(E, key, "n"), "10");
    snprintf(key, sizeof key, "%.63s:t:2", E->db);
    cr_expect_str_eq(hget(E, key, "name"), "two");
    cr_expect_str_eq(hget(E, key, "n"), "", "NULL is an absent field");
    e2e_compare_default(E, NULL);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read(E->r, E->db, &cp);
    cr_assert(cp.found, "no checkpoint named by BINBRIDGE_CHECKPOINT");

    /* then the binlog, resumed from the checkpoint */
    e2e_sql(E->m, "INSERT INTO t VALUES (4, 'four', 40), (5, 'five', 50)");
    e2e_sql(E->m, "UPDATE t SET name = 'uno' WHERE id = 1");
    e2e_sql(E->m, "DELETE FROM t WHERE id = 3");
    status = e2e_run_cmd(E, run, 120, &out);
    cr_assert_eq(status, 0, "binbridge run exited %d:\n%s", status, out);
    free(out);
    snprintf(key, sizeof key, "%.63s:t:1", E->db);
    cr_expect_str_eq(hget(E, key, "name"), "uno");
    snprintf(key, sizeof key, "%.63s:t:5", E->db);
    cr_expect_str_eq(hget(E, key, "name"), "five");
    size_t nkeys;
    char glob[128];
    snprintf(glob, sizeof glob, "%.63s:*", E->db);
    char **keys = e2e_redis_keys(E->r, glob, &nkeys);
    cr_expect_eq(nkeys, 4u, "rows 1, 2, 4, 5");
    e2e_free_strings(keys, nkeys);
    e2e_compare_default(E, NULL);

    /* status reads the same variables (the shared server moves on: the
     * lag need not be 0) */
    const char *const status_cmd[] = { "status", NULL };
    status = e2e_run_cmd(E, status_cmd, 60, &out);
    cr_expect_eq(status, 0, "binbridge status exited %d:\n%s", status, out);
    char line[200];
    snprintf(line, sizeof line, "redis checkpoint %.63s: ", E->db);
    cr_expect(strstr(out, line) && strstr(out, "\nredis lag: "), "%s", out);
    free(out);
}
