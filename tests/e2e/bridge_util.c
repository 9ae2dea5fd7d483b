/* bridge_util.c - the end-to-end harness (see bridge_util.h). */
#include "tests/e2e/bridge_util.h"

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ */
/* Small things                                                        */

double e2e_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void e2e_sleep_ms(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static const char *env(const char *name)
{
    const char *v = getenv(name);
    cr_assert(v && *v, "%s is not set: run the tests with scripts/run-tests.sh, or "
              "eval \"$(scripts/servers.sh env)\" first", name);
    return v;
}

static char *xstrndup(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    cr_assert(s);
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    char *s = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && s);
    return s;
}

void e2e_sb_append(struct e2e_sb *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        cr_assert(b->p);
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void e2e_sb_puts(struct e2e_sb *b, const char *s)
{
    e2e_sb_append(b, s, strlen(s));
}

void e2e_sb_printf(struct e2e_sb *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0);
    if ((size_t)n < sizeof small) {
        e2e_sb_append(b, small, (size_t)n);
        return;
    }
    char *big = NULL;
    va_start(ap, fmt);
    n = vasprintf(&big, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && big);
    e2e_sb_append(b, big, (size_t)n);
    free(big);
}

void e2e_sb_hex(struct e2e_sb *b, const void *bytes, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = bytes;
    for (size_t i = 0; i < n; i++) {
        char two[2] = { hex[p[i] >> 4], hex[p[i] & 15] };
        e2e_sb_append(b, two, 2);
    }
}

char *e2e_printable(const char *p, size_t len)
{
    struct e2e_sb b = { 0 };
    e2e_sb_puts(&b, "'");
    size_t shown = len > 300 ? 300 : len;
    for (size_t i = 0; i < shown; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c != 0x7f && c != '\\' && c != '\'')
            e2e_sb_append(&b, (const char *)&c, 1);
        else
            e2e_sb_printf(&b, "\\x%02X", c);
    }
    e2e_sb_puts(&b, "'");
    if (shown < len)
        e2e_sb_printf(&b, "... (%zu bytes)", len);
    return b.p;
}

