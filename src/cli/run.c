/* run.c - `binbridge run` (the bridge) and `binbridge status` (where a
 * bridge has got to). */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sinks/sink.h"
#include "binbridge.h"
#include "bridge/bridge.h"
#include "bridge/metrics.h"
#include "service/http.h"
#include "mapping/checkpoint.h"
#include "cli/cli.h"
#include "mapping/config.h"
#include "base/error.h"
#include "base/log.h"
#include "bridge/server_checks.h"
#include "base/text_escape.h"
#include "base/url.h"
#include "mysql/server_conn.h"
#include "mysql/xa.h"

/* text, its lines after the first indented by indent. */
static void put_indented(FILE *f, const char *text, const char *indent)
{
    for (const char *h = text; *h; h++) {
        fputc(*h, f);
        if (*h == '\n')
            fputs(indent, f);
    }
}

/* Words, wrapped at 90 columns. */
static void put_wrapped(FILE *f, const char *text)
{
    size_t col = 0;
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, " \n");
        if (col && col + 1 + n > 90) {
            fputc('\n', f);
            col = 0;
        } else if (col) {
            fputc(' ', f);
            col++;
        }
        fwrite(p, 1, n, f);
        col += n;
        p += n;
        if (*p == '\n') {
            fputc('\n', f);
            col = 0;
        }
        if (*p)
            p++;
    }
    if (col)
        fputc('\n', f);
}

/* What the environment holds, for the help: the variables of the URLs
 * and of the passwords come from the registry's tables. */
static void print_environment(FILE *f, bool run)
{
    struct bb_config cfg;
    struct bb_buf b;
    char name[128];
    bb_buf_init(&b);
    if (sinks_config_init(&cfg) == 0) {
        bb_buf_printf(&b, "Environment: %s. Every option of a config file is also a variable: "
                      "BINBRIDGE_ and its name in upper case, '.' written '_' "
                      "(batch.rows: BINBRIDGE_BATCH_ROWS; a list comma-separated); the URLs are ",
                      run ? "a flag wins over the environment, which wins over the file"
                          : "as for run");
        bb_buf_puts(&b, config_env_name(&cfg, "source.url", name, sizeof name) ? name : "?");
        for (size_t k = 0; k < cfg.nsinks; k++) {
            char key[80];
            snprintf(key, sizeof key, "%s.url", cfg.sinks[k]->name);
            bb_buf_printf(&b, ", %s", config_env_name(&cfg, key, name, sizeof name) ? name : "?");
        }
        bb_buf_printf(&b, ", the file %s; the passwords BINBRIDGE_PASSWORD (the source)",
                      CONFIG_ENV_CONFIG);
        for (size_t k = 0; k < cfg.nsinks; k++)
            if (config_password_env_name(&cfg, cfg.sinks[k]->name, name, sizeof name))
                bb_buf_printf(&b, ", %s", name);
        bb_buf_puts(&b, ". Any of them as NAME_FILE: the path of a file holding the value "
                    "(a mounted secret).\n");
    }
    bb_config_destroy(&cfg);
    if (!b.oom && b.len)
        put_wrapped(f, b.data);
    bb_buf_destroy(&b);
}