const char *e2e_tail(const char *path, size_t max_bytes)
{
    static char buf[8192];
    if (max_bytes >= sizeof buf)
        max_bytes = sizeof buf - 1;
    buf[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(buf, sizeof buf, "(cannot read %s)", path);
        return buf;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long from = size > (long)max_bytes ? size - (long)max_bytes : 0;
    fseek(f, from, SEEK_SET);
    size_t n = fread(buf, 1, max_bytes, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64                                          */

uint64_t e2e_rand(struct e2e_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t e2e_below(struct e2e_rng *r, uint64_t n)
{
    return n ? e2e_rand(r) % n : 0;
}

bool e2e_chance(struct e2e_rng *r, unsigned percent)
{
    return e2e_below(r, 100) < percent;
}

uint64_t e2e_seed(void)
{
    const char *s = getenv("BB_E2E_SEED");
    if (s && *s)
        return strtoull(s, NULL, 0);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct e2e_rng r = { (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
                         ((uint64_t)getpid() << 40) };
    return e2e_rand(&r) & 0xffffffffffffULL;
}

/* ------------------------------------------------------------------ */
/* Servers                                                             */

void e2e_servers_from_env(struct e2e_servers *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->host, sizeof s->host, "%s", env("BB_MARIADB_HOST"));
    s->mariadb_port = (unsigned)atoi(env("BB_MARIADB_PORT"));
    s->redis_port = (unsigned)atoi(env("BB_REDIS_PORT"));
    snprintf(s->mysql_url, sizeof s->mysql_url, "mysql://bbrepl:bbrepl@%s:%u", s->host,
             s->mariadb_port);
    snprintf(s->redis_url, sizeof s->redis_url, "redis://%s:%u/0", env("BB_REDIS_HOST"),
             s->redis_port);
    const char *mongo = getenv("BINBRIDGE_TEST_MONGO_URI");
    if (!mongo || !*mongo)
        mongo = getenv("BB_MONGO_URL");
    if (mongo && *mongo)
        snprintf(s->mongo_url, sizeof s->mongo_url, "%s", mongo);
}

/* A real MongoDB given for the tests: nothing is started for it. */
static const char *test_mongo_uri(void)
{
    const char *v = getenv("BINBRIDGE_TEST_MONGO_URI");
    return v && *v ? v : NULL;
}

/* Can a listener bind 127.0.0.1:port now? */
static bool port_free(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(fd >= 0, "socket: %s", strerror(errno));
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons((uint16_t)port);
    bool ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

/* Below the ephemeral range (ip_local_port_range): the kernel never gives
 * such a port to an outgoing connection, so a server restarting on it
 * finds it free (a port from the range may meanwhile be the local end of
 * one of the many client connections the tests open). */
unsigned e2e_free_port(void)
{
    unsigned lo = 32768, hi = 60999;
    FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
    if (f) {
        if (fscanf(f, "%u %u", &lo, &hi) != 2)
            lo = 32768;
        fclose(f);
    }
    unsigned from = 20000, to = lo > from + 1000 ? lo - 1 : 0;
    /* calls within one second get different ports: the count goes in too */
    static unsigned calls;
    struct e2e_rng r = { (uint64_t)getpid() * 0x9e3779b97f4a7c15ULL ^ (uint64_t)time(NULL) ^
                         ((uint64_t)++calls << 32) };
    for (int tries = 0; to && tries < 200; tries++) {
        unsigned port = from + (unsigned)e2e_below(&r, to - from + 1);
        if (port_free(port))
            return port;
    }
    cr_assert_fail("no free TCP port between %u and %u", from, to);
    return 0;
}

/* scripts/servers.sh: relative to the repository root, which run-tests.sh
 * makes the current directory; else beside $BB_BINBRIDGE's build dir. */
static const char *servers_script(void)
{
    static char path[1024];
    if (access("scripts/servers.sh", X_OK) == 0) {
        char *cwd = getcwd(NULL, 0);
        snprintf(path, sizeof path, "%s/scripts/servers.sh", cwd ? cwd : ".");
        free(cwd);
        return path;
    }
    char *bin = realpath(env("BB_BINBRIDGE"), NULL);
    cr_assert(bin, "cannot resolve $BB_BINBRIDGE");
    char *slash = strrchr(bin, '/');
    if (slash)
        *slash = '\0';
    snprintf(path, sizeof path, "%s/../scripts/servers.sh", bin);
    free(bin);
    cr_assert(access(path, X_OK) == 0, "scripts/servers.sh not found");
    return path;
}

/* fport: the private FerretDB's port; 0: none (BB_SKIP_FERRETDB=1, so
 * that whatever BB_FERRETDB_PORT the environment has is left alone). */
static int servers_sh(const char *dir, unsigned mport, unsigned rport, unsigned fport,
                      const char *action)
{
    char ferret[64];
    if (fport)
        snprintf(ferret, sizeof ferret, "BB_FERRETDB_PORT=%u BB_SKIP_FERRETDB=", fport);
    else
        snprintf(ferret, sizeof ferret, "BB_SKIP_FERRETDB=1");
    /* No MariaDB without TLS: only the TLS tests use one, the shared one. */
    char *cmd = xasprintf("BB_SERVERS_DIR='%s' BB_MARIADB_PORT=%u BB_REDIS_PORT=%u "
                          "BB_SKIP_MARIADB_PLAIN=1 %s '%s' %s "
                          ">>'%s/servers.log' 2>&1", dir, mport, rport, ferret, servers_script(),
                          action, dir);
    int st = system(cmd);
    free(cmd);
    return st == -1 ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Private pairs whose test process is gone (a timeout kills a test before
 * its .fini): stop them with the ports they recorded, remove them. Only
 * directories with a ports file are touched, so a stop never reaches the
 * shared servers' default ports. */
static void reap_stale_private_pairs(void)
{
    DIR *d = opendir("/tmp");
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        int pid;
        char rest;
        if (sscanf(de->d_name, "binbridge-e2e-%d%c", &pid, &rest) != 1 || pid <= 0)
            continue;
        if (pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH)
            continue;
        char dir[600], ports[700];
        snprintf(dir, sizeof dir, "/tmp/%s", de->d_name);
        snprintf(ports, sizeof ports, "%s/ports", dir);
        FILE *f = fopen(ports, "r");
        unsigned mp = 0, rp = 0, fp = 0;
        if (!f)
            continue;
        int got = fscanf(f, "%u %u %u", &mp, &rp, &fp);
        fclose(f);
        if (got < 2 || !mp || !rp)
            continue;
        if (got < 3)
            fp = 0;
        cr_log_info("removing the private servers of dead test process %d in %s", pid, dir);
        if (servers_sh(dir, mp, rp, fp, "stop") == 0) {
            char *cmd = xasprintf("rm -rf -- '%s'", dir);
            if (system(cmd) != 0)
                cr_log_warn("could not remove %s", dir);
            free(cmd);
        }
    }
    closedir(d);
}

static void private_start(struct e2e_servers *s, bool ferretdb)
{
    reap_stale_private_pairs();
    memset(s, 0, sizeof *s);
    s->private_pair = true;
    snprintf(s->host, sizeof s->host, "127.0.0.1");
    snprintf(s->dir, sizeof s->dir, "/tmp/binbridge-e2e-%d", (int)getpid());
    s->mariadb_port = e2e_free_port();
    do
        s->redis_port = e2e_free_port();
    while (s->redis_port == s->mariadb_port);
    if (ferretdb)
        do
            s->mongo_port = e2e_free_port();
        while (s->mongo_port == s->mariadb_port || s->mongo_port == s->redis_port);
    cr_assert(mkdir(s->dir, 0700) == 0 || errno == EEXIST, "mkdir %s: %s", s->dir,
              strerror(errno));
    char ports[600];
    snprintf(ports, sizeof ports, "%s/ports", s->dir);
    FILE *f = fopen(ports, "w");
    cr_assert(f);
    fprintf(f, "%u %u %u\n", s->mariadb_port, s->redis_port, s->mongo_port);
    fclose(f);
    snprintf(s->mysql_url, sizeof s->mysql_url, "mysql://bbrepl:bbrepl@127.0.0.1:%u",
             s->mariadb_port);
    snprintf(s->redis_url, sizeof s->redis_url, "redis://127.0.0.1:%u/0", s->redis_port);
    if (s->mongo_port)
        snprintf(s->mongo_url, sizeof s->mongo_url, "mongodb://127.0.0.1:%u/", s->mongo_port);
    int rc = servers_sh(s->dir, s->mariadb_port, s->redis_port, s->mongo_port, "start");
    char log[600];
    snprintf(log, sizeof log, "%s/servers.log", s->dir);
    cr_assert_eq(rc, 0, "scripts/servers.sh start for the private pair failed (%d):\n%s", rc,
                 e2e_tail(log, 3000));
}

void e2e_private_start(struct e2e_servers *s)
{
    private_start(s, false);
}

void e2e_private_start_mongo(struct e2e_servers *s)
{
    const char *real = test_mongo_uri();
    private_start(s, !real);
    if (real)
        snprintf(s->mongo_url, sizeof s->mongo_url, "%s", real);
}

int e2e_private_action(const struct e2e_servers *s, const char *action)
{
    cr_assert(s->private_pair, "servers.sh %s on the shared servers", action);
    return servers_sh(s->dir, s->mariadb_port, s->redis_port, s->mongo_port, action);
}

void e2e_private_destroy(struct e2e_servers *s)
{
    if (!s->private_pair || !s->dir[0])
        return;
    int rc = servers_sh(s->dir, s->mariadb_port, s->redis_port, s->mongo_port, "stop");
    if (rc == 0 && !getenv("BB_E2E_KEEP")) {
        char *cmd = xasprintf("rm -rf -- '%s'", s->dir);
        if (system(cmd) != 0)
            cr_log_warn("could not remove %s", s->dir);
        free(cmd);
    } else if (rc != 0) {
        cr_log_warn("servers.sh stop for %s failed (%d)", s->dir, rc);
    }
    s->dir[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* SQL                                                                 */

static MYSQL *sql_try_connect(const struct e2e_servers *s, char *why, size_t size)
{
    MYSQL *m = mysql_init(NULL);
    cr_assert(m);
    unsigned long max_packet = 256UL << 20;
    /* Every wait of a test is bounded, statements too: the tests carry no
     * Criterion .timeout (see test_bridge.c). */
    unsigned timeout = 10, io_timeout = 300;
    mysql_options(m, MYSQL_OPT_MAX_ALLOWED_PACKET, &max_packet);
    mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
    mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
    if (!mysql_real_connect(m, s->host, "bb", "bbpass", NULL, s->mariadb_port, NULL, 0)) {
        snprintf(why, size, "%s", mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    if (mysql_set_character_set(m, "utf8mb4") != 0 ||
        mysql_query(m, "SET NAMES utf8mb4") != 0 ||
        mysql_query(m, "SET time_zone = '+00:00'") != 0) {
        snprintf(why, size, "%s", mysql_error(m));
        mysql_close(m);
        return NULL;
    }
    return m;
}

MYSQL *e2e_sql_connect(const struct e2e_servers *s)
{
    char why[512];
    MYSQL *m = sql_try_connect(s, why, sizeof why);
    cr_assert(m, "cannot connect to MariaDB at %s:%u: %s", s->host, s->mariadb_port, why);
    return m;
}

MYSQL *e2e_sql_connect_retry(const struct e2e_servers *s, double seconds)
{
    char why[512] = "";
    double until = e2e_now() + seconds;
    for (;;) {
        MYSQL *m = sql_try_connect(s, why, sizeof why);
        if (m)
            return m;
        if (e2e_now() > until)
            break;
        e2e_sleep_ms(100);
    }
    cr_assert_fail("cannot connect to MariaDB at %s:%u within %.0f s: %s", s->host,
                   s->mariadb_port, seconds, why);
    return NULL;
}

static unsigned sql_run(MYSQL *m, const char *q, size_t len)
{
    if (mysql_real_query(m, q, (unsigned long)len) != 0)
        return mysql_errno(m);
    MYSQL_RES *r = mysql_store_result(m);
    if (r)
        mysql_free_result(r);
    else if (mysql_field_count(m) != 0)
        return mysql_errno(m);
    return 0;
}

void e2e_sql(MYSQL *m, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && q);
    if (sql_run(m, q, (size_t)n) != 0)
        cr_assert_fail("SQL failed: %.400s: %s", q, mysql_error(m));
    free(q);
}

unsigned e2e_sql_try(MYSQL *m, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && q);
    unsigned rc = sql_run(m, q, (size_t)n);
    free(q);
    return rc;
}

char *e2e_sql_value(MYSQL *m, const char *fmt, ...)
{
    char *q = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&q, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && q);
    if (mysql_real_query(m, q, (unsigned long)n) != 0)
        cr_assert_fail("SQL failed: %.400s: %s", q, mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r, "%.400s returned no result: %s", q, mysql_error(m));
    MYSQL_ROW row = mysql_fetch_row(r);
    char *v = NULL;
    if (row && row[0]) {
        unsigned long *lens = mysql_fetch_lengths(r);
        v = xstrndup(row[0], lens[0]);
    }
    mysql_free_result(r);
    free(q);
    return v;
}

void e2e_master_status(MYSQL *m, char *file, size_t size, uint64_t *pos)
{
    if (mysql_query(m, "SHOW MASTER STATUS") != 0)
        cr_assert_fail("SHOW MASTER STATUS: %s", mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r);
    MYSQL_ROW row = mysql_fetch_row(r);
    cr_assert(row && row[0] && row[1], "binary logging is off");
    snprintf(file, size, "%s", row[0]);
    *pos = strtoull(row[1], NULL, 10);
    mysql_free_result(r);
}

/* ------------------------------------------------------------------ */
/* Redis                                                               */

static redisContext *redis_try(const struct e2e_servers *s, char *why, size_t size)
{
    struct timeval tv = { 10, 0 };
    redisContext *c = redisConnectWithTimeout(s->host, (int)s->redis_port, tv);
    if (!c || c->err) {
        snprintf(why, size, "%s", c ? c->errstr : "out of memory");
        if (c)
            redisFree(c);
        return NULL;
    }
    redisSetTimeout(c, tv);
    /* A Redis still loading its AOF answers -LOADING. */
    redisReply *rep = redisCommand(c, "PING");
    bool ok = rep && rep->type == REDIS_REPLY_STATUS;
    if (!ok)
        snprintf(why, size, "PING: %s", rep && rep->str ? rep->str : c->errstr);
    if (rep)
        freeReplyObject(rep);
    if (!ok) {
        redisFree(c);
        return NULL;
    }
    return c;
}

redisContext *e2e_redis_connect(const struct e2e_servers *s)
{
    char why[512];
    redisContext *c = redis_try(s, why, sizeof why);
    cr_assert(c, "cannot connect to Redis at %s:%u: %s", s->host, s->redis_port, why);
    return c;
}

redisContext *e2e_redis_connect_retry(const struct e2e_servers *s, double seconds)
{
    char why[512] = "";
    double until = e2e_now() + seconds;
    for (;;) {
        redisContext *c = redis_try(s, why, sizeof why);
        if (c)
            return c;
        if (e2e_now() > until)
            break;
        e2e_sleep_ms(100);
    }
    cr_assert_fail("cannot connect to Redis at %s:%u within %.0f s: %s", s->host, s->redis_port,
                   seconds, why);
    return NULL;
}

redisReply *e2e_redis(redisContext *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisReply *r = redisvCommand(c, fmt, ap);
    va_end(ap);
    cr_assert(r, "Redis %s: %s", fmt, c->errstr);
    cr_assert(r->type != REDIS_REPLY_ERROR, "Redis %s: %s", fmt, r->str);
    return r;
}

char **e2e_redis_keys(redisContext *c, const char *glob, size_t *n)
{
    char **keys = NULL;
    size_t cap = 0;
    *n = 0;
    char cursor[32] = "0";
    do {
        redisReply *r = e2e_redis(c, "SCAN %s MATCH %s COUNT 1000", cursor, glob);
        cr_assert(r->type == REDIS_REPLY_ARRAY && r->elements == 2);
        snprintf(cursor, sizeof cursor, "%s", r->element[0]->str);
        redisReply *list = r->element[1];
        for (size_t i = 0; i < list->elements; i++) {
            if (*n == cap) {
                cap = cap ? cap * 2 : 256;
                keys = realloc(keys, cap * sizeof *keys);
                cr_assert(keys);
            }
            keys[(*n)++] = xstrndup(list->element[i]->str, list->element[i]->len);
        }
        freeReplyObject(r);
    } while (strcmp(cursor, "0") != 0);
    return keys;
}

void e2e_free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void e2e_redis_delete(redisContext *c, const char *glob)
{
    size_t n;
    char **keys = e2e_redis_keys(c, glob, &n);
    /* UNLINK of up to 1000 keys per command */
    const char **argv = calloc(1001, sizeof *argv);
    size_t *lens = calloc(1001, sizeof *lens);
    cr_assert(argv && lens);
    for (size_t i = 0; i < n;) {
        size_t k = 0;
        argv[k] = "UNLINK";
        lens[k++] = 6;
        for (; i < n && k < 1001; i++, k++) {
            argv[k] = keys[i];
            lens[k] = strlen(keys[i]);
        }
        redisReply *r = redisCommandArgv(c, (int)k, argv, lens);
        cr_assert(r && r->type != REDIS_REPLY_ERROR, "UNLINK: %s", r ? r->str : c->errstr);
        freeReplyObject(r);
    }
    free(argv);
    free(lens);
    e2e_free_strings(keys, n);
}

/* One field of a saved checkpoint (both sinks save the same strings). */
static void checkpoint_field(struct e2e_checkpoint *cp, const char *k, const char *v)
{
    if (strcmp(k, "file") == 0)
        snprintf(cp->file, sizeof cp->file, "%s", v);
    else if (strcmp(k, "pos") == 0)
        cp->pos = strtoull(v, NULL, 10);
    else if (strcmp(k, "rows_done") == 0)
        cp->rows_done = strtoull(v, NULL, 10);
    else if (strcmp(k, "gtid") == 0)
        snprintf(cp->gtid, sizeof cp->gtid, "%s", v);
    else if (strcmp(k, "commit_time") == 0)
        cp->commit_time = strtoull(v, NULL, 10);
    else if (strcmp(k, "state") == 0)
        cp->loading = strcmp(v, "loading") == 0;
    else if (strcmp(k, "server_id") == 0)
        cp->server_id = strtoull(v, NULL, 10);
    else if (strcmp(k, "xa_pending") == 0)
        snprintf(cp->xa_pending, sizeof cp->xa_pending, "%s", v);
}

void e2e_checkpoint_read(redisContext *c, const char *name, struct e2e_checkpoint *cp)
{
    memset(cp, 0, sizeof *cp);
    redisReply *r = e2e_redis(c, "HGETALL binbridge:checkpoint:%s", name);
    cr_assert(r->type == REDIS_REPLY_ARRAY);
    cp->found = r->elements > 0;
    for (size_t i = 0; i + 1 < r->elements; i += 2) {
        const char *k = r->element[i]->str, *v = r->element[i + 1]->str;
        checkpoint_field(cp, k, v);
    }
    freeReplyObject(r);
}

static uint64_t file_number(const char *file)
{
    const char *dot = strrchr(file, '.');
    return dot ? strtoull(dot + 1, NULL, 10) : 0;
}

int e2e_position_compare(const char *file_a, uint64_t pos_a, const char *file_b, uint64_t pos_b)
{
    uint64_t na = file_number(file_a), nb = file_number(file_b);
    if (na != nb)
        return na < nb ? -1 : 1;
    return pos_a < pos_b ? -1 : pos_a > pos_b ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Child processes                                                     */

#define MAX_CHILDREN 64
static pid_t children[MAX_CHILDREN];

static void child_note(pid_t pid, bool add)
{
    for (size_t i = 0; i < MAX_CHILDREN; i++) {
        if (add && children[i] == 0) {
            children[i] = pid;
            return;
        }
        if (!add && children[i] == pid) {
            children[i] = 0;
            return;
        }
    }
}

void e2e_kill_children(void)
{
    for (size_t i = 0; i < MAX_CHILDREN; i++)
        if (children[i] > 0) {
            kill(children[i], SIGKILL);
            waitpid(children[i], NULL, 0);
            children[i] = 0;
        }
}

void e2e_proc_start(struct e2e_proc *p, const char *out_path, const char *const *argv)
{
    const char *bin = env("BB_BINBRIDGE");
    size_t n = 0;
    while (argv[n])
        n++;
    const char **args = calloc(n + 2, sizeof *args);
    cr_assert(args);
    args[0] = bin;
    for (size_t i = 0; i < n; i++)
        args[i + 1] = argv[i];
    memset(p, 0, sizeof *p);
    snprintf(p->out_path, sizeof p->out_path, "%s", out_path);
    int fd = open(out_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    cr_assert(fd >= 0, "open %s: %s", out_path, strerror(errno));
    /* The command line first, so every output file says what ran. */
    struct e2e_sb line = { 0 };
    e2e_sb_puts(&line, "+");
    for (size_t i = 0; args[i]; i++) {
        e2e_sb_puts(&line, " ");
        e2e_sb_puts(&line, args[i]);
    }
    e2e_sb_puts(&line, "\n");
    cr_assert(write(fd, line.p, line.len) == (ssize_t)line.len);
    free(line.p);
    /* libmongoc, which binbridge links, creates /dev/shm/mongoc-<pid> when
     * it is loaded (the ASan build loads it) and removes it at exit: every
     * kill -9 leaves one, and a later process given the same pid prints
     * "Falling back to malloc for counters." on stderr. The tests kill a
     * lot; they neither leave those behind nor see the extra line. */
    setenv("MONGOC_DISABLE_SHM", "1", 1);
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(127);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        int in = open("/dev/null", O_RDONLY);
        if (in >= 0)
            dup2(in, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        /* Nothing else of the test process: its MySQL and Redis
         * connections, Criterion's channel to its runner. */
        long maxfd = sysconf(_SC_OPEN_MAX);
        for (int i = 3; i < (maxfd > 0 && maxfd < 65536 ? maxfd : 65536); i++)
            close(i);
        execv(bin, (char *const *)args);
        dprintf(2, "exec %s: %s\n", bin, strerror(errno));
        _exit(127);
    }
    close(fd);
    free(args);
    p->pid = pid;
    child_note(pid, true);
}

static void proc_reaped(struct e2e_proc *p, int st, const struct rusage *ru)
{
    p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    p->maxrss_kb = ru->ru_maxrss;
    child_note(p->pid, false);
    p->pid = 0;
}

bool e2e_proc_wait(struct e2e_proc *p, double seconds)
{
    if (!p->pid)
        return true;
    double until = e2e_now() + seconds;
    for (;;) {
        int st;
        struct rusage ru;
        pid_t r = wait4(p->pid, &st, WNOHANG, &ru);
        cr_assert(r >= 0, "waitpid: %s", strerror(errno));
        if (r == p->pid) {
            proc_reaped(p, st, &ru);
            return true;
        }
        if (e2e_now() > until)
            return false;
        e2e_sleep_ms(5);
    }
}

bool e2e_proc_running(struct e2e_proc *p)
{
    return !e2e_proc_wait(p, 0);
}

void e2e_proc_signal(struct e2e_proc *p, int sig)
{
    if (p->pid)
        kill(p->pid, sig);
}

void e2e_proc_kill(struct e2e_proc *p)
{
    if (!p->pid)
        return;
    kill(p->pid, SIGKILL);
    int st;
    struct rusage ru;
    cr_assert(wait4(p->pid, &st, 0, &ru) == p->pid);
    proc_reaped(p, st, &ru);
}

char *e2e_proc_output(const struct e2e_proc *p)
{
    FILE *f = fopen(p->out_path, "rb");
    cr_assert(f, "open %s", p->out_path);
    struct e2e_sb b = { 0 };
    e2e_sb_puts(&b, "");
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        e2e_sb_append(&b, chunk, n);
    fclose(f);
    return b.p;
}

/* ------------------------------------------------------------------ */
/* MongoDB                                                             */

/* libmongoc's warnings (FerretDB has no endSessions, which every client
 * sends when it closes) are not news; its errors are. */
static void mongo_quiet_log(mongoc_log_level_t level, const char *domain, const char *msg,
                            void *data)
{
    (void)data;
    if (level <= MONGOC_LOG_LEVEL_ERROR)
        fprintf(stderr, "libmongoc %s: %s\n", domain, msg);
}

static void mongo_init_once(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    setenv("MONGOC_DISABLE_SHM", "1", 0);
    mongoc_log_set_handler(mongo_quiet_log, NULL);
    mongoc_init();
}

mongoc_client_t *e2e_mongo_try(const char *url, char *why, size_t size)
{
    mongo_init_once();
    bson_error_t e;
    mongoc_uri_t *uri = mongoc_uri_new_with_error(url, &e);
    if (!uri) {
        snprintf(why, size, "bad MongoDB URL %s: %s", url, e.message);
        return NULL;
    }
    if (!mongoc_uri_has_option(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
        mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SERVERSELECTIONTIMEOUTMS, 5000);
    if (!mongoc_uri_has_option(uri, MONGOC_URI_CONNECTTIMEOUTMS))
        mongoc_uri_set_option_as_int32(uri, MONGOC_URI_CONNECTTIMEOUTMS, 5000);
    /* every wait of a test is bounded: a command too */
    if (!mongoc_uri_has_option(uri, MONGOC_URI_SOCKETTIMEOUTMS))
        mongoc_uri_set_option_as_int32(uri, MONGOC_URI_SOCKETTIMEOUTMS, 120000);
    mongoc_client_t *c = mongoc_client_new_from_uri(uri);
    mongoc_uri_destroy(uri);
    if (!c) {
        snprintf(why, size, "mongoc_client_new_from_uri failed for %s", url);
        return NULL;
    }
    mongoc_client_set_error_api(c, MONGOC_ERROR_API_VERSION_2);
    bson_t cmd, reply;
    bson_init(&cmd);
    BSON_APPEND_INT32(&cmd, "ping", 1);
    bool ok = mongoc_client_command_simple(c, "admin", &cmd, NULL, &reply, &e);
    bson_destroy(&cmd);
    bson_destroy(&reply);
    if (!ok) {
        snprintf(why, size, "ping: %s", e.message);
        mongoc_client_destroy(c);
        return NULL;
    }
    return c;
}

static void mongo_drop_db(mongoc_client_t *c, const char *name)
{
    mongoc_database_t *d = mongoc_client_get_database(c, name);
    bson_error_t e;
    if (!mongoc_database_drop(d, &e))
        cr_log_warn("dropping MongoDB database %s: %s", name, e.message);
    mongoc_database_destroy(d);
}

static void mongo_delete_checkpoint(struct e2e *E)
{
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, E->mongo_ckpt_db, "binbridge");
    bson_t sel;
    bson_init(&sel);
    BSON_APPEND_UTF8(&sel, "_id", E->db);
    bson_error_t e;
    if (!mongoc_collection_delete_one(c, &sel, NULL, NULL, &e))
        cr_log_warn("deleting the MongoDB checkpoint %s: %s", E->db, e.message);
    bson_destroy(&sel);
    mongoc_collection_destroy(c);
}

void e2e_mongo_track_db(struct e2e *E, const char *db)
{
    for (size_t i = 0; i < E->nmongo_dbs; i++)
        if (strcmp(E->mongo_dbs[i], db) == 0)
            return;
    cr_assert_lt(E->nmongo_dbs, sizeof E->mongo_dbs / sizeof *E->mongo_dbs);
    cr_assert_lt(strlen(db), sizeof E->mongo_dbs[0]);
    snprintf(E->mongo_dbs[E->nmongo_dbs++], sizeof E->mongo_dbs[0], "%s", db);
    if (E->mc)
        mongo_drop_db(E->mc, db);
}

void e2e_mongo_begin(struct e2e *E, bool mongo_only)
{
    cr_assert(E->srv.mongo_url[0], "no MongoDB: BB_MONGO_URL is not set (run the tests with "
              "scripts/run-tests.sh, or set BINBRIDGE_TEST_MONGO_URI)");
    snprintf(E->mongo_url, sizeof E->mongo_url, "%s", E->srv.mongo_url);
    E->mongo_only = mongo_only;
    char why[600] = "";
    double until = e2e_now() + 30;
    while (!(E->mc = e2e_mongo_try(E->mongo_url, why, sizeof why)) && e2e_now() < until)
        e2e_sleep_ms(200);
    cr_assert(E->mc, "no MongoDB at %s: %s", E->mongo_url, why);
    bson_error_t e;
    mongoc_uri_t *uri = mongoc_uri_new_with_error(E->mongo_url, &e);
    cr_assert(uri);
    const char *db = mongoc_uri_get_database(uri);
    snprintf(E->mongo_ckpt_db, sizeof E->mongo_ckpt_db, "%s", db && *db ? db : "binbridge");
    mongoc_uri_destroy(uri);
    bson_t cmd, reply;
    bson_init(&cmd);
    BSON_APPEND_INT32(&cmd, "buildInfo", 1);
    cr_assert(mongoc_client_command_simple(E->mc, "admin", &cmd, NULL, &reply, &e),
              "buildInfo: %s", e.message);
    bson_iter_t it;
    E->ferret = bson_iter_init_find(&it, &reply, "ferretdbVersion");
    bson_destroy(&cmd);
    bson_destroy(&reply);
    e2e_mongo_track_db(E, E->db);
    mongo_delete_checkpoint(E);
}

/* One read of the checkpoint document: false on a failure (*why). */
static bool mongo_checkpoint_try(struct e2e *E, const char *name, struct e2e_checkpoint *cp,
                                 char *why, size_t size)
{
    memset(cp, 0, sizeof *cp);
    mongoc_collection_t *c = mongoc_client_get_collection(E->mc, E->mongo_ckpt_db, "binbridge");
    bson_t filter;
    bson_init(&filter);
    BSON_APPEND_UTF8(&filter, "_id", name);
    mongoc_cursor_t *cur = mongoc_collection_find_with_opts(c, &filter, NULL, NULL);
    const bson_t *doc;
    if (mongoc_cursor_next(cur, &doc)) {
        cp->found = true;
        bson_iter_t it;
        bson_iter_init(&it, doc);
        while (bson_iter_next(&it)) {
            const char *k = bson_iter_key(&it);
            if (!BSON_ITER_HOLDS_UTF8(&it))
                continue;
            const char *v = bson_iter_utf8(&it, NULL);
            checkpoint_field(cp, k, v);
        }
    }
    bson_error_t e;
    bool ok = !mongoc_cursor_error(cur, &e);
    if (!ok)
        snprintf(why, size, "%s", e.message);
    mongoc_cursor_destroy(cur);
    bson_destroy(&filter);
    mongoc_collection_destroy(c);
    return ok;
}

void e2e_mongo_checkpoint_read(struct e2e *E, const char *name, struct e2e_checkpoint *cp)
{
    /* A server restarting does not answer for a while: that is no
     * answer, not "no checkpoint". */
    char why[512] = "";
    double until = e2e_now() + 60;
    while (!mongo_checkpoint_try(E, name, cp, why, sizeof why)) {
        cr_assert(e2e_now() < until, "reading the MongoDB checkpoint %s failed for 60 s: %s", name,
                  why);
        e2e_sleep_ms(100);
    }
}

void e2e_checkpoint_read_any(struct e2e *E, struct e2e_checkpoint *cp)
{
    if (E->mongo_only)
        e2e_mongo_checkpoint_read(E, E->db, cp);
    else
        e2e_checkpoint_read(E->r, E->db, cp);
}

/* ------------------------------------------------------------------ */
/* A test's world                                                      */

void e2e_begin(struct e2e *E, const char *tag, const struct e2e_servers *srv)
{
    memset(E, 0, sizeof *E);
    if (srv)
        E->srv = *srv;
    else
        e2e_servers_from_env(&E->srv);
    snprintf(E->tag, sizeof E->tag, "%s", tag);
    snprintf(E->db, sizeof E->db, "bbe_%s_%d", tag, (int)getpid());
    snprintf(E->dir, sizeof E->dir, "/tmp/bbe-%s-%d", tag, (int)getpid());
    E->server_id = 0x62650000u | ((uint32_t)getpid() & 0xffff);
    E->seed = e2e_seed();
    E->started = e2e_now();
    char *cmd = xasprintf("rm -rf -- '%s' && mkdir -p -- '%s'", E->dir, E->dir);
    cr_assert_eq(system(cmd), 0, "%s failed", cmd);
    free(cmd);
    E->m = e2e_sql_connect(&E->srv);
    e2e_sql(E->m, "DROP DATABASE IF EXISTS %s", E->db);
    e2e_sql(E->m, "CREATE DATABASE %s CHARACTER SET utf8mb4", E->db);
    e2e_sql(E->m, "USE %s", E->db);
    E->r = e2e_redis_connect(&E->srv);
    char glob[128];
    snprintf(glob, sizeof glob, "%s:*", E->db);
    e2e_redis_delete(E->r, glob);
    freeReplyObject(e2e_redis(E->r, "DEL binbridge:checkpoint:%s", E->db));
    cr_log_info("%s: database %s, scratch %s, seed %llu", tag, E->db, E->dir,
                (unsigned long long)E->seed);
}

void e2e_end(struct e2e *E)
{
    e2e_kill_children();
    double t0 = e2e_now();
    bool keep = getenv("BB_E2E_KEEP") != NULL;
    if (E->m && !keep) {
        e2e_sql_try(E->m, "DROP DATABASE IF EXISTS %s", E->db);
    }
    if (E->m)
        mysql_close(E->m);
    E->m = NULL;
    if (E->r && !keep) {
        char glob[128];
        snprintf(glob, sizeof glob, "%s:*", E->db);
        e2e_redis_delete(E->r, glob);
        redisReply *r = redisCommand(E->r, "DEL binbridge:checkpoint:%s", E->db);
        if (r)
            freeReplyObject(r);
    }
    if (E->r)
        redisFree(E->r);
    E->r = NULL;
    if (E->mc) {
        if (!keep) {
            for (size_t i = 0; i < E->nmongo_dbs; i++)
                mongo_drop_db(E->mc, E->mongo_dbs[i]);
            mongo_delete_checkpoint(E);
        }
        mongoc_client_destroy(E->mc);
        E->mc = NULL;
    }
    if (!keep && E->dir[0]) {
        char *cmd = xasprintf("rm -rf -- '%s'", E->dir);
        if (system(cmd) != 0)
            cr_log_warn("could not remove %s", E->dir);
        free(cmd);
    }
    if (E->started)
        cr_log_info("%s: %.1f s (%.1f s of it cleaning up), %u binbridge processes", E->tag,
                    e2e_now() - E->started, e2e_now() - t0, E->runs);
}

void e2e_write_config(struct e2e *E, const char *name, const char *fmt, ...)
{
    snprintf(E->config, sizeof E->config, "%s/%s", E->dir, name);
    FILE *f = fopen(E->config, "w");
    cr_assert(f, "cannot write %s", E->config);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    cr_assert(fclose(f) == 0);
}

static const char **bridge_argv(struct e2e *E, const char *const *extra, char *sid, size_t size)
{
    static const char *argv[64];
    size_t n = 0;
    snprintf(sid, size, "%u", E->server_id);
    argv[n++] = "run";
    if (E->config[0]) {
        argv[n++] = "--config";
        argv[n++] = E->config;
    }
    if (E->config_only)
        goto extra;
    argv[n++] = "--source";
    argv[n++] = E->srv.mysql_url;
    if (!E->mongo_only) {
        argv[n++] = "--redis";
        argv[n++] = E->srv.redis_url;
    }
    if (E->mongo_url[0]) {
        argv[n++] = "--mongo";
        argv[n++] = E->mongo_url;
    }
    argv[n++] = "--checkpoint";
    argv[n++] = E->db;
    argv[n++] = "--server-id";
    argv[n++] = sid;
extra:
    for (size_t i = 0; extra && extra[i]; i++) {
        cr_assert_lt(n, 62u);
        argv[n++] = extra[i];
    }
    argv[n] = NULL;
    return argv;
}

void e2e_bridge_start(struct e2e *E, const char *const *extra)
{
    cr_assert(!E->bridge.pid, "a bridge is already running");
    char sid[16], out[700];
    const char **argv = bridge_argv(E, extra, sid, sizeof sid);
    snprintf(out, sizeof out, "%s/run-%03u.log", E->dir, ++E->runs);
    e2e_proc_start(&E->bridge, out, argv);
}

void e2e_bridge_to_end(struct e2e *E, double seconds)
{
    static const char *const extra[] = { "--stop-at-end", NULL };
    e2e_bridge_start(E, extra);
    bool done = e2e_proc_wait(&E->bridge, seconds);
    if (!done)
        e2e_proc_kill(&E->bridge);
    cr_assert(done, "binbridge run --stop-at-end still running after %.0f s (seed %llu); its "
              "output:\n%s", seconds, (unsigned long long)E->seed,
              e2e_tail(E->bridge.out_path, 3000));
    cr_assert_eq(E->bridge.status, 0, "binbridge run --stop-at-end exited %d (seed %llu); its "
                 "output:\n%s", E->bridge.status, (unsigned long long)E->seed,
                 e2e_tail(E->bridge.out_path, 3000));
}

int e2e_run_cmd(struct e2e *E, const char *const *argv, double seconds, char **out)
{
    struct e2e_proc p;
    char path[700];
    snprintf(path, sizeof path, "%s/cmd-%03u.log", E->dir, ++E->runs);
    e2e_proc_start(&p, path, argv);
    bool done = e2e_proc_wait(&p, seconds);
    if (!done)
        e2e_proc_kill(&p);
    cr_assert(done, "binbridge %s still running after %.0f s; its output:\n%s", argv[0], seconds,
              e2e_tail(path, 3000));
    if (out)
        *out = e2e_proc_output(&p);
    return p.status;
}

bool e2e_wait_caught_up(struct e2e *E, double seconds)
{
    char file[256];
    uint64_t pos;
    e2e_master_status(E->m, file, sizeof file, &pos);
    double until = e2e_now() + seconds;
    for (;;) {
        struct e2e_checkpoint rcp = { 0 }, mcp = { 0 };
        bool done = true;
        if (!E->mongo_only) {
            e2e_checkpoint_read(E->r, E->db, &rcp);
            done = rcp.found && rcp.rows_done == 0 && !rcp.loading &&
                   e2e_position_compare(rcp.file, rcp.pos, file, pos) >= 0;
        }
        if (E->mc) {
            e2e_mongo_checkpoint_read(E, E->db, &mcp);
            done = done && mcp.found && mcp.rows_done == 0 && !mcp.loading &&
                   e2e_position_compare(mcp.file, mcp.pos, file, pos) >= 0;
        }
        if (done)
            return true;
        if (e2e_now() > until || (E->bridge.pid && !e2e_proc_running(&E->bridge))) {
            char now_file[256];
            uint64_t now_pos;
            e2e_master_status(E->m, now_file, sizeof now_file, &now_pos);
            snprintf(E->waited, sizeof E->waited, "waiting for %s:%llu (the server's end is "
                     "now %s:%llu); checkpoints last read: Redis %s:%llu+%llu%s%s, MongoDB "
                     "%s:%llu+%llu%s%s", file, (unsigned long long)pos, now_file,
                     (unsigned long long)now_pos, rcp.file, (unsigned long long)rcp.pos,
                     (unsigned long long)rcp.rows_done, rcp.found ? "" : " (none)",
                     rcp.loading ? " (loading)" : "", mcp.file, (unsigned long long)mcp.pos,
                     (unsigned long long)mcp.rows_done, mcp.found ? "" : " (none)",
                     mcp.loading ? " (loading)" : "");
            return false;
        }
        e2e_sleep_ms(20);
    }
}

bool e2e_wait_checkpoint_moves(struct e2e *E, const struct e2e_checkpoint *from, double seconds)
{
    double until = e2e_now() + seconds;
    for (;;) {
        struct e2e_checkpoint cp;
        e2e_checkpoint_read_any(E, &cp);
        if (cp.found != from->found || strcmp(cp.file, from->file) != 0 || cp.pos != from->pos ||
            cp.rows_done != from->rows_done)
            return true;
        if (e2e_now() > until)
            return false;
        if (E->bridge.pid && !e2e_proc_running(&E->bridge))
            return false;
        e2e_sleep_ms(2);
    }
}

void e2e_write_usual_config(struct e2e *E, const char *who, const char *more)
{
    e2e_write_config(E, "bridge.conf",
                     "# written by %s\n"
                     "include_schemas = [ \"%s\" ];\n"
                     "source = { heartbeat = 0.5; };\n"
                     "batch = { bytes = 65536; delay_ms = 20; };\n"
                     "retry = { initial_ms = 50; max_ms = 500; };\n"
                     "progress_interval = 1;\n"
                     "%s",
                     who, E->db, more ? more : "");
}

void e2e_fail_with_bridge_output(struct e2e *E, const char *what)
{
    cr_assert_fail("%s (seed %llu); the bridge's output (%s):\n%s", what,
                   (unsigned long long)E->seed, E->bridge.out_path,
                   e2e_tail(E->bridge.out_path, 4000));
}

void e2e_establish_checkpoint(struct e2e *E)
{
    e2e_bridge_to_end(E, 60);
    struct e2e_checkpoint cp;
    e2e_checkpoint_read_any(E, &cp);
    cr_assert(cp.found && cp.file[0] && cp.pos >= 4,
              "a --stop-at-end run with no checkpoint saved none; its output:\n%s",
              e2e_tail(E->bridge.out_path, 3000));
}

void e2e_assert_caught_up(struct e2e *E, double seconds)
{
    double t0 = e2e_now();
    if (!e2e_wait_caught_up(E, seconds)) {
        bool running = e2e_proc_running(&E->bridge);
        char what[1900], exited[64];
        snprintf(exited, sizeof exited, "it exited with status %d", E->bridge.status);
        snprintf(what, sizeof what, "the bridge did not catch up within %.0f s (%s; %s)",
                 seconds, running ? "still running" : exited, E->waited);
        e2e_fail_with_bridge_output(E, what);
    }
    if (e2e_now() - t0 > 1)
        cr_log_info("%s: caught up in %.2f s", E->tag, e2e_now() - t0);
}

double e2e_stop_bridge(struct e2e *E, double seconds)
{
    cr_assert(e2e_proc_running(&E->bridge), "the bridge exited by itself (status %d):\n%s",
              E->bridge.status, e2e_tail(E->bridge.out_path, 3000));
    double t0 = e2e_now();
    e2e_proc_signal(&E->bridge, SIGTERM);
    bool done = e2e_proc_wait(&E->bridge, seconds);
    double took = e2e_now() - t0;
    if (!done) {
        e2e_proc_kill(&E->bridge);
        e2e_fail_with_bridge_output(E, "the bridge did not exit within the time allowed after "
                                       "SIGTERM");
    }
    if (E->bridge.status != 0) {
        char what[100];
        snprintf(what, sizeof what, "the bridge exited %d after SIGTERM, not 0", E->bridge.status);
        e2e_fail_with_bridge_output(E, what);
    }
    return took;
}

size_t e2e_output_lines(const char *out, char *first, size_t size)
{
    size_t n = 0;
    first[0] = '\0';
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        /* `run` says its version first (INFO  binbridge X.Y.Z starting):
         * not one of the lines a failure prints */
        bool banner = len > 9 && memcmp(p + len - 9, " starting", 9) == 0 &&
                      memmem(p, len, " INFO  binbridge ", 17);
        if (len && !(p[0] == '+' && p[1] == ' ') && !banner) {
            if (!n)
                snprintf(first, size, "%.*s", (int)len, p);
            n++;
        }
        p += len + (nl ? 1 : 0);
    }
    return n;
}

void e2e_expect_config_error(struct e2e *E, size_t n, const char *text, int line,
                             const char *const *args)
{
    char name[32];
    snprintf(name, sizeof name, "bad%zu.conf", n);
    e2e_write_config(E, name, "%s", text);
    const char *argv[32] = { "run", "--config", E->config };
    size_t k = 3;
    for (size_t i = 0; args && args[i]; i++) {
        cr_assert_lt(k, 31u);
        argv[k++] = args[i];
    }
    argv[k] = NULL;
    double t0 = e2e_now();
    char *out;
    int rc = e2e_run_cmd(E, argv, 20, &out);
    double took = e2e_now() - t0;
    char where[700], first[1024];
    snprintf(where, sizeof where, "%.599s:%d:", E->config, line);
    size_t lines = e2e_output_lines(out, first, sizeof first);
    cr_assert_eq(rc, 2, "case %zu: exit %d, not 2:\n%s", n, rc, out);
    cr_assert(strstr(out, where), "case %zu: the message does not name %s:\n%s", n, where, out);
    cr_assert_eq(lines, 1u, "case %zu: %zu lines, not one:\n%s", n, lines, out);
    cr_log_info("%s %zu (%.2f s): %s", E->tag, n, took, first);
    free(out);
}

/* ------------------------------------------------------------------ */
/* The source as SELECT shows it                                       */

static MYSQL_RES *query(MYSQL *m, const char *q)
{
    if (mysql_query(m, q) != 0)
        cr_assert_fail("SQL failed: %.400s: %s", q, mysql_error(m));
    MYSQL_RES *r = mysql_store_result(m);
    cr_assert(r, "%.400s returned no result: %s", q, mysql_error(m));
    return r;
}

void e2e_table_load(MYSQL *m, const char *schema, const char *table, struct e2e_table *t)
{
    memset(t, 0, sizeof *t);
    t->schema = strdup(schema);
    t->name = strdup(table);
    char *q = xasprintf("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
                        "WHERE TABLE_SCHEMA = '%s' AND TABLE_NAME = '%s' "
                        "ORDER BY ORDINAL_POSITION", schema, table);
    MYSQL_RES *r = query(m, q);
    free(q);
    t->ncols = mysql_num_rows(r);
    cr_assert(t->ncols > 0, "%s.%s has no columns", schema, table);
    t->cols = calloc(t->ncols, sizeof *t->cols);
    cr_assert(t->cols);
    MYSQL_ROW row;
    for (size_t i = 0; (row = mysql_fetch_row(r)); i++) {
        t->cols[i].name = strdup(row[0]);
        t->cols[i].type = strdup(row[1]);
        t->cols[i].how = strcasecmp(row[1], "float") == 0 ? E2E_FLOAT
                         : strcasecmp(row[1], "bit") == 0 ? E2E_BIT : E2E_EXACT;
    }
    mysql_free_result(r);

    /* MariaDB's JSON columns: the bridge embeds their values as JSON. */
    q = xasprintf("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE "
                  "CONSTRAINT_SCHEMA = '%s' AND TABLE_NAME = '%s'", schema, table);
    r = query(m, q);
    free(q);
    while ((row = mysql_fetch_row(r)))
        for (size_t i = 0; row[0] && i < t->ncols; i++) {
            char *clause = xasprintf("json_valid(`%s`)", t->cols[i].name);
            if (strcmp(row[0], clause) == 0)
                t->cols[i].json = true;
            free(clause);
        }
    mysql_free_result(r);

    q = xasprintf("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                  "'%s' AND TABLE_NAME = '%s' AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX",
                  schema, table);
    r = query(m, q);
    free(q);
    t->npk = mysql_num_rows(r);
    t->pk = calloc(t->npk + 1, sizeof *t->pk);
    cr_assert(t->pk);
    for (size_t i = 0; (row = mysql_fetch_row(r)); i++) {
        int c = e2e_column_index(t, row[0]);
        cr_assert(c >= 0);
        t->pk[i] = (uint32_t)c;
    }
    mysql_free_result(r);

    struct e2e_sb sel = { 0 };
    e2e_sb_puts(&sel, "SELECT ");
    for (size_t i = 0; i < t->ncols; i++) {
        e2e_sb_printf(&sel, "%s`%s`", i ? ", " : "", t->cols[i].name);
        if (t->cols[i].how == E2E_FLOAT)
            e2e_sb_printf(&sel, ", CAST(`%s` AS DOUBLE)", t->cols[i].name);
        else if (t->cols[i].how == E2E_BIT)
            e2e_sb_printf(&sel, ", `%s` + 0", t->cols[i].name);
    }
    e2e_sb_printf(&sel, " FROM `%s`.`%s`", schema, table);
    r = query(m, sel.p);
    free(sel.p);
    t->nrows = mysql_num_rows(r);
    t->cells = calloc(t->nrows * t->ncols + 1, sizeof *t->cells);
    cr_assert(t->cells);
    for (size_t n = 0; (row = mysql_fetch_row(r)); n++) {
        unsigned long *lens = mysql_fetch_lengths(r);
        size_t k = 0;
        for (size_t i = 0; i < t->ncols; i++) {
            struct e2e_cell *c = &t->cells[n * t->ncols + i];
            if (row[k])
                c->p = xstrndup(row[k], lens[k]), c->len = lens[k];
            k++;
            if (t->cols[i].how != E2E_EXACT) {
                if (row[k])
                    c->extra = xstrndup(row[k], lens[k]);
                k++;
            }
        }
    }
    mysql_free_result(r);
}

void e2e_table_free(struct e2e_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++) {
        free(t->cells[i].p);
        free(t->cells[i].extra);
    }
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->cols[i].name);
        free(t->cols[i].type);
    }
    free(t->cells);
    free(t->cols);
    free(t->pk);
    free(t->schema);
    free(t->name);
    memset(t, 0, sizeof *t);
}

int e2e_column_index(const struct e2e_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcasecmp(t->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Significant digits of a decimal text: the mantissa without sign, point,
 * leading zeros or trailing zeros. */
static int significant_digits(const char *s, size_t len)
{
    int n = 0, zeros = 0;
    bool leading = true;
    for (size_t i = 0; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] < '0' || s[i] > '9')
            continue;
        if (leading && s[i] == '0')
            continue;
        leading = false;
        n++;
        zeros = s[i] == '0' ? zeros + 1 : 0;
    }
    return n - zeros;
}

/* A plain decimal number: -?D+(.D+)?([eE][+-]?D+)? */
static bool plain_number(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && s[i] == '-')
        i++;
    size_t d = i;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == d)
        return false;
    if (i < len && s[i] == '.') {
        d = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return false;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        d = i;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return false;
    }
    return i == len;
}

bool e2e_text_matches(const struct e2e_col *col, const struct e2e_cell *cell, const char *got,
                      size_t len, const char **why)
{
    static char msg[512];
    *why = "";
    switch (col->how) {
    case E2E_BIT:
        if (cell->extra && strlen(cell->extra) == len && memcmp(cell->extra, got, len) == 0)
            return true;
        snprintf(msg, sizeof msg, "BIT: SELECT %s+0 gives %s", col->name,
                 cell->extra ? cell->extra : "NULL");
        *why = msg;
        return false;
    case E2E_FLOAT: {
        if (!cell->extra) {
            *why = "FLOAT: no CAST AS DOUBLE";
            return false;
        }
        float stored = (float)strtod(cell->extra, NULL);
        char text[128];
        if (len >= sizeof text || !plain_number(got, len)) {
            snprintf(msg, sizeof msg, "FLOAT: not a plain decimal number (stored %s)",
                     cell->extra);
            *why = msg;
            return false;
        }
        memcpy(text, got, len);
        text[len] = '\0';
        /* "0.10", "1.0e5": a trailing zero after the point is never the
         * shortest text */
        const char *exp = strpbrk(text, "eE");
        size_t mant = exp ? (size_t)(exp - text) : len;
        if (memchr(text, '.', mant) && text[mant - 1] == '0') {
            snprintf(msg, sizeof msg, "FLOAT: a trailing zero is not the shortest text");
            *why = msg;
            return false;
        }
        float back = strtof(text, NULL);
        if (memcmp(&back, &stored, sizeof back) != 0) {
            snprintf(msg, sizeof msg, "FLOAT: reads back as %.9g, the stored float is %.9g "
                     "(SELECT CAST AS DOUBLE: %s)", (double)back, (double)stored, cell->extra);
            *why = msg;
            return false;
        }
        int digits = significant_digits(text, len);
        if (stored != 0 && digits > 1) {
            char shorter[400];
            snprintf(shorter, sizeof shorter, "%.*g", digits - 1, (double)stored);
            float f = strtof(shorter, NULL);
            if (memcmp(&f, &stored, sizeof f) == 0) {
                snprintf(msg, sizeof msg, "FLOAT: not the shortest text ('%s' reads back too)",
                         shorter);
                *why = msg;
                return false;
            }
        }
        /* Our oracle itself: SELECT's text is that float to 6 digits. */
        double sel = strtod(cell->p, NULL);
        double tol = fabs((double)stored) * 5.0001e-6 + 1e-45;
        if (!(fabs(sel - (double)stored) <= tol)) {
            snprintf(msg, sizeof msg, "FLOAT: SELECT shows %s, CAST AS DOUBLE %s", cell->p,
                     cell->extra);
            *why = msg;
            return false;
        }
        return true;
    }
    case E2E_EXACT:
        if (cell->len == len && (len == 0 || memcmp(cell->p, got, len) == 0))
            return true;
        *why = "bytes differ";
        return false;
    }
    return false;
}

void e2e_report_init(struct e2e_report *rep, const char *what)
{
    memset(rep, 0, sizeof *rep);
    snprintf(rep->what, sizeof rep->what, "%s", what);
}

void e2e_report_add(struct e2e_report *rep, const char *fmt, ...)
{
    rep->count++;
    if (rep->count > 25)
        return;
    char *s = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    cr_assert(n >= 0 && s);
    struct e2e_sb b = { rep->text, rep->len, rep->cap };
    e2e_sb_puts(&b, "  ");
    e2e_sb_puts(&b, s);
    e2e_sb_puts(&b, "\n");
    rep->text = b.p;
    rep->len = b.len;
    rep->cap = b.cap;
    free(s);
}

void e2e_report_check(struct e2e_report *rep, uint64_t seed)
{
    char *text = rep->text;
    unsigned count = rep->count;
    rep->text = NULL;
    if (count == 0)
        return;
    cr_log_error("%s: %u mismatches (seed %llu, BB_E2E_SEED=%llu repeats the workload):\n%s%s",
                 rep->what, count, (unsigned long long)seed, (unsigned long long)seed, text,
                 count > 25 ? "  ...\n" : "");
    free(text);
    cr_assert_fail("%s: %u mismatches between Redis and SELECT (seed %llu); see above", rep->what,
                   count, (unsigned long long)seed);
}

/* Types whose text is written as it is in keys (README, "Redis keys"):
 * numbers, dates and times. Everything else is text, escaped. */
static bool key_verbatim(const char *type)
{
    static const char *const types[] = { "tinyint", "smallint", "mediumint", "int", "bigint",
                                         "decimal", "float", "double", "year", "date", "time",
                                         "datetime", "timestamp", "bit", NULL };
    for (size_t i = 0; types[i]; i++)
        if (strcasecmp(type, types[i]) == 0)
            return true;
    return false;
}

/* Append bytes to a key: '\' as "\\", ':' as "\:". */
static void key_escaped(struct e2e_sb *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' || p[i] == ':')
            e2e_sb_append(b, "\\", 1);
        e2e_sb_append(b, p + i, 1);
    }
}

static void key_cell(struct e2e_sb *b, const struct e2e_table *t, size_t row, size_t col,
                     bool key)
{
    const struct e2e_cell *c = e2e_cell(t, row, col);
    if (!c->p) {
        cr_assert(!key, "NULL key column %s", t->cols[col].name);
        e2e_sb_puts(b, "\\N");
    } else if (t->cols[col].how == E2E_BIT) {
        e2e_sb_puts(b, c->extra);
    } else if (key_verbatim(t->cols[col].type)) {
        e2e_sb_append(b, c->p, c->len);
    } else {
        key_escaped(b, c->p, c->len);
    }
}

char *e2e_render_key(const struct e2e_table *t, size_t row, const char *tmpl)
{
    struct e2e_sb b = { 0 };
    e2e_sb_puts(&b, "");
    for (const char *p = tmpl; *p;) {
        if (*p != '{') {
            e2e_sb_append(&b, p++, 1);
            continue;
        }
        const char *close = strchr(p, '}');
        cr_assert(close, "bad key template %s", tmpl);
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(close - p - 1), p + 1);
        p = close + 1;
        if (strcmp(name, "schema") == 0) {
            key_escaped(&b, t->schema, strlen(t->schema));
        } else if (strcmp(name, "table") == 0) {
            key_escaped(&b, t->name, strlen(t->name));
        } else if (strcmp(name, "pk") == 0) {
            for (size_t k = 0; k < t->npk; k++) {
                if (k)
                    e2e_sb_puts(&b, ":");
                key_cell(&b, t, row, t->pk[k], true);
            }
        } else {
            int col = e2e_column_index(t, name);
            cr_assert(col >= 0, "key template names %s, not a column of %s", name, t->name);
            bool key = false;
            for (size_t k = 0; k < t->npk; k++)
                key |= t->pk[k] == (uint32_t)col;
            key_cell(&b, t, row, (size_t)col, key);
        }
    }
    return b.p;
}