/* The help of run and status: the sinks' parts come from the registry. */
static void print_usage(FILE *f, bool run)
{
    fprintf(f, "usage: binbridge %s [--config FILE] [--source URL]", run ? "run" : "status");
    for (size_t k = 0; k < sink_ntypes; k++)
        fprintf(f, " [--%s URL]", sink_types[k]->config.name);
    fputs(run ? " [options]\n" : "\n                        [--checkpoint NAME] [--max-lag SECONDS]\n", f);
    fputs("\n", f);
    if (run) {
        fputs("Keep ", f);
        for (size_t k = 0; k < sink_ntypes; k++)
            fprintf(f, "%s%s", k ? " and/or " : "", sink_types[k]->config.title);
        fputs(" in sync with a MySQL/MariaDB server. With no config file\n"
              "every table of every user schema is mirrored, in each sink given:\n", f);
        for (size_t k = 0; k < sink_ntypes; k++) {
            fputs("  ", f);
            put_indented(f, sink_types[k]->help_default, "  ");
            fputs(k + 1 < sink_ntypes ? ";\n" : ".\n", f);
        }
        fputs("\n"
              "  --config FILE           rules and options (libconfig syntax, see config/)\n"
              "  --source URL            mysql://user@host[:port]; the password from $BINBRIDGE_PASSWORD\n"
              "                          (or the variable source.password_env names); several, a primary\n"
              "                          and its replicas, separated by commas: URL,URL,...\n", f);
        for (size_t k = 0; k < sink_ntypes; k++) {
            char opt[64];
            snprintf(opt, sizeof opt, "--%s URL", sink_types[k]->config.name);
            fprintf(f, "  %-22s  ", opt);
            put_indented(f, sink_types[k]->help_url, "                          ");
            fputs("\n", f);
        }
        fputs("  --resume auto|gtid|position  how a checkpoint is resumed (default auto: by GTID where\n"
              "                          the source has GTIDs, else by binlog file and offset)\n"
              "  --start earliest|current|snapshot  where to begin when no checkpoint exists (default\n"
              "                          current; snapshot: load the tables' rows first, then follow)\n"
              "  --stop-at-end           apply everything up to the server's current end, save, exit 0\n"
              "  --checkpoint NAME       the checkpoint's name (several bridges into one sink)\n"
              "  --server-id N           the replica id to register as\n"
              "  --log-level LEVEL       debug, info, warn, error or off (default info)\n"
              "  --log-format FORMAT     text (default) or json (one object per line)\n"
              "  --http HOST:PORT        serve /metrics (Prometheus) and /health there, such as\n"
              "                          127.0.0.1:9108 (default: no HTTP listener)\n"
              "  --progress SECONDS      seconds between progress lines (0: none)\n"
              "\n", f);
    } else {
        fputs("Print the position a bridge has saved, the server's current position and the lag.\n"
              "Exit 0 when every sink has a checkpoint (and its lag is at most --max-lag), else 1\n"
              "with the reason on stderr: a health check.\n"
              "\n"
              "  --max-lag SECONDS       the most lag that is healthy (default: any)\n"
              "\n", f);
    }
    print_environment(f, run);
    fputs("\n", f);
    struct bb_buf b;
    bb_buf_init(&b);
    bb_buf_puts(&b, "Passwords: not on the command line, which every local user can read (ps, "
                "/proc/PID/cmdline), but in the environment (above), in the variables a config "
                "file names (source.password_env");
    for (size_t k = 0; k < sink_ntypes; k++)
        bb_buf_printf(&b, ", %s.password_env", sink_types[k]->config.name);
    bb_buf_puts(&b, "), or in the URLs of a config file only you can read. A password in a URL "
                "argument is overwritten with 'x's once read (it shows until then), and every "
                "message masks URL passwords (user:***@).\n");
    if (!b.oom)
        put_wrapped(f, b.data);
    bb_buf_destroy(&b);
}

enum {
    OPT_CONFIG = 1000, OPT_SOURCE, OPT_START, OPT_STOP_AT_END, OPT_CHECKPOINT, OPT_SERVER_ID,
    OPT_LOG_LEVEL, OPT_PROGRESS, OPT_LOG_FORMAT, OPT_HTTP, OPT_RESUME, OPT_HELP, OPT_VERSION,
    OPT_MAX_LAG,
    OPT_SINK = 1100,            /* + k: --<name of sink k> */
};

static const struct option fixed_options[] = {
    { "config", required_argument, NULL, OPT_CONFIG },
    { "source", required_argument, NULL, OPT_SOURCE },
    { "start", required_argument, NULL, OPT_START },
    { "stop-at-end", no_argument, NULL, OPT_STOP_AT_END },
    { "checkpoint", required_argument, NULL, OPT_CHECKPOINT },
    { "server-id", required_argument, NULL, OPT_SERVER_ID },
    { "log-level", required_argument, NULL, OPT_LOG_LEVEL },
    { "progress", required_argument, NULL, OPT_PROGRESS },
    { "log-format", required_argument, NULL, OPT_LOG_FORMAT },
    { "http", required_argument, NULL, OPT_HTTP },
    { "resume", required_argument, NULL, OPT_RESUME },
    { "max-lag", required_argument, NULL, OPT_MAX_LAG },      /* status only */
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
};
#define NFIXED (sizeof fixed_options / sizeof fixed_options[0])