void e2e_check_hash_reply(const struct e2e_table *t, size_t row, const bool *keep,
                          const char *key, redisReply *r, struct e2e_report *rep)
{
    if (r->type == REDIS_REPLY_ERROR) {
        e2e_report_add(rep, "key %s: HGETALL: %s", key, r->str);
        return;
    }
    if (r->type != REDIS_REPLY_ARRAY || r->elements == 0) {
        /* Redis has no empty hash: a row whose kept columns are all NULL
         * has no key (sinks/redis/redis_sink.c). */
        bool any = false;
        for (size_t i = 0; i < t->ncols && !any; i++)
            any = (!keep || keep[i]) && e2e_cell(t, row, i)->p;
        if (any)
            e2e_report_add(rep, "key %s: missing (row %zu of %s)", key, row, t->name);
        return;
    }
    bool *seen = calloc(t->ncols + 1, sizeof *seen);
    cr_assert(seen);
    for (size_t i = 0; i + 1 < r->elements; i += 2) {
        const char *field = r->element[i]->str;
        redisReply *v = r->element[i + 1];
        int col = e2e_column_index(t, field);
        if (col < 0 || strcmp(t->cols[col].name, field) != 0 || (keep && !keep[col])) {
            char *got = e2e_printable(v->str, v->len);
            e2e_report_add(rep, "key %s: field %s should not be there (%s), got %s", key, field,
                           col < 0 ? "no such column" : "column not kept", got);
            free(got);
            continue;
        }
        seen[col] = true;
        const struct e2e_cell *c = e2e_cell(t, row, (size_t)col);
        if (!c->p) {
            char *got = e2e_printable(v->str, v->len);
            e2e_report_add(rep, "key %s: field %s: expected absent (NULL), got %s", key, field,
                           got);
            free(got);
            continue;
        }
        const char *why;
        if (!e2e_text_matches(&t->cols[col], c, v->str, v->len, &why)) {
            char *want = e2e_printable(c->p, c->len), *got = e2e_printable(v->str, v->len);
            e2e_report_add(rep, "key %s: field %s: expected %s, got %s (%s)", key, field, want,
                           got, why);
            free(want);
            free(got);
        }
    }
    for (size_t i = 0; i < t->ncols; i++) {
        const struct e2e_cell *c = e2e_cell(t, row, i);
        if (seen[i] || !c->p || (keep && !keep[i]))
            continue;
        char *want = e2e_printable(c->p, c->len);
        e2e_report_add(rep, "key %s: field %s: expected %s, got nothing", key, t->cols[i].name,
                       want);
        free(want);
    }
    free(seen);
}