/* What an option's value looks like, for "--x needs a value (...)". */
static const char *value_of(int code)
{
    if (code >= OPT_SINK && code < OPT_SINK + (int)sink_ntypes)
        return sink_types[code - OPT_SINK]->config.url_example;
    switch (code) {
    case OPT_CONFIG: return "the path of a libconfig file";
    case OPT_SOURCE: return "mysql://user@host[:port]";
    case OPT_START: return "earliest, current or snapshot";
    case OPT_CHECKPOINT: return "a name";
    case OPT_SERVER_ID: return "1..4294967295";
    case OPT_LOG_LEVEL: return "debug, info, warn, error or off";
    case OPT_PROGRESS: return "seconds, 0: none";
    case OPT_LOG_FORMAT: return "text or json";
    case OPT_HTTP: return "host:port, such as 127.0.0.1:9108";
    case OPT_RESUME: return "auto, gtid or position";
    case OPT_MAX_LAG: return "seconds";
    default: return "?";
    }
}

/* The flags that set an option of the configuration (the sinks' URLs
 * aside), with the option each sets. */
static const struct {
    int code;
    const char *option;
    bool run_only;              /* status has no use for it */
} setting_flags[] = {
    { OPT_CHECKPOINT, "checkpoint", false },
    { OPT_START, "source.start", true },
    { OPT_SERVER_ID, "source.server_id", true },
    { OPT_LOG_LEVEL, "log_level", true },
    { OPT_PROGRESS, "progress_interval", true },
    { OPT_LOG_FORMAT, "log_format", true },
    { OPT_HTTP, "http.listen", true },
    { OPT_RESUME, "source.resume", true },
    { OPT_SOURCE, "source.url", false },
};
#define NSETTING (sizeof setting_flags / sizeof setting_flags[0])

struct cli_settings {
    const char *config_path;
    const char *setting[NSETTING];      /* per setting_flags */
    const char *sink_url[SINKS_MAX];    /* --<name> URL, per registered sink */
    long long max_lag;                  /* status --max-lag: -1 when not given */
    bool stop_at_end;
};

/* The long name of option code. */
static const char *flag_name(int code)
{
    for (size_t i = 0; i < NFIXED; i++)
        if (fixed_options[i].val == code)
            return fixed_options[i].name;
    return "?";
}

/* Options shared by run and status: the fixed ones, and --<name> URL for
 * every registered sink. Returns 0, 1 for --help or --version (printed), or
 * -1. */
static int parse_args(int argc, char **argv, const char *cmd, bool run, struct cli_settings *s)
{
    memset(s, 0, sizeof *s);
    struct option options[NFIXED + SINKS_MAX + 1];
    memcpy(options, fixed_options, sizeof fixed_options);
    for (size_t k = 0; k < sink_ntypes; k++)
        options[NFIXED + k] = (struct option){ sink_types[k]->config.name, required_argument,
                                               NULL, OPT_SINK + (int)k };
    options[NFIXED + sink_ntypes] = (struct option){ NULL, 0, NULL, 0 };
    s->max_lag = -1;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hV", options, NULL)) != -1) {
        if (c >= OPT_SINK && c < OPT_SINK + (int)sink_ntypes) {
            if (cli_value_missing(cmd, sink_types[c - OPT_SINK]->config.name, optarg,
                                  value_of(c)))
                return -1;
            s->sink_url[c - OPT_SINK] = optarg;
            continue;
        }
        if (((c >= OPT_CONFIG && c <= OPT_RESUME) || c == OPT_MAX_LAG) &&
            c != OPT_STOP_AT_END && cli_value_missing(cmd, flag_name(c), optarg, value_of(c)))
            return -1;
        bool setting = false;
        for (size_t i = 0; i < NSETTING; i++) {
            if (setting_flags[i].code != c)
                continue;
            if (setting_flags[i].run_only && !run) {
                cli_error("%s: --%s is an option of run, not of %s", cmd, flag_name(c), cmd);
                return -1;
            }
            s->setting[i] = optarg;
            setting = true;
        }
        if (setting)
            continue;
        switch (c) {
        case OPT_CONFIG: s->config_path = optarg; break;
        case OPT_STOP_AT_END:
            if (!run) {
                cli_error("%s: --stop-at-end is an option of run, not of %s", cmd, cmd);
                return -1;
            }
            s->stop_at_end = true;
            break;
        case OPT_MAX_LAG: {
            if (run) {
                cli_error("%s: --max-lag is an option of status, not of %s", cmd, cmd);
                return -1;
            }
            char *end;
            errno = 0;
            long long v = strtoll(optarg, &end, 10);
            if (errno || *optarg == '\0' || *end != '\0' || v < 0 || v > 31536000) {
                cli_error("%s: --max-lag must be an integer between 0 and 31536000 (seconds), "
                          "got \"%s\"", cmd, optarg);
                return -1;
            }
            s->max_lag = v;
            break;
        }
        case 'h':
        case OPT_HELP:
            print_usage(stdout, run);
            cli_print_help("");
            return 1;
        case 'V':
        case OPT_VERSION:
            cli_print_version();
            return 1;
        default:
            cli_bad_option(cmd, argv, c, options, value_of);
            return -1;
        }
    }
    if (optind < argc) {
        cli_error("%s: unexpected argument '%s'", cmd, argv[optind]);
        return -1;
    }
    return 0;
}

/* The configuration: defaults, the file (--config, else
 * $BINBRIDGE_CONFIG), the environment, then the command line. */
static int build_config(const char *cmd, const struct cli_settings *s, struct bb_config *cfg,
                        struct bb_error *err)
{
    if (sinks_config_init(cfg) < 0)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    const char *path = s->config_path, *env_path = getenv(CONFIG_ENV_CONFIG);
    if (!path && env_path && *env_path) {
        /* a file that is not there says where its name came from */
        FILE *f = fopen(env_path, "r");
        if (!f)
            return bb_error_set(err, BB_ERR_USAGE, "%s: %s: cannot open: %s", CONFIG_ENV_CONFIG,
                                env_path, strerror(errno));
        fclose(f);
        path = env_path;
    }
    if (path && config_load_file(cfg, path, err) < 0)
        return err->code;
    if (config_load_env(cfg, err) < 0)
        return err->code;
    char flag[80];
    for (size_t i = 0; i < NSETTING; i++) {
        snprintf(flag, sizeof flag, "--%s", flag_name(setting_flags[i].code));
        if (s->setting[i] &&
            config_set_text(cfg, setting_flags[i].option, s->setting[i], flag, err) < 0) {
            bb_error_prefix(err, "%s", cmd);
            return err->code;
        }
    }
    /* --source (one server or several) replaces source.urls of the file
     * and the environment as well as source.url */
    if (s->setting[NSETTING - 1] && config_set_list(cfg, "source.urls", NULL, 0, "--source",
                                                    err) < 0)
        return err->code;
    for (size_t k = 0; k < sink_ntypes; k++) {
        char name[80];
        snprintf(name, sizeof name, "%s.url", sink_types[k]->config.name);
        snprintf(flag, sizeof flag, "--%s", sink_types[k]->config.name);
        if (s->sink_url[k] && config_set_text(cfg, name, s->sink_url[k], flag, err) < 0) {
            bb_error_prefix(err, "%s", cmd);
            return err->code;
        }
    }
    return config_validate(cfg, err);
}

/* The source connections: each URL, and when it holds no password the
 * environment's or the one of the variable the configuration names
 * (config_password). TLS: the configuration's source.ssl_* settings for
 * every URL, then each URL's own parameters over them, each on its own (a
 * URL's ?ssl-mode=DISABLED wins over source.ssl_mode; source.ssl_ca still
 * applies when the URL names no CA), so that every server of the list is
 * reached as its URL says. The settings' pointers are cfg's, which
 * outlives the options. *srvs is an array of *nsrv (free with
 * free_sources, also after a failure). */