void e2e_check_hashes(redisContext *r, const struct e2e_table *t, const struct e2e_hash_check *hc,
                      struct e2e_report *rep)
{
    /* Pipelined: HGETALL for up to 500 rows per round trip. */
    const size_t window = 500;
    char **keys = calloc(window, sizeof *keys);
    cr_assert(keys);
    for (size_t base = 0; base < t->nrows; base += window) {
        size_t n = t->nrows - base < window ? t->nrows - base : window;
        for (size_t i = 0; i < n; i++) {
            keys[i] = e2e_render_key(t, base + i, hc->tmpl);
            cr_assert(redisAppendCommand(r, "HGETALL %s", keys[i]) == REDIS_OK);
        }
        for (size_t i = 0; i < n; i++) {
            void *reply = NULL;
            cr_assert(redisGetReply(r, &reply) == REDIS_OK && reply, "Redis: %s", r->errstr);
            e2e_check_hash_reply(t, base + i, hc->keep, keys[i], reply, rep);
            freeReplyObject(reply);
            if (hc->keys)
                e2e_strings_add(hc->keys, keys[i]);
            else
                free(keys[i]);
        }
        rep->checked_keys += (unsigned)n;
    }
    free(keys);
}

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void e2e_strings_add(struct e2e_strings *s, char *owned)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        cr_assert(s->v);
    }
    s->v[s->n++] = owned;
}

void e2e_strings_sort(struct e2e_strings *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, strcmp_ptr);
}

bool e2e_strings_has(const struct e2e_strings *sorted, const char *x)
{
    return sorted->n && bsearch(&x, sorted->v, sorted->n, sizeof *sorted->v, strcmp_ptr);
}

void e2e_strings_free(struct e2e_strings *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

long e2e_table_find(const struct e2e_table *t, const char *tmpl, const char *key)
{
    for (size_t i = 0; i < t->nrows; i++) {
        char *k = e2e_render_key(t, i, tmpl);
        bool same = strcmp(k, key) == 0;
        free(k);
        if (same)
            return (long)i;
    }
    return -1;
}

void e2e_check_no_extra_keys(redisContext *r, const char *glob, const struct e2e_strings *expected,
                             const char *const *ignore, struct e2e_report *rep)
{
    for (size_t i = 1; i < expected->n; i++)
        if (strcmp(expected->v[i - 1], expected->v[i]) == 0)
            e2e_report_add(rep, "two rows map to key %s", expected->v[i]);
    size_t nkeys;
    char **keys = e2e_redis_keys(r, glob, &nkeys);
    for (size_t i = 0; i < nkeys; i++) {
        bool ignored = false;
        for (size_t k = 0; ignore && ignore[k] && !ignored; k++)
            ignored = fnmatch(ignore[k], keys[i], 0) == 0;
        if (ignored || e2e_strings_has(expected, keys[i]))
            continue;
        redisReply *t = e2e_redis(r, "TYPE %s", keys[i]);
        struct e2e_sb b = { 0 };
        e2e_sb_puts(&b, "");
        if (t->str && strcmp(t->str, "hash") == 0) {
            redisReply *h = e2e_redis(r, "HGETALL %s", keys[i]);
            for (size_t f = 0; f + 1 < h->elements && f < 12; f += 2) {
                char *v = e2e_printable(h->element[f + 1]->str, h->element[f + 1]->len);
                e2e_sb_printf(&b, " %s=%s", h->element[f]->str, v);
                free(v);
            }
            freeReplyObject(h);
        }
        e2e_report_add(rep, "key %s (%s): no such row in the source (an extra key):%s", keys[i],
                       t->str ? t->str : "?", b.p);
        free(b.p);
        freeReplyObject(t);
    }
    e2e_free_strings(keys, nkeys);
}

void e2e_compare_default_into(struct e2e *E, const char *const *ignore, struct e2e_report *rep)
{
    char *q = xasprintf("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                        "'%s' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", E->db);
    MYSQL_RES *res = query(E->m, q);
    free(q);
    struct e2e_strings expected = { 0 };
    size_t rows = 0;
    MYSQL_ROW row;
    struct e2e_hash_check hc = { "{schema}:{table}:{pk}", NULL, &expected };
    unsigned before = rep->count;
    while ((row = mysql_fetch_row(res))) {
        char own[200];
        snprintf(own, sizeof own, "%s:%s:*", E->db, row[0]);
        bool skip = false;
        for (size_t k = 0; ignore && ignore[k]; k++)
            skip |= strcmp(ignore[k], own) == 0;
        if (skip)
            continue;
        struct e2e_table t;
        e2e_table_load(E->m, E->db, row[0], &t);
        /* A table without a primary key is not mirrored: no key expected. */
        if (t.npk > 0)
            e2e_check_hashes(E->r, &t, &hc, rep);
        rows += t.nrows;
        e2e_table_free(&t);
    }
    mysql_free_result(res);
    e2e_strings_sort(&expected);
    char glob[128];
    snprintf(glob, sizeof glob, "%s:*", E->db);
    unsigned mismatches = rep->count - before;
    e2e_check_no_extra_keys(E->r, glob, &expected, ignore, rep);
    cr_log_info("%s: compared %zu rows with their keys under %s (%u mismatches, %u extra keys)",
                E->tag, rows, glob, mismatches, rep->count - before - mismatches);
    e2e_strings_free(&expected);
}

void e2e_compare_default(struct e2e *E, const char *const *ignore)
{
    struct e2e_report rep;
    e2e_report_init(&rep, "default mapping");
    e2e_compare_default_into(E, ignore, &rep);
    e2e_report_check(&rep, E->seed);
}

/* The shortest text that reads back to f ("%.*g" with the fewest digits). */
static void shortest_float(float f, char *out, size_t size)
{
    for (int p = 1; p <= 9; p++) {
        snprintf(out, size, "%.*g", p, (double)f);
        float back = strtof(out, NULL);
        if (memcmp(&back, &f, sizeof f) == 0)
            return;
    }
}

void e2e_write_reference(redisContext *r, const struct e2e_table *t, const char *tmpl)
{
    for (size_t row = 0; row < t->nrows; row++) {
        char *key = e2e_render_key(t, row, tmpl);
        const char **argv = calloc(2 + 2 * t->ncols, sizeof *argv);
        size_t *lens = calloc(2 + 2 * t->ncols, sizeof *lens);
        char (*floats)[64] = calloc(t->ncols, sizeof *floats);
        cr_assert(argv && lens && floats);
        size_t n = 0;
        argv[n] = "HSET";
        lens[n++] = 4;
        argv[n] = key;
        lens[n++] = strlen(key);
        for (size_t c = 0; c < t->ncols; c++) {
            const struct e2e_cell *cell = e2e_cell(t, row, c);
            if (!cell->p)
                continue;
            argv[n] = t->cols[c].name;
            lens[n++] = strlen(t->cols[c].name);
            if (t->cols[c].how == E2E_FLOAT) {
                shortest_float((float)strtod(cell->extra, NULL), floats[c], sizeof floats[c]);
                argv[n] = floats[c];
                lens[n++] = strlen(floats[c]);
            } else if (t->cols[c].how == E2E_BIT) {
                argv[n] = cell->extra;
                lens[n++] = strlen(cell->extra);
            } else {
                argv[n] = cell->p;
                lens[n++] = cell->len;
            }
        }
        freeReplyObject(e2e_redis(r, "DEL %s", key));
        redisReply *rep = redisCommandArgv(r, (int)n, argv, lens);
        cr_assert(rep && rep->type != REDIS_REPLY_ERROR, "HSET %s failed", key);
        freeReplyObject(rep);
        free(argv);
        free(lens);
        free(floats);
        free(key);
    }
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

struct jp {
    const char *p, *end;
    const char *err;
};

static void jp_ws(struct jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static void put_utf8(struct e2e_sb *b, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    e2e_sb_append(b, u, n);
}

static int hex4(const char *p, const char *end, uint32_t *out)
{
    if (end - p < 4)
        return -1;
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static bool jp_string(struct jp *j, char **out, size_t *len)
{
    if (j->p >= j->end || *j->p != '"') {
        j->err = "expected a string";
        return false;
    }
    j->p++;
    struct e2e_sb b = { 0 };
    e2e_sb_puts(&b, "");
    while (j->p < j->end && *j->p != '"') {
        unsigned char c = (unsigned char)*j->p;
        if (c < 0x20) {
            j->err = "control character in a string";
            free(b.p);
            return false;
        }
        if (c != '\\') {
            e2e_sb_append(&b, j->p++, 1);
            continue;
        }
        j->p++;
        if (j->p >= j->end)
            break;
        char e = *j->p++;
        switch (e) {
        case '"': e2e_sb_puts(&b, "\""); break;
        case '\\': e2e_sb_puts(&b, "\\"); break;
        case '/': e2e_sb_puts(&b, "/"); break;
        case 'b': e2e_sb_puts(&b, "\b"); break;
        case 'f': e2e_sb_puts(&b, "\f"); break;
        case 'n': e2e_sb_puts(&b, "\n"); break;
        case 'r': e2e_sb_puts(&b, "\r"); break;
        case 't': e2e_sb_puts(&b, "\t"); break;
        case 'u': {
            uint32_t u, lo;
            if (hex4(j->p, j->end, &u) < 0) {
                j->err = "bad \\u escape";
                free(b.p);
                return false;
            }
            j->p += 4;
            if (u >= 0xD800 && u < 0xDC00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
                j->p[1] == 'u' && hex4(j->p + 2, j->end, &lo) == 0 && lo >= 0xDC00 &&
                lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                j->p += 6;
            }
            put_utf8(&b, u);
            break;
        }
        default:
            j->err = "bad escape";
            free(b.p);
            return false;
        }
    }
    if (j->p >= j->end) {
        j->err = "unterminated string";
        free(b.p);
        return false;
    }
    j->p++;
    *out = b.p;
    *len = b.len;
    return true;
}

static bool jp_value(struct jp *j, struct e2e_json *v, int depth);

static bool jp_push(struct e2e_json *v, struct e2e_json *item, char *key)
{
    v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
    cr_assert(v->items);
    if (v->kind == EJ_OBJECT) {
        v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
        cr_assert(v->keys);
        v->keys[v->n] = key;
    }
    v->items[v->n++] = *item;
    return true;
}

static void json_clear(struct e2e_json *j)
{
    for (size_t i = 0; i < j->n; i++) {
        json_clear(&j->items[i]);
        if (j->keys)
            free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->text);
}

static bool jp_value(struct jp *j, struct e2e_json *v, int depth)
{
    memset(v, 0, sizeof *v);
    jp_ws(j);
    if (j->p >= j->end || depth > 100) {
        j->err = "unexpected end";
        return false;
    }
    char c = *j->p;
    if (c == '{' || c == '[') {
        v->kind = c == '{' ? EJ_OBJECT : EJ_ARRAY;
        char close = c == '{' ? '}' : ']';
        j->p++;
        jp_ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return true;
        }
        for (;;) {
            char *key = NULL;
            size_t klen;
            if (v->kind == EJ_OBJECT) {
                jp_ws(j);
                if (!jp_string(j, &key, &klen))
                    return false;
                jp_ws(j);
                if (j->p >= j->end || *j->p != ':') {
                    free(key);
                    j->err = "expected ':'";
                    return false;
                }
                j->p++;
            }
            struct e2e_json item;
            if (!jp_value(j, &item, depth + 1)) {
                free(key);
                json_clear(&item);
                return false;
            }
            jp_push(v, &item, key);
            jp_ws(j);
            if (j->p < j->end && *j->p == ',') {
                j->p++;
                continue;
            }
            if (j->p < j->end && *j->p == close) {
                j->p++;
                return true;
            }
            j->err = "expected ',' or a closing bracket";
            return false;
        }
    }
    if (c == '"') {
        v->kind = EJ_STRING;
        return jp_string(j, &v->text, &v->len);
    }
    if (j->end - j->p >= 4 && memcmp(j->p, "null", 4) == 0) {
        j->p += 4;
        v->kind = EJ_NULL;
        return true;
    }
    if (j->end - j->p >= 4 && memcmp(j->p, "true", 4) == 0) {
        j->p += 4;
        v->kind = EJ_BOOL;
        v->b = true;
        return true;
    }
    if (j->end - j->p >= 5 && memcmp(j->p, "false", 5) == 0) {
        j->p += 5;
        v->kind = EJ_BOOL;
        return true;
    }
    const char *s = j->p;
    while (j->p < j->end && strchr("+-0123456789.eE", *j->p))
        j->p++;
    if (j->p == s || !plain_number(s, (size_t)(j->p - s))) {
        j->err = "bad value";
        return false;
    }
    v->kind = EJ_NUMBER;
    v->text = xstrndup(s, (size_t)(j->p - s));
    v->len = (size_t)(j->p - s);
    return true;
}

struct e2e_json *e2e_json_parse(const char *p, size_t len, const char **err)
{
    struct jp j = { p, p + len, NULL };
    struct e2e_json *v = calloc(1, sizeof *v);
    cr_assert(v);
    bool ok = jp_value(&j, v, 0);
    if (ok) {
        jp_ws(&j);
        if (j.p != j.end) {
            ok = false;
            j.err = "trailing bytes";
        }
    }
    if (!ok) {
        json_clear(v);
        free(v);
        *err = j.err;
        return NULL;
    }
    return v;
}

void e2e_json_free(struct e2e_json *j)
{
    if (!j)
        return;
    json_clear(j);
    free(j);
}

const struct e2e_json *e2e_json_get(const struct e2e_json *obj, const char *key)
{
    if (!obj || obj->kind != EJ_OBJECT)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return NULL;
}

static bool type_in(const char *type, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcasecmp(type, list[i]) == 0)
            return true;
    return false;
}

/* Structural equality: same kinds, number literals, strings, keys in order. */
static bool json_equal(const struct e2e_json *a, const struct e2e_json *b)
{
    if (a->kind != b->kind || a->n != b->n || a->b != b->b || a->len != b->len)
        return false;
    if (a->len && memcmp(a->text, b->text, a->len) != 0)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        if (a->keys && (!b->keys || strcmp(a->keys[i], b->keys[i]) != 0))
            return false;
        if (!json_equal(&a->items[i], &b->items[i]))
            return false;
    }
    return true;
}

bool e2e_json_matches(const struct e2e_col *col, const struct e2e_cell *cell,
                      const struct e2e_json *v, const char **why)
{
    static const char *const numbers[] = { "tinyint", "smallint", "mediumint", "int", "bigint",
                                           "double", NULL };
    static const char *const binary[] = { "binary", "varbinary", "tinyblob", "blob",
                                          "mediumblob", "longblob", NULL };
    static char msg[512];
    *why = "";
    if (!cell->p) {
        if (v->kind == EJ_NULL)
            return true;
        *why = "got a value, not null";
        return false;
    }
    if (col->how != E2E_EXACT) {          /* FLOAT, BIT: numbers */
        if (v->kind != EJ_NUMBER) {
            *why = "not a JSON number";
            return false;
        }
        if (!e2e_text_matches(col, cell, v->text, v->len, why)) {
            snprintf(msg, sizeof msg, "got %s (%s)", v->text, *why);
            *why = msg;
            return false;
        }
        return true;
    }
    if (type_in(col->type, numbers)) {
        if (v->kind == EJ_NUMBER && v->len == cell->len && memcmp(v->text, cell->p, v->len) == 0)
            return true;
        snprintf(msg, sizeof msg, "got %s %s", v->kind == EJ_NUMBER ? "the number" : "a non-number",
                 v->text ? v->text : "");
        *why = msg;
        return false;
    }
    if (type_in(col->type, binary)) {
        const struct e2e_json *b64 = e2e_json_get(v, "base64");
        size_t len = 0;
        char *bytes = b64 && b64->kind == EJ_STRING && v->n == 1
                          ? e2e_base64_decode(b64->text, b64->len, &len) : NULL;
        bool ok = bytes && len == cell->len && memcmp(bytes, cell->p, len) == 0;
        free(bytes);
        if (!ok)
            *why = "not {\"base64\": the bytes}";
        return ok;
    }
    if (col->json) {
        /* MariaDB JSON: the document itself, equal to what SELECT returns. */
        const char *perr;
        struct e2e_json *want = e2e_json_parse(cell->p, cell->len, &perr);
        bool ok = want && json_equal(want, v);
        e2e_json_free(want);
        if (!ok)
            *why = want ? "not the same JSON document" : "SELECT's text is not JSON";
        return ok;
    }
    /* DECIMAL, dates, times, YEAR, ENUM, SET, text */
    if (v->kind == EJ_STRING && v->len == cell->len && memcmp(v->text, cell->p, v->len) == 0)
        return true;
    if (v->kind == EJ_STRING) {
        char *got = e2e_printable(v->text, v->len);
        snprintf(msg, sizeof msg, "got the string %s", got);
        free(got);
    } else {
        snprintf(msg, sizeof msg, "got a JSON value of kind %d, not a string", (int)v->kind);
    }
    *why = msg;
    return false;
}

char *e2e_base64_decode(const char *p, size_t n, size_t *len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (n % 4)
        return NULL;
    char *out = malloc(n / 4 * 3 + 1);
    cr_assert(out);
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        uint32_t v = 0;
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = p[i + k];
            const char *at = c ? strchr(alphabet, c) : NULL;
            if (c == '=' && i + 4 == n && k >= 2) {
                pad++;
                v <<= 6;
                continue;
            }
            if (!at || pad) {
                free(out);
                return NULL;
            }
            v = (v << 6) | (uint32_t)(at - alphabet);
        }
        out[o++] = (char)(v >> 16);
        if (pad < 2)
            out[o++] = (char)(v >> 8);
        if (pad < 1)
            out[o++] = (char)v;
    }
    out[o] = '\0';
    *len = o;
    return out;
}