static int source_options(const struct bb_config *cfg, struct bb_server_options **srvs,
                          size_t *nsrv, struct bb_error *err)
{
    enum bb_ssl_mode mode = BB_SSL_PREFERRED;
    if (cfg->ssl_mode && !bb_ssl_mode_parse(cfg->ssl_mode, &mode))
        return bb_error_set(err, BB_ERR_USAGE, "source.ssl_mode: \"%s\" is no mode", cfg->ssl_mode);
    char **urls;
    size_t n = config_source_urls(cfg, &urls);
    *nsrv = 0;
    *srvs = calloc(n ? n : 1, sizeof **srvs);
    if (!*srvs || (n && !urls)) {
        config_list_free(urls);
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    }
    const char *pw = config_password(cfg, "source");
    for (size_t i = 0; i < n; i++) {
        struct bb_server_options *srv = &(*srvs)[i];
        bb_server_options_init(srv);
        *nsrv = i + 1;
        srv->ssl_mode = mode;
        srv->ssl_ca = cfg->ssl_ca;
        srv->ssl_cert = cfg->ssl_cert;
        srv->ssl_key = cfg->ssl_key;
        if (bb_server_options_parse_url(srv, urls[i], err) < 0 ||
            bb_server_options_check(srv, err) < 0) {
            if (n > 1)
                bb_error_prefix(err, "source %zu of %zu", i + 1, n);
            else
                bb_error_prefix(err, "source");
            config_list_free(urls);
            return err->code;
        }
        if (pw && !url_has_password(urls[i]))
            srv->password = pw;
        if (cfg->server_id)
            srv->server_id = cfg->server_id;
    }
    config_list_free(urls);
    return 0;
}

static void free_sources(struct bb_server_options *srvs, size_t n)
{
    for (size_t i = 0; srvs && i < n; i++)
        bb_server_options_destroy(&srvs[i]);
    free(srvs);
}

/* What run and status start with: the command line, then the
 * configuration and the sources' server options built from it. Returns -1
 * to go on (cfg and srvs then to be freed by the caller), else the exit
 * status: help printed, or a usage error reported in one line. */
static int prepare(int argc, char **argv, const char *cmd, bool run, struct cli_settings *s,
                   struct bb_config *cfg, struct bb_server_options **srvs, size_t *nsrv)
{
    *srvs = NULL;
    *nsrv = 0;
    int rc = parse_args(argc, argv, cmd, run, s);
    if (rc != 0)
        return rc > 0 ? BB_EXIT_OK : BB_EXIT_USAGE;
    struct bb_error err = { 0 };
    rc = build_config(cmd, s, cfg, &err);
    /* The configuration has its own copies of the URLs: their passwords
     * leave the command line (ps, /proc/PID/cmdline) before anything
     * connects, as the mysql client does with -p. */
    url_scrub_args(argc, argv);
    if (rc < 0 || source_options(cfg, srvs, nsrv, &err) < 0) {
        cli_error("%s", err.msg);
        free_sources(*srvs, *nsrv);
        *srvs = NULL;
        *nsrv = 0;
        bb_config_destroy(cfg);
        return BB_EXIT_USAGE;
    }
    return -1;
}

static void warn_env(const char *msg, void *arg)
{
    (void)arg;
    log_warn("%s", msg);
}

static void on_signal(int sig)
{
    (void)sig;
    bridge_request_stop();
}