/* ------------------------------------------------------------------ */
/* The workload                                                        */

const char *const e2e_wl_table_names[WL_NTABLES] = { "t_all", "t_comp", "t_u" };

static const char t_all_ddl[] =
    "CREATE TABLE t_all (id INT NOT NULL PRIMARY KEY,"
    " ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,"
    " mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED,"
    " bi BIGINT, biu BIGINT UNSIGNED,"
    " d20 DECIMAL(20,6), d65 DECIMAL(65,30), dbl DOUBLE, flt FLOAT,"
    " dt DATE, dtm DATETIME(6), ts TIMESTAMP(3) NULL DEFAULT NULL, tm TIME(3), yr YEAR,"
    " ch CHAR(12), vc VARCHAR(64) CHARACTER SET utf8mb4,"
    " vl VARCHAR(64) CHARACTER SET latin1, tx TEXT, bl BLOB,"
    " en ENUM('small','medium','large','x,y','\xc3\xbcn\xc3\xaf'),"
    " st SET('a','b','c','d\xc3\xa9'), bt BIT(10), js JSON) CHARACTER SET utf8mb4";

/* The columns of t_all after id, with their generators. */
enum gen {
    G_TI, G_TIU, G_SI, G_SIU, G_MI, G_MIU, G_I, G_IU, G_BI, G_BIU, G_D20, G_D65, G_DBL, G_FLT,
    G_DT, G_DTM, G_TS, G_TM, G_YR, G_CH, G_VC, G_VL, G_TX, G_BL, G_EN, G_ST, G_BT, G_JS, G_N
};
static const char *const all_cols[G_N] = {
    "ti", "tiu", "si", "siu", "mi", "miu", "i", "iu", "bi", "biu", "d20", "d65", "dbl", "flt",
    "dt", "dtm", "ts", "tm", "yr", "ch", "vc", "vl", "tx", "bl", "en", "st", "bt", "js",
};

static const char t_comp_ddl[] =
    "CREATE TABLE t_comp (a INT NOT NULL,"
    " b VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
    " v VARCHAR(64), n INT, PRIMARY KEY (a, b)) CHARACTER SET utf8mb4";
/* Multi-megabyte values (each row alone exceeds a 64 KB batch) and a table
 * without a primary key (not mirrored, but its rows are counted inside a
 * chunked transaction): both only written by wl_big. */
static const char t_lob_ddl[] =
    "CREATE TABLE t_lob (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT) CHARACTER SET utf8mb4";
static const char t_nopk_ddl[] = "CREATE TABLE t_nopk (a INT, b VARCHAR(100))";
static const char t_u_ddl[] =
    "CREATE TABLE t_u (id BIGINT UNSIGNED NOT NULL PRIMARY KEY, v VARCHAR(200), n BIGINT)"
    " CHARACTER SET utf8mb4";

static void int_literal(struct e2e_sb *b, struct e2e_rng *r, int64_t lo, int64_t hi)
{
    uint64_t k = e2e_below(r, 10);
    int64_t v;
    if (k == 0)
        v = lo;
    else if (k == 1)
        v = hi;
    else if (k == 2)
        v = lo < 0 ? 0 : lo + 1;
    else if (k == 3)
        v = lo < 0 ? -1 : hi - 1;
    else
        v = lo + (int64_t)e2e_below(r, (uint64_t)(hi - lo));
    e2e_sb_printf(b, "%lld", (long long)v);
}

static void uint_literal(struct e2e_sb *b, struct e2e_rng *r, uint64_t hi)
{
    uint64_t k = e2e_below(r, 10), v;
    if (k == 0)
        v = 0;
    else if (k == 1)
        v = hi;
    else if (k == 2)
        v = hi / 2 + 1;    /* the sign bit of the signed type */
    else
        v = hi == UINT64_MAX ? e2e_rand(r) : e2e_below(r, hi + 1);
    e2e_sb_printf(b, "%llu", (unsigned long long)v);
}

static void digits(struct e2e_sb *b, struct e2e_rng *r, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        char c = (char)('0' + e2e_below(r, 10));
        e2e_sb_append(b, &c, 1);
    }
}

static void decimal_literal(struct e2e_sb *b, struct e2e_rng *r, unsigned int_digits,
                            unsigned scale)
{
    if (e2e_chance(r, 40))
        e2e_sb_puts(b, "-");
    uint64_t k = e2e_below(r, 8);
    if (k == 0) {
        /* the largest */
        for (unsigned i = 0; i < int_digits; i++)
            e2e_sb_puts(b, "9");
        e2e_sb_puts(b, ".");
        for (unsigned i = 0; i < scale; i++)
            e2e_sb_puts(b, "9");
        return;
    }
    if (k == 1) {
        e2e_sb_puts(b, "0.");
        for (unsigned i = 1; i < scale; i++)
            e2e_sb_puts(b, "0");
        e2e_sb_puts(b, "1");
        return;
    }
    if (k == 2) {
        e2e_sb_puts(b, "0");
        return;
    }
    unsigned n = 1 + (unsigned)e2e_below(r, int_digits);
    digits(b, r, n);
    e2e_sb_puts(b, ".");
    digits(b, r, 1 + (unsigned)e2e_below(r, scale));
}

static void double_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    static const char *const special[] = {
        "1.7976931348623157e308", "-1.7976931348623157e308", "2.2250738585072014e-308",
        "0.1", "-0.5", "1e15", "123456789012345680000", "3.141592653589793", "1e-300", "0",
        "5e-324",
    };
    if (e2e_chance(r, 30)) {
        e2e_sb_puts(b, special[e2e_below(r, sizeof special / sizeof *special)]);
        return;
    }
    double d;
    do {
        uint64_t bits = e2e_rand(r);
        memcpy(&d, &bits, sizeof d);
    } while (!isfinite(d) || (d != 0 && fabs(d) < 1e-300));
    e2e_sb_printf(b, "%.17g", d);
}

static void float_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    static const char *const special[] = {
        "3.4028234e38", "-3.4028234e38", "1.17549435e-38", "0.1", "16777217", "1e-45",
        "0", "-2.5", "123456.789",
    };
    if (e2e_chance(r, 30)) {
        e2e_sb_puts(b, special[e2e_below(r, sizeof special / sizeof *special)]);
        return;
    }
    float f;
    do {
        uint32_t bits = (uint32_t)e2e_rand(r);
        memcpy(&f, &bits, sizeof f);
    } while (!isfinite(f));
    /* the float's exact value: a shorter text may round above FLT_MAX */
    e2e_sb_printf(b, "%.17g", (double)f);
}

static unsigned days_in(unsigned y, unsigned m)
{
    static const unsigned d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

static void date_part(struct e2e_sb *b, struct e2e_rng *r)
{
    unsigned y = 1000 + (unsigned)e2e_below(r, 9000), m = 1 + (unsigned)e2e_below(r, 12);
    if (e2e_chance(r, 10))
        y = e2e_chance(r, 50) ? 1000 : 9999;
    unsigned d = 1 + (unsigned)e2e_below(r, days_in(y, m));
    e2e_sb_printf(b, "%04u-%02u-%02u", y, m, d);
}

static void datetime_literal(struct e2e_sb *b, struct e2e_rng *r, bool time_too, unsigned frac)
{
    if (e2e_chance(r, 5)) {
        e2e_sb_puts(b, time_too ? "'0000-00-00 00:00:00'" : "'0000-00-00'");
        return;
    }
    e2e_sb_puts(b, "'");
    date_part(b, r);
    if (time_too) {
        e2e_sb_printf(b, " %02u:%02u:%02u", (unsigned)e2e_below(r, 24), (unsigned)e2e_below(r, 60),
                  (unsigned)e2e_below(r, 60));
        if (frac) {
            e2e_sb_puts(b, ".");
            digits(b, r, frac);
        }
    }
    e2e_sb_puts(b, "'");
}

static void timestamp_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    time_t t = 1 + (time_t)e2e_below(r, 2147483647u - 1);
    if (e2e_chance(r, 10))
        t = e2e_chance(r, 50) ? 1 : 2147483647;
    struct tm tm;
    gmtime_r(&t, &tm);
    e2e_sb_printf(b, "'%04d-%02d-%02d %02d:%02d:%02d.", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
              tm.tm_hour, tm.tm_min, tm.tm_sec);
    digits(b, r, 3);
    e2e_sb_puts(b, "'");
}

static void time_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    uint64_t k = e2e_below(r, 10);
    if (k == 0) {
        e2e_sb_puts(b, e2e_chance(r, 50) ? "'-838:59:59.000'" : "'838:59:59.000'");
        return;
    }
    if (k == 1) {
        e2e_sb_puts(b, "'-00:00:00.001'");
        return;
    }
    e2e_sb_printf(b, "'%s%u:%02u:%02u.", e2e_chance(r, 40) ? "-" : "", (unsigned)e2e_below(r, 838),
              (unsigned)e2e_below(r, 60), (unsigned)e2e_below(r, 60));
    digits(b, r, 3);
    e2e_sb_puts(b, "'");
}

/* Random UTF-8 text of up to max characters: ASCII, 2-, 3- and 4-byte. */
static void utf8_text(struct e2e_sb *b, struct e2e_rng *r, unsigned max)
{
    static const char *const pieces[] = {
        "a", "Z", "0", " ", "'", "\"", "\\", "%", ":", "\xc3\xa9", "\xc3\x9f", "\xe2\x82\xac",
        "\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\xf0\x9d\x84\x9e", "\t", "\n",
    };
    unsigned n = (unsigned)e2e_below(r, max + 1);
    for (unsigned i = 0; i < n; i++) {
        if (e2e_chance(r, 50)) {
            char c = (char)('a' + e2e_below(r, 26));
            e2e_sb_append(b, &c, 1);
        } else {
            e2e_sb_puts(b, pieces[e2e_below(r, sizeof pieces / sizeof *pieces)]);
        }
    }
}

static void utf8_literal(struct e2e_sb *b, struct e2e_rng *r, unsigned max)
{
    struct e2e_sb t = { 0 };
    e2e_sb_puts(&t, "");
    utf8_text(&t, r, max);
    if (t.len == 0) {
        e2e_sb_puts(b, "''");
    } else {
        e2e_sb_puts(b, "_utf8mb4 X'");
        e2e_sb_hex(b, (const unsigned char *)t.p, t.len);
        e2e_sb_puts(b, "'");
    }
    free(t.p);
}

static void latin1_literal(struct e2e_sb *b, struct e2e_rng *r, unsigned max)
{
    unsigned n = (unsigned)e2e_below(r, max + 1);
    if (n == 0) {
        e2e_sb_puts(b, "''");
        return;
    }
    unsigned char *p = malloc(n);
    cr_assert(p);
    for (unsigned i = 0; i < n; i++)
        p[i] = (unsigned char)(0x20 + e2e_below(r, 0x100 - 0x20));
    /* no trailing space: VARCHAR keeps it, but a PAD SPACE compare hides it */
    e2e_sb_puts(b, "_latin1 X'");
    e2e_sb_hex(b, p, n);
    e2e_sb_puts(b, "'");
    free(p);
}

static void blob_literal(struct e2e_sb *b, struct e2e_rng *r, unsigned max)
{
    unsigned n = (unsigned)e2e_below(r, max + 1);
    if (n == 0) {
        e2e_sb_puts(b, "''");
        return;
    }
    unsigned char *p = malloc(n);
    cr_assert(p);
    for (unsigned i = 0; i < n; i++)
        p[i] = e2e_chance(r, 10) ? 0 : (unsigned char)e2e_rand(r);
    e2e_sb_puts(b, "X'");
    e2e_sb_hex(b, p, n);
    e2e_sb_puts(b, "'");
    free(p);
}

static void json_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    struct e2e_sb t = { 0 };
    e2e_sb_puts(&t, "");
    switch (e2e_below(r, 5)) {
    case 0:
        e2e_sb_printf(&t, "{\"k\": %llu, \"s\": \"x\\u00e9\\\"y\", \"a\": [1, 2.5, null, true]}",
                  (unsigned long long)e2e_below(r, 1000000));
        break;
    case 1:
        e2e_sb_printf(&t, "[%lld,\"%s\",{}]", (long long)e2e_below(r, 100) - 50,
                  e2e_chance(r, 50) ? "\xf0\x9f\x98\x80" : "");
        break;
    case 2:
        e2e_sb_puts(&t, "\"just a string\"");
        break;
    case 3:
        e2e_sb_printf(&t, "{ \"nested\" : { \"deep\" : [ { \"n\" : %.6g } ] } ,\"b\":false }",
                  (double)e2e_below(r, 1000000) / 7.0);
        break;
    default:
        e2e_sb_puts(&t, e2e_chance(r, 50) ? "null" : "12345678901234567890");
        break;
    }
    e2e_sb_puts(b, "_utf8mb4 X'");
    e2e_sb_hex(b, (const unsigned char *)t.p, t.len);
    e2e_sb_puts(b, "'");
    free(t.p);
}

static void set_literal(struct e2e_sb *b, struct e2e_rng *r)
{
    static const char *const labels[] = { "a", "b", "c", "d\xc3\xa9" };
    e2e_sb_puts(b, "'");
    bool first = true;
    for (size_t i = 0; i < 4; i++)
        if (e2e_chance(r, 40)) {
            e2e_sb_printf(b, "%s%s", first ? "" : ",", labels[i]);
            first = false;
        }
    e2e_sb_puts(b, "'");
}

/* A literal for column g of t_all (NULL sometimes). */
static void all_value(struct e2e_sb *b, struct e2e_rng *r, enum gen g)
{
    if (e2e_chance(r, 15)) {
        e2e_sb_puts(b, "NULL");
        return;
    }
    switch (g) {
    case G_TI: int_literal(b, r, -128, 127); break;
    case G_TIU: uint_literal(b, r, 255); break;
    case G_SI: int_literal(b, r, -32768, 32767); break;
    case G_SIU: uint_literal(b, r, 65535); break;
    case G_MI: int_literal(b, r, -8388608, 8388607); break;
    case G_MIU: uint_literal(b, r, 16777215); break;
    case G_I: int_literal(b, r, INT32_MIN, INT32_MAX); break;
    case G_IU: uint_literal(b, r, UINT32_MAX); break;
    case G_BI:
        if (e2e_chance(r, 20))
            e2e_sb_puts(b, e2e_chance(r, 50) ? "-9223372036854775808" : "9223372036854775807");
        else
            e2e_sb_printf(b, "%lld", (long long)e2e_rand(r));
        break;
    case G_BIU: uint_literal(b, r, UINT64_MAX); break;
    case G_D20: decimal_literal(b, r, 14, 6); break;
    case G_D65: decimal_literal(b, r, 35, 30); break;
    case G_DBL: double_literal(b, r); break;
    case G_FLT: float_literal(b, r); break;
    case G_DT: datetime_literal(b, r, false, 0); break;
    case G_DTM: datetime_literal(b, r, true, 6); break;
    case G_TS: timestamp_literal(b, r); break;
    case G_TM: time_literal(b, r); break;
    case G_YR:
        if (e2e_chance(r, 10))
            e2e_sb_puts(b, "0");
        else
            e2e_sb_printf(b, "%u", 1901 + (unsigned)e2e_below(r, 255));
        break;
    case G_CH: {
        unsigned n = (unsigned)e2e_below(r, 13);
        e2e_sb_puts(b, "'");
        for (unsigned i = 0; i < n; i++) {
            char c = e2e_chance(r, 15) ? ' ' : (char)('A' + e2e_below(r, 26));
            e2e_sb_append(b, &c, 1);
        }
        e2e_sb_puts(b, "'");
        break;
    }
    case G_VC: utf8_literal(b, r, 64); break;
    case G_VL: latin1_literal(b, r, 64); break;
    case G_TX: utf8_literal(b, r, e2e_chance(r, 20) ? 3000 : 80); break;
    case G_BL: blob_literal(b, r, e2e_chance(r, 20) ? 3000 : 60); break;
    case G_EN: {
        static const char *const labels[] = { "'small'", "'medium'", "'large'", "'x,y'",
                                              "'\xc3\xbcn\xc3\xaf'" };
        e2e_sb_puts(b, labels[e2e_below(r, 5)]);
        break;
    }
    case G_ST: set_literal(b, r); break;
    case G_BT: e2e_sb_printf(b, "%u", (unsigned)e2e_below(r, 1024)); break;
    case G_JS: json_literal(b, r); break;
    case G_N: break;
    }
}

/* ---- the key model ---- */

static bool key_eq(int t, const struct wl_key *a, const struct wl_key *b)
{
    return a->n == b->n && (t != WL_COMP || strcmp(a->s, b->s) == 0);
}

static bool keys_has(const struct wl_keyset *ks, int t, const struct wl_key *k)
{
    for (size_t i = 0; i < ks->n; i++)
        if (key_eq(t, &ks->v[i], k))
            return true;
    return false;
}

static void keys_add(struct wl_keyset *ks, const struct wl_key *k)
{
    if (ks->n == ks->cap) {
        ks->cap = ks->cap ? ks->cap * 2 : 64;
        ks->v = realloc(ks->v, ks->cap * sizeof *ks->v);
        cr_assert(ks->v);
    }
    ks->v[ks->n++] = *k;
}

static void keys_remove(struct wl_keyset *ks, int t, const struct wl_key *k)
{
    for (size_t i = 0; i < ks->n; i++)
        if (key_eq(t, &ks->v[i], k)) {
            ks->v[i] = ks->v[--ks->n];
            return;
        }
    cr_assert_fail("key model: removing a key that is not there");
}

static void keys_copy(struct wl_keyset *to, const struct wl_keyset *from)
{
    if (to->cap < from->n) {
        to->cap = from->n;
        to->v = realloc(to->v, to->cap * sizeof *to->v);
        cr_assert(to->v);
    }
    if (from->n)
        memcpy(to->v, from->v, from->n * sizeof *from->v);
    to->n = from->n;
}

/* A key not in the table: t_all ids 1..600, t_comp (1..40, short text),
 * t_u anywhere in 64 bits (with the extremes). */
static void new_key(struct workload *W, int t, struct wl_key *k)
{
    struct e2e_rng *r = &W->rng;
    for (int tries = 0; tries < 1000; tries++) {
        memset(k, 0, sizeof *k);
        switch (t) {
        case WL_ALL:
            k->n = 1 + e2e_below(r, 600);
            break;
        case WL_COMP: {
            static const char *const parts[] = { "a", "b", "x", "\xc3\xa9", "\xf0\x9f\x98\x80",
                                                 ":", "Q", "-" };
            k->n = 1 + e2e_below(r, 40);
            unsigned n = 1 + (unsigned)e2e_below(r, 4);
            for (unsigned i = 0; i < n; i++)
                strcat(k->s, parts[e2e_below(r, sizeof parts / sizeof *parts)]);
            break;
        }
        default: {
            uint64_t x = e2e_below(r, 8);
            k->n = x == 0 ? UINT64_MAX : x == 1 ? 0 : x == 2 ? (1ULL << 63)
                 : x == 3 ? e2e_below(r, 1000) : e2e_rand(r);
            break;
        }
        }
        if (!keys_has(&W->keys[t], t, k))
            return;
    }
    cr_assert_fail("no free key in %s", e2e_wl_table_names[t]);
}

static const struct wl_key *some_key(struct workload *W, int t)
{
    struct wl_keyset *ks = &W->keys[t];
    return ks->n ? &ks->v[e2e_below(&W->rng, ks->n)] : NULL;
}

/* "WHERE ..." for a key. */
static void where_key(struct e2e_sb *b, int t, const struct wl_key *k)
{
    if (t == WL_COMP) {
        e2e_sb_printf(b, " WHERE a = %llu AND b = _utf8mb4 X'", (unsigned long long)k->n);
        e2e_sb_hex(b, (const unsigned char *)k->s, strlen(k->s));
        e2e_sb_puts(b, "'");
    } else {
        e2e_sb_printf(b, " WHERE id = %llu", (unsigned long long)k->n);
    }
}

static void key_values(struct e2e_sb *b, int t, const struct wl_key *k)
{
    e2e_sb_printf(b, "%llu", (unsigned long long)k->n);
    if (t == WL_COMP) {
        e2e_sb_puts(b, ", _utf8mb4 X'");
        e2e_sb_hex(b, (const unsigned char *)k->s, strlen(k->s));
        e2e_sb_puts(b, "'");
    }
}

/* A row's non-key values, after the key values. */
static void row_values(struct workload *W, struct e2e_sb *b, int t)
{
    struct e2e_rng *r = &W->rng;
    if (t == WL_ALL) {
        for (int g = 0; g < G_N; g++) {
            e2e_sb_puts(b, ", ");
            all_value(b, r, (enum gen)g);
        }
    } else {
        e2e_sb_puts(b, ", ");
        if (e2e_chance(r, 15))
            e2e_sb_puts(b, "NULL");
        else
            utf8_literal(b, r, t == WL_U ? 120 : 40);
        if (e2e_chance(r, 20))
            e2e_sb_puts(b, ", NULL");
        else
            e2e_sb_printf(b, ", %lld", (long long)e2e_rand(r) >> (t == WL_COMP ? 33 : 2));
    }
}

static const char *column_list(int t)
{
    static char all[1024];
    if (t == WL_COMP)
        return "(a, b, v, n)";
    if (t == WL_U)
        return "(id, v, n)";
    if (!all[0]) {
        strcpy(all, "(id");
        for (int g = 0; g < G_N; g++) {
            strcat(all, ", ");
            strcat(all, all_cols[g]);
        }
        strcat(all, ")");
    }
    return all;
}

/* A random "col = value" list for an update of table t (non-key columns). */
static void set_list(struct workload *W, struct e2e_sb *b, int t)
{
    struct e2e_rng *r = &W->rng;
    if (t == WL_ALL) {
        unsigned n = 1 + (unsigned)e2e_below(r, 5);
        for (unsigned i = 0; i < n; i++) {
            enum gen g = (enum gen)e2e_below(r, G_N);
            e2e_sb_printf(b, "%s%s = ", i ? ", " : "", all_cols[g]);
            if (e2e_chance(r, 25))
                e2e_sb_puts(b, "NULL");    /* set-to-NULL: the field must disappear */
            else
                all_value(b, r, g);
        }
        return;
    }
    switch (e2e_below(r, 3)) {
    case 0:
        e2e_sb_puts(b, "v = ");
        utf8_literal(b, r, 40);
        break;
    case 1:
        e2e_sb_printf(b, "n = %s", e2e_chance(r, 40) ? "NULL" : "n + 1");
        break;
    default:
        e2e_sb_puts(b, "v = NULL, n = ");
        e2e_sb_printf(b, "%lld", (long long)e2e_below(r, 1000));
        break;
    }
}

/* What a statement does to the row-change count of its table. */
enum stmt_kind { S_INSERT, S_UPDATE, S_DELETE, S_REPLACE_NEW, S_REPLACE_EXISTING, S_OTHER };

static const int stmt_op[] = { WL_INSERT, WL_UPDATE, WL_DELETE, WL_INSERT, WL_UPDATE, -1 };

static void wl_exec(struct workload *W, int t, enum stmt_kind kind, const char *sqltext)
{
    fprintf(W->log, "%s;\n", sqltext);
    W->statements++;
    if (mysql_query(W->m, sqltext) != 0)
        cr_assert_fail("workload statement failed (seed %llu): %.600s: %s",
                       (unsigned long long)W->E->seed, sqltext, mysql_error(W->m));
    MYSQL_RES *res = mysql_store_result(W->m);
    if (res)
        mysql_free_result(res);
    uint64_t affected = mysql_affected_rows(W->m);
    uint64_t changes = 0;
    switch (kind) {
    case S_INSERT:
    case S_UPDATE:     /* without CLIENT_FOUND_ROWS: the rows actually changed */
    case S_DELETE:
    case S_REPLACE_NEW:
        changes = affected;
        break;
    case S_REPLACE_EXISTING:
        /* InnoDB replaces a row whose only unique key is the primary key
         * with an update (one Update_rows row): 2 affected; an identical
         * row is not written at all: 1 affected, nothing logged. */
        cr_assert(affected == 1 || affected == 2, "REPLACE affected %llu rows",
                  (unsigned long long)affected);
        changes = affected == 2 ? 1 : 0;
        break;
    case S_OTHER:
        break;
    }
    fprintf(W->log, "-- affected %llu, changes %llu\n", (unsigned long long)affected,
            (unsigned long long)changes);
    if (stmt_op[kind] < 0)
        return;
    if (W->in_txn)
        W->pending[t][stmt_op[kind]] += changes;
    else
        W->changes[t][stmt_op[kind]] += changes;
}

uint64_t wl_changes(const struct workload *W, int t)
{
    return W->changes[t][0] + W->changes[t][1] + W->changes[t][2];
}