int cli_run(int argc, char **argv)
{
    struct cli_settings s;
    struct bb_config cfg;
    struct bb_server_options *srvs;
    size_t nsrv;
    int status = prepare(argc, argv, "run", true, &s, &cfg, &srvs, &nsrv);
    if (status >= 0)
        return status;
    struct bb_error err = { 0 };
    struct metrics *metrics = NULL;
    struct http_server *http = NULL;
    status = BB_EXIT_USAGE;
    enum bb_log_level level;
    if (!bb_log_parse_level(cfg.log_level, &level)) {
        /* config_validate checked it against the same names */
        cli_error("run: log level '%s' is unknown to the logger", cfg.log_level);
        goto done;
    }
    bb_log_set_level(level);
    config_env_warnings(&cfg, warn_env, NULL);
    enum bb_log_format format;
    if (!bb_log_parse_format(cfg.log_format, &format)) {
        cli_error("run: --log-format must be text or json, not '%s'", cfg.log_format);
        goto done;
    }
    bb_log_set_format(format);
    const struct bb_log_field started[] = { { .name = "version", .text = bb_version() } };
    log_info_with(started, 1, "binbridge %s starting", bb_version());

    /* The metrics exist whether or not they are served; the listener
     * starts before anything connects, so that a port in use is a usage
     * error at once. */
    metrics = metrics_new(&cfg, 0);
    if (!metrics) {
        cli_error("out of memory");
        status = BB_EXIT_FAILURE;
        goto done;
    }
    if (cfg.http_listen) {
        if (http_server_start(&http, cfg.http_listen, metrics, &err) < 0) {
            cli_error("%s", err.msg);
            status = err.code == BB_ERR_USAGE ? BB_EXIT_USAGE : BB_EXIT_FAILURE;
            goto done;
        }
        log_info("serving /metrics and /health on http://%s", cfg.http_listen);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (bridge_run_sources(&cfg, srvs, nsrv, s.stop_at_end, metrics, &err) < 0) {
        for (size_t i = 0; i < nsrv; i++)
            cli_password_hint(&err, srvs[i].password);
        log_error("%s", err.msg);
        status = err.code == BB_ERR_USAGE ? BB_EXIT_USAGE : BB_EXIT_FAILURE;
    } else {
        status = BB_EXIT_OK;
    }
done:
    http_server_stop(http);
    metrics_free(metrics);
    free_sources(srvs, nsrv);
    bb_config_destroy(&cfg);
    return status;
}

/* printf of one line that carries outside text (a checkpoint read back
 * from a sink, the server's file name and GTIDs): its control characters
 * escaped (text_escape.h), so that what a sink holds cannot drive the
 * terminal. fmt ends with the newline. */
static void print_line(const char *fmt, ...) BB_PRINTF(1, 2);
static void print_line(const char *fmt, ...)
{
    char *line = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&line, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    struct bb_buf b;
    bb_buf_init(&b);
    text_escape_append(&b, line, (size_t)n - 1);
    bb_buf_putc(&b, '\n');
    if (!b.oom)
        fwrite(b.data, 1, b.len, stdout);
    bb_buf_destroy(&b);
    free(line);
}

/* Returns the lag in seconds, or -1 when no checkpoint was found. */
static long print_checkpoint(const char *sink, const char *name, const struct checkpoint *cp,
                             bool found, const struct server_facts *facts)
{
    char pos[CHECKPOINT_FILE_MAX + 64];
    if (!found) {
        print_line("%s checkpoint %s: none saved yet\n", sink, name);
        return -1;
    }
    time_t t = (time_t)cp->commit_time;
    struct tm tm;
    char when[32] = "?";
    if (cp->commit_time && gmtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    print_line("%s checkpoint %s: %s%s%s%s%s, last applied transaction committed %s\n", sink,
               name, checkpoint_position_text(cp, pos, sizeof pos), cp->gtid[0] ? " (gtid " : "",
               cp->gtid, cp->gtid[0] ? ")" : "", cp->loading ? ", initial load in progress" : "",
               when);
    /* XA transactions prepared and not yet committed or rolled back: the
     * checkpoint keeps where their rows are, to apply them at XA COMMIT */
    const char *cursor = cp->xa_pending;
    char xid[XA_ID_TEXT_MAX], file[CHECKPOINT_FILE_MAX];
    uint64_t at, server;
    while (checkpoint_xa_next(&cursor, xid, sizeof xid, file, sizeof file, &at, &server)) {
        char of[40] = "";
        if (server)
            snprintf(of, sizeof of, " of server_id %llu", (unsigned long long)server);
        if (file[0])
            print_line("%s pending XA transaction %s: prepared at %s:%llu%s, applied at its XA "
                       "COMMIT\n", sink, xid, file, (unsigned long long)at, of);
        else
            print_line("%s pending XA transaction %s: prepared, no mirrored rows\n", sink, xid);
    }
    bool caught_up = strcmp(cp->file, facts->current_file) == 0 &&
                     cp->pos == facts->current_pos && cp->rows_done == 0;
    long lag = caught_up || !cp->commit_time ? 0 : (long)(time(NULL) - (time_t)cp->commit_time);
    if (lag < 0)
        lag = 0;
    print_line("%s lag: %ld s%s\n", sink, lag,
               caught_up ? " (caught up)" : " (since the last applied transaction was committed)");
    return lag;
}

int cli_status(int argc, char **argv)
{
    struct cli_settings s;
    struct bb_config cfg;
    struct bb_server_options *srvs;
    size_t nsrv;
    int status = prepare(argc, argv, "status", false, &s, &cfg, &srvs, &nsrv);
    if (status >= 0)
        return status;
    struct bb_error err = { 0 };
    int rc;
    /* Every configured sink, in the configuration's order (the registry's). */
    struct sink sinks[SINKS_MAX];
    bool open[SINKS_MAX] = { false }, found[SINKS_MAX] = { false };
    struct checkpoint *cps = calloc(SINKS_MAX, sizeof *cps);
    struct server_facts facts;
    status = BB_EXIT_FAILURE;
    config_env_warnings(&cfg, warn_env, NULL);
    if (!cps) {
        cli_error("out of memory");
        goto done;
    }
    for (size_t k = 0; k < cfg.nsinks && k < SINKS_MAX; k++) {
        if (!config_sink_url(&cfg, k))
            continue;
        if (sink_type_of(cfg.sinks[k])->open(&sinks[k], &cfg, k, &err) < 0) {
            cli_error("%s", err.msg);
            goto done;
        }
        open[k] = true;
        rc = sinks[k].ops->load_checkpoint(sinks[k].ctx, &cps[k], &err);
        if (rc < 0) {
            cli_error("%s", err.msg);
            goto done;
        }
        found[k] = rc > 0;
    }
    /* The first source that answers (each one tried, in order). */
    size_t at = 0;
    for (; at < nsrv; at++) {
        bb_error_clear(&err);
        if (server_current_position(&srvs[at], &facts, &err) == 0)
            break;
        cli_password_hint(&err, srvs[at].password);
        if (at + 1 < nsrv)
            fprintf(stderr, "binbridge: status: %s; trying the next source\n", err.msg);
    }
    if (at == nsrv) {
        cli_error("%s", err.msg);
        goto done;
    }
    char where[300];
    server_conn_describe(&srvs[at], where, sizeof where);
    print_line("server%s%s: %s:%llu%s%s%s\n", nsrv > 1 ? " " : "", nsrv > 1 ? where : "",
               facts.current_file, (unsigned long long)facts.current_pos,
               facts.gtid_current[0] ? " (gtid " : "", facts.gtid_current,
               facts.gtid_current[0] ? ")" : "");
    /* Healthy: every sink has a checkpoint, within --max-lag. The first
     * that is not says why on stderr (a container's health log). */
    status = BB_EXIT_OK;
    for (size_t k = 0; k < cfg.nsinks && k < SINKS_MAX; k++) {
        if (!open[k])
            continue;
        const char *sink = cfg.sinks[k]->name;
        long lag = print_checkpoint(sink, cfg.checkpoint_name, &cps[k], found[k], &facts);
        if (status != BB_EXIT_OK)
            continue;
        if (lag < 0) {
            cli_error("status: the %s sink has no checkpoint %s yet (no bridge has run, or it "
                      "has not connected)", sink, cfg.checkpoint_name);
            status = BB_EXIT_FAILURE;
        } else if (s.max_lag >= 0 && lag > s.max_lag) {
            cli_error("status: the %s sink is %ld s behind, more than --max-lag %lld", sink,
                      lag, s.max_lag);
            status = BB_EXIT_FAILURE;
        }
    }
done:
    for (size_t k = 0; k < cfg.nsinks && k < SINKS_MAX; k++)
        if (open[k])
            sinks[k].ops->close(sinks[k].ctx);
    free(cps);
    free_sources(srvs, nsrv);
    bb_config_destroy(&cfg);
    return status;
}