/* One statement on table t. */
static void wl_statement(struct workload *W, int t)
{
    struct e2e_rng *r = &W->rng;
    struct wl_keyset *ks = &W->keys[t];
    struct e2e_sb b = { 0 };
    const char *name = e2e_wl_table_names[t];
    uint64_t what = e2e_below(r, 100);
    if (ks->n < 5 || what < 30) {
        /* INSERT of 1..4 new rows */
        unsigned n = 1 + (unsigned)e2e_below(r, 4);
        struct wl_key k[4];
        e2e_sb_printf(&b, "INSERT INTO %s %s VALUES ", name, column_list(t));
        for (unsigned i = 0; i < n; i++) {
            do
                new_key(W, t, &k[i]);
            while ((i > 0 && key_eq(t, &k[i], &k[i - 1])) || (i > 1 && key_eq(t, &k[i], &k[0])) ||
                   (i > 2 && key_eq(t, &k[i], &k[1])));
            e2e_sb_puts(&b, i ? ", (" : "(");
            key_values(&b, t, &k[i]);
            row_values(W, &b, t);
            e2e_sb_puts(&b, ")");
        }
        wl_exec(W, t, S_INSERT, b.p);
        for (unsigned i = 0; i < n; i++)
            keys_add(ks, &k[i]);
    } else if (what < 55) {
        /* UPDATE of non-key columns (some to NULL) */
        const struct wl_key *k = some_key(W, t);
        e2e_sb_printf(&b, "UPDATE %s SET ", name);
        set_list(W, &b, t);
        where_key(&b, t, k);
        wl_exec(W, t, S_UPDATE, b.p);
    } else if (what < 68) {
        /* UPDATE changing the primary key (and maybe more) */
        struct wl_key old = *some_key(W, t), k;
        new_key(W, t, &k);
        if (t == WL_COMP && e2e_chance(r, 50))
            k.n = old.n;           /* only b changes */
        if (t == WL_COMP && keys_has(ks, t, &k))
            new_key(W, t, &k);
        if (t == WL_COMP) {
            e2e_sb_printf(&b, "UPDATE %s SET a = %llu, b = _utf8mb4 X'", name,
                      (unsigned long long)k.n);
            e2e_sb_hex(&b, (const unsigned char *)k.s, strlen(k.s));
            e2e_sb_puts(&b, "'");
        } else {
            e2e_sb_printf(&b, "UPDATE %s SET id = %llu", name, (unsigned long long)k.n);
        }
        if (e2e_chance(r, 50)) {
            e2e_sb_puts(&b, ", ");
            set_list(W, &b, t);
        }
        where_key(&b, t, &old);
        wl_exec(W, t, S_UPDATE, b.p);
        keys_remove(ks, t, &old);
        keys_add(ks, &k);
    } else if (what < 80) {
        /* DELETE of 1..3 rows */
        unsigned n = 1 + (unsigned)e2e_below(r, 3);
        for (unsigned i = 0; i < n && ks->n; i++) {
            struct wl_key k = *some_key(W, t);
            b.len = 0;
            e2e_sb_printf(&b, "DELETE FROM %s", name);
            where_key(&b, t, &k);
            wl_exec(W, t, S_DELETE, b.p);
            keys_remove(ks, t, &k);
        }
    } else if (what < 90) {
        /* REPLACE of an existing or a new row */
        struct wl_key k;
        bool existing = e2e_chance(r, 60);
        if (existing)
            k = *some_key(W, t);
        else
            new_key(W, t, &k);
        e2e_sb_printf(&b, "REPLACE INTO %s %s VALUES (", name, column_list(t));
        key_values(&b, t, &k);
        row_values(W, &b, t);
        e2e_sb_puts(&b, ")");
        wl_exec(W, t, existing ? S_REPLACE_EXISTING : S_REPLACE_NEW, b.p);
        if (!existing)
            keys_add(ks, &k);
    } else if (what >= 95 && t != WL_COMP) {
        /* a run of consecutive keys shifted by one, highest first: in the
         * one rows event, a row's new key is the old key of the next */
        struct wl_key k = *some_key(W, t), probe;
        uint64_t lo = k.n, hi = k.n;
        memset(&probe, 0, sizeof probe);
        for (probe.n = hi + 1; probe.n != 0 && keys_has(ks, t, &probe); probe.n++)
            hi = probe.n;
        if (hi == UINT64_MAX || (t == WL_ALL && hi >= INT32_MAX)) {
            free(b.p);
            return;
        }
        e2e_sb_printf(&b, "UPDATE %s SET id = id + 1 WHERE id BETWEEN %llu AND %llu ORDER BY id DESC",
                  name, (unsigned long long)lo, (unsigned long long)hi);
        wl_exec(W, t, S_UPDATE, b.p);
        for (uint64_t id = hi + 1; id-- > lo;) {
            probe.n = id;
            keys_remove(ks, t, &probe);
            probe.n = id + 1;
            keys_add(ks, &probe);
        }
    } else if (what >= 95) {
        /* every row of one value of a moves to a value of a nobody has */
        uint64_t from = some_key(W, t)->n, to;
        bool used;
        do {
            to = 1 + e2e_below(&W->rng, 1000);
            used = false;
            for (size_t i = 0; i < ks->n; i++)
                used |= ks->v[i].n == to;
        } while (used);
        e2e_sb_printf(&b, "UPDATE t_comp SET a = %llu WHERE a = %llu", (unsigned long long)to,
                  (unsigned long long)from);
        wl_exec(W, t, S_UPDATE, b.p);
        for (size_t i = 0; i < ks->n; i++)
            if (ks->v[i].n == from)
                ks->v[i].n = to;
    } else {
        /* one UPDATE of several rows (one rows event with several rows) */
        unsigned n = 2 + (unsigned)e2e_below(r, 6);
        e2e_sb_printf(&b, "UPDATE %s SET ", name);
        set_list(W, &b, t);
        e2e_sb_puts(&b, " WHERE ");
        for (unsigned i = 0; i < n; i++) {
            const struct wl_key *k = some_key(W, t);
            struct e2e_sb w = { 0 };
            where_key(&w, t, k);
            e2e_sb_printf(&b, "%s(%s)", i ? " OR " : "", w.p + 7);
            free(w.p);
        }
        wl_exec(W, t, S_UPDATE, b.p);
    }
    free(b.p);
}

static int random_table(struct workload *W)
{
    uint64_t x = e2e_below(&W->rng, 4);
    return x < 2 ? WL_ALL : x == 2 ? WL_COMP : WL_U;
}

static void txn_begin(struct workload *W)
{
    wl_exec(W, 0, S_OTHER, "BEGIN");
    W->in_txn = true;
    for (int t = 0; t < WL_NTABLES; t++)
        keys_copy(&W->saved[t], &W->keys[t]);
    memset(W->pending, 0, sizeof W->pending);
}

static void txn_end(struct workload *W, bool commit)
{
    wl_exec(W, 0, S_OTHER, commit ? "COMMIT" : "ROLLBACK");
    W->in_txn = false;
    for (int t = 0; t < WL_NTABLES; t++)
        for (int op = 0; op < 3; op++) {
            if (commit)
                W->changes[t][op] += W->pending[t][op];
            else if (op == 0)
                keys_copy(&W->keys[t], &W->saved[t]);
        }
    memset(W->pending, 0, sizeof W->pending);
    if (commit)
        W->commits++;
    else
        W->rollbacks++;
}

void wl_step(struct workload *W)
{
    uint64_t x = e2e_below(&W->rng, 200);
    if (x == 0) {
        /* TRUNCATE: no row events; the bridge removes the table's keys */
        wl_exec(W, WL_COMP, S_OTHER, "TRUNCATE TABLE t_comp");
        W->keys[WL_COMP].n = 0;
        W->truncates++;
        return;
    }
    x /= 2;
    if (x < 55) {
        wl_statement(W, random_table(W));
        return;
    }
    bool commit = x < 88;
    unsigned n = 2 + (unsigned)e2e_below(&W->rng, 5);
    txn_begin(W);
    for (unsigned i = 0; i < n; i++)
        wl_statement(W, i < 3 ? (int)i : random_table(W));   /* several tables */
    txn_end(W, commit);
}

void wl_steps(struct workload *W, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        wl_step(W);
    fflush(W->log);
}

/* INSERT or REPLACE of a t_lob row: a few MB of random bytes and text. */
static void lob_row(struct workload *W, const char *verb, unsigned id)
{
    struct e2e_rng *r = &W->rng;
    size_t n = (1u << 20) + (size_t)e2e_below(r, 2u << 20);
    unsigned char *bytes = malloc(n);
    cr_assert(bytes);
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = e2e_rand(r);
        memcpy(bytes + i, &x, n - i < 8 ? n - i : 8);
    }
    struct e2e_sb b = { 0 };
    e2e_sb_printf(&b, "%s INTO t_lob VALUES (%u, X'", verb, id);
    e2e_sb_hex(&b, bytes, n);
    e2e_sb_printf(&b, "', REPEAT(_utf8mb4 X'E282AC61F09F9880', %u))",
              100000 + (unsigned)e2e_below(r, 200000));
    if (mysql_real_query(W->m, b.p, (unsigned long)b.len) != 0)
        cr_assert_fail("t_lob %s failed (seed %llu): %s", verb, (unsigned long long)W->E->seed,
                       mysql_error(W->m));
    fprintf(W->log, "%s INTO t_lob VALUES (%u, <%zu random bytes>, <text>);\n", verb, id, n);
    free(bytes);
    free(b.p);
}

void wl_big(struct workload *W, unsigned rows, bool with_update)
{
    uint64_t base = W->next_big;
    W->next_big += 10000000;
    txn_begin(W);
    unsigned half = rows / 2;
    char q[512];
    snprintf(q, sizeof q,
             "INSERT INTO t_u (id, v, n) SELECT %llu + seq, CONCAT(REPEAT(CHAR(65 + seq %% 26), "
             "100 + seq %% 60), seq), seq FROM seq_1_to_%u", (unsigned long long)base, half);
    wl_exec(W, WL_U, S_INSERT, q);
    /* rows of a table that is not mirrored, in the middle */
    wl_exec(W, WL_U, S_OTHER, "INSERT INTO t_nopk SELECT seq, REPEAT('n', 90) FROM seq_1_to_1000");
    /* rows larger than the batch limit: one chunk each */
    for (int i = 0; i < 2; i++)
        lob_row(W, "REPLACE", 1 + (unsigned)e2e_below(&W->rng, 4));
    snprintf(q, sizeof q,
             "INSERT INTO t_u (id, v, n) SELECT %llu + seq, CONCAT(REPEAT(CHAR(65 + seq %% 26), "
             "100 + seq %% 60), seq), seq FROM seq_%u_to_%u", (unsigned long long)base, half + 1,
             rows);
    wl_exec(W, WL_U, S_INSERT, q);
    if (with_update) {
        snprintf(q, sizeof q, "UPDATE t_u SET n = -n, v = CONCAT('u', v) WHERE id > %llu AND "
                 "id <= %llu", (unsigned long long)base, (unsigned long long)(base + rows));
        wl_exec(W, WL_U, S_UPDATE, q);
    }
    /* and something in another table, in the same transaction */
    wl_statement(W, WL_ALL);
    txn_end(W, true);
    for (unsigned i = 1; i <= rows; i++) {
        struct wl_key k;
        memset(&k, 0, sizeof k);
        k.n = base + i;
        /* appended without the duplicate scan: the range is fresh */
        keys_add(&W->keys[WL_U], &k);
    }
    W->big++;
    fflush(W->log);
}

void wl_set_connection(struct workload *W, MYSQL *m)
{
    W->m = m;
    e2e_sql(m, "USE %s", W->E->db);
}

void wl_init(struct workload *W, struct e2e *E, MYSQL *m, uint64_t seed)
{
    memset(W, 0, sizeof *W);
    W->E = E;
    W->m = m;
    W->rng.s = seed;
    W->next_big = 1000000000000ULL;
    char path[700];
    snprintf(path, sizeof path, "%s/workload.sql", E->dir);
    W->log = fopen(path, "a");
    cr_assert(W->log, "cannot write %s", path);
    fprintf(W->log, "-- seed %llu\n", (unsigned long long)seed);
    e2e_sql(m, "USE %s", E->db);
    e2e_sql(m, "%s", t_all_ddl);
    e2e_sql(m, "%s", t_comp_ddl);
    e2e_sql(m, "%s", t_u_ddl);
    e2e_sql(m, "%s", t_lob_ddl);
    e2e_sql(m, "%s", t_nopk_ddl);
}

void wl_free(struct workload *W)
{
    for (int t = 0; t < WL_NTABLES; t++) {
        free(W->keys[t].v);
        free(W->saved[t].v);
    }
    if (W->log)
        fclose(W->log);
    memset(W, 0, sizeof *W);
}

/* ------------------------------------------------------------------ */
/* XA transactions                                                     */

static MYSQL *xa_conns[8];
static size_t xa_nconns;

void e2e_xa_xid(const struct e2e *E, const char *name, char *out, size_t size)
{
    char gtrid[160];
    snprintf(gtrid, sizeof gtrid, "%s-%s", E->db, name);
    struct e2e_sb b = { 0 };
    e2e_sb_puts(&b, "X'");
    e2e_sb_hex(&b, gtrid, strlen(gtrid));
    e2e_sb_puts(&b, "',X'',1");
    snprintf(out, size, "%s", b.p);
    free(b.p);
}

MYSQL *e2e_xa_connect(struct e2e *E)
{
    cr_assert_lt(xa_nconns, sizeof xa_conns / sizeof *xa_conns);
    MYSQL *m = e2e_sql_connect(&E->srv);
    e2e_sql(m, "USE %s", E->db);
    xa_conns[xa_nconns++] = m;
    return m;
}

void e2e_xa_prepare(struct e2e *E, MYSQL *m, const char *name, const char *stmts)
{
    e2e_sql(m, "XA START '%s-%s'", E->db, name);
    char *copy = strdup(stmts);
    cr_assert(copy);
    for (char *save, *s = strtok_r(copy, ";", &save); s; s = strtok_r(NULL, ";", &save))
        e2e_sql(m, "%s", s);
    free(copy);
    e2e_sql(m, "XA END '%s-%s'", E->db, name);
    e2e_sql(m, "XA PREPARE '%s-%s'", E->db, name);
}

void e2e_xa_cleanup(struct e2e *E)
{
    for (size_t i = 0; i < xa_nconns; i++)
        mysql_close(xa_conns[i]);
    xa_nconns = 0;
    if (!E->m || !E->db[0])
        return;
    /* A closed connection's prepared transaction can be rolled back by
     * another once the server has let go of it: try for a while. */
    MYSQL *m = e2e_sql_connect(&E->srv);
    size_t prefix = strlen(E->db);
    for (double until = e2e_now() + 10;; e2e_sleep_ms(100)) {
        char names[16][160];
        size_t n = 0;
        if (mysql_query(m, "XA RECOVER") == 0) {
            MYSQL_RES *res = mysql_store_result(m);
            MYSQL_ROW row;
            while (res && (row = mysql_fetch_row(res)) && n < 16)
                if (row[3] && strncmp(row[3], E->db, prefix) == 0 && row[3][prefix] == '-')
                    snprintf(names[n++], sizeof names[0], "%s", row[3]);
            if (res)
                mysql_free_result(res);
        }
        unsigned failed = 0;
        for (size_t i = 0; i < n; i++)
            failed += e2e_sql_try(m, "XA ROLLBACK '%s'", names[i]) != 0;
        if (!failed || e2e_now() > until)
            break;
    }
    mysql_close(m);
}
