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
#include "mapping/checkpoint.h"
#include "cli/cli.h"
#include "mapping/config.h"
#include "base/error.h"
#include "base/log.h"
#include "bridge/server_checks.h"
#include "base/text_escape.h"
#include "base/url.h"
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

/* The help of run and status: the sinks' parts come from the registry. */
static void print_usage(FILE *f, bool run)
{
    fprintf(f, "usage: binbridge %s [--config FILE] [--source URL]", run ? "run" : "status");
    for (size_t k = 0; k < sink_ntypes; k++)
        fprintf(f, " [--%s URL]", sink_types[k]->config.name);
    fputs(run ? " [options]\n" : "\n                        [--checkpoint NAME]\n", f);
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
              "                          (or the variable source.password_env names)\n", f);
        for (size_t k = 0; k < sink_ntypes; k++) {
            char opt[64];
            snprintf(opt, sizeof opt, "--%s URL", sink_types[k]->config.name);
            fprintf(f, "  %-22s  ", opt);
            put_indented(f, sink_types[k]->help_url, "                          ");
            fputs("\n", f);
        }
        fputs("  --start earliest|current|snapshot  where to begin when no checkpoint exists (default\n"
              "                          current; snapshot: load the tables' rows first, then follow)\n"
              "  --stop-at-end           apply everything up to the server's current end, save, exit 0\n"
              "  --checkpoint NAME       the checkpoint's name (several bridges into one sink)\n"
              "  --server-id N           the replica id to register as\n"
              "  --log-level LEVEL       debug, info, warn, error\n"
              "  --progress SECONDS      seconds between progress lines (0: none)\n"
              "\n", f);
    } else {
        fputs("Print the position a bridge has saved, the server's current position and the lag.\n"
              "\n", f);
    }
    fputs("Passwords: not on the command line, which every local user can read (ps,\n"
          "/proc/PID/cmdline): the source's in $BINBRIDGE_PASSWORD, the sinks' in the\n"
          "variables a config file names (", f);
    for (size_t k = 0; k < sink_ntypes; k++)
        fprintf(f, "%s%s.password_env", k ? ", " : "", sink_types[k]->config.name);
    fputs("), or the URLs in\n"
          "a config file only you can read. A password in a URL argument is overwritten with 'x's\n"
          "once read (it shows until then), and every message masks URL passwords (user:***@).\n",
          f);
}

enum {
    OPT_CONFIG = 1000, OPT_SOURCE, OPT_START, OPT_STOP_AT_END, OPT_CHECKPOINT, OPT_SERVER_ID,
    OPT_LOG_LEVEL, OPT_PROGRESS, OPT_HELP, OPT_VERSION,
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
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
};
#define NFIXED (sizeof fixed_options / sizeof fixed_options[0])

struct cli_settings {
    const char *config_path;
    const char *source, *start, *checkpoint, *log_level;
    const char *sink_url[SINKS_MAX];    /* --<name> URL, per registered sink */
    long long server_id, progress;
    bool stop_at_end;
};

static bool parse_count(const char *s, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *s == '\0' || *end != '\0' || v < 0 || v > max)
        return false;
    *out = v;
    return true;
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
    s->server_id = -1;
    s->progress = -1;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "hV", options, NULL)) != -1) {
        if (c >= OPT_SINK && c < OPT_SINK + (int)sink_ntypes) {
            s->sink_url[c - OPT_SINK] = optarg;
            continue;
        }
        switch (c) {
        case OPT_CONFIG: s->config_path = optarg; break;
        case OPT_SOURCE: s->source = optarg; break;
        case OPT_START: s->start = optarg; break;
        case OPT_STOP_AT_END: s->stop_at_end = true; break;
        case OPT_CHECKPOINT: s->checkpoint = optarg; break;
        case OPT_LOG_LEVEL: s->log_level = optarg; break;
        case OPT_SERVER_ID:
            if (!parse_count(optarg, UINT32_MAX, &s->server_id) || s->server_id == 0) {
                cli_error("%s: --server-id must be 1..4294967295, not '%s'", cmd, optarg);
                return -1;
            }
            break;
        case OPT_PROGRESS:
            if (!parse_count(optarg, 86400, &s->progress)) {
                cli_error("%s: --progress must be seconds between 0 and 86400, not '%s'", cmd,
                          optarg);
                return -1;
            }
            break;
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
            cli_bad_option(cmd, argv);
            return -1;
        }
    }
    if (optind < argc) {
        cli_error("%s: unexpected argument '%s'", cmd, argv[optind]);
        return -1;
    }
    return 0;
}

/* The configuration: defaults, the file, then the command line. */
static int build_config(const struct cli_settings *s, struct bb_config *cfg, struct bb_error *err)
{
    if (sinks_config_init(cfg) < 0)
        return bb_error_set(err, BB_ERR_NOMEM, "out of memory");
    if (s->config_path && config_load_file(cfg, s->config_path, err) < 0)
        return err->code;
    if (s->source && config_set_string(&cfg->source_url, s->source, err) < 0)
        return err->code;
    for (size_t k = 0; k < sink_ntypes; k++) {
        char name[80];
        snprintf(name, sizeof name, "%s.url", sink_types[k]->config.name);
        if (s->sink_url[k] && config_set(cfg, name, s->sink_url[k], err) < 0)
            return err->code;
    }
    if (s->checkpoint && config_set_string(&cfg->checkpoint_name, s->checkpoint, err) < 0)
        return err->code;
    if (s->log_level && config_set_string(&cfg->log_level, s->log_level, err) < 0)
        return err->code;
    if (s->start) {
        if (strcmp(s->start, "earliest") == 0)
            cfg->start = START_EARLIEST;
        else if (strcmp(s->start, "current") == 0)
            cfg->start = START_CURRENT;
        else if (strcmp(s->start, "snapshot") == 0)
            cfg->start = START_SNAPSHOT;
        else
            return bb_error_set(err, BB_ERR_USAGE,
                                "--start must be earliest, current or snapshot, not '%s'", s->start);
    }
    if (s->server_id > 0)
        cfg->server_id = (uint32_t)s->server_id;
    if (s->progress >= 0)
        cfg->progress_interval = (uint32_t)s->progress;
    return config_validate(cfg, err);
}

/* The source connection: the URL, and the password from the variable the
 * configuration names (the URL parser itself falls back on
 * $BINBRIDGE_PASSWORD). */
static int source_options(const struct bb_config *cfg, struct bb_server_options *srv,
                          struct bb_error *err)
{
    bb_server_options_init(srv);
    if (bb_server_options_parse_url(srv, cfg->source_url, err) < 0) {
        bb_error_prefix(err, "source");
        return err->code;
    }
    if (cfg->source_password_env && !srv->password) {
        const char *pw = getenv(cfg->source_password_env);
        if (!pw)
            return bb_error_set(err, BB_ERR_USAGE, "source: the password variable $%s is not set",
                                cfg->source_password_env);
        srv->password = pw;
    }
    if (cfg->server_id)
        srv->server_id = cfg->server_id;
    return 0;
}

/* What run and status start with: the command line, then the
 * configuration and the source's server options built from it. Returns -1
 * to go on (cfg and srv then to be destroyed by the caller), else the exit
 * status: help printed, or a usage error reported in one line. */
static int prepare(int argc, char **argv, const char *cmd, bool run, struct cli_settings *s,
                   struct bb_config *cfg, struct bb_server_options *srv)
{
    int rc = parse_args(argc, argv, cmd, run, s);
    if (rc != 0)
        return rc > 0 ? BB_EXIT_OK : BB_EXIT_USAGE;
    struct bb_error err = { 0 };
    bb_server_options_init(srv);
    rc = build_config(s, cfg, &err);
    /* The configuration has its own copies of the URLs: their passwords
     * leave the command line (ps, /proc/PID/cmdline) before anything
     * connects, as the mysql client does with -p. */
    url_scrub_args(argc, argv);
    if (rc < 0 || source_options(cfg, srv, &err) < 0) {
        cli_error("%s", err.msg);
        bb_server_options_destroy(srv);
        bb_config_destroy(cfg);
        return BB_EXIT_USAGE;
    }
    return -1;
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
    struct bb_server_options srv;
    int status = prepare(argc, argv, "run", true, &s, &cfg, &srv);
    if (status >= 0)
        return status;
    struct bb_error err = { 0 };
    status = BB_EXIT_USAGE;
    enum bb_log_level level;
    if (!bb_log_parse_level(cfg.log_level, &level)) {
        cli_error("run: log level must be debug, info, warn or error, not '%s'", cfg.log_level);
        goto done;
    }
    bb_log_set_level(level);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (bridge_run(&cfg, &srv, s.stop_at_end, &err) < 0) {
        log_error("%s", err.msg);
        status = err.code == BB_ERR_USAGE ? BB_EXIT_USAGE : BB_EXIT_FAILURE;
    } else {
        status = BB_EXIT_OK;
    }
done:
    bb_server_options_destroy(&srv);
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

static void print_checkpoint(const char *sink, const char *name, const struct checkpoint *cp,
                             bool found, const struct server_facts *facts)
{
    char pos[CHECKPOINT_FILE_MAX + 64];
    if (!found) {
        print_line("%s checkpoint %s: none saved yet\n", sink, name);
        return;
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
    uint64_t at;
    while (checkpoint_xa_next(&cursor, xid, sizeof xid, file, sizeof file, &at)) {
        if (file[0])
            print_line("%s pending XA transaction %s: prepared at %s:%llu, applied at its XA "
                       "COMMIT\n", sink, xid, file, (unsigned long long)at);
        else
            print_line("%s pending XA transaction %s: prepared, no mirrored rows\n", sink, xid);
    }
    bool caught_up = strcmp(cp->file, facts->current_file) == 0 &&
                     cp->pos == facts->current_pos && cp->rows_done == 0;
    long lag = caught_up || !cp->commit_time ? 0 : (long)(time(NULL) - (time_t)cp->commit_time);
    print_line("%s lag: %ld s%s\n", sink, lag < 0 ? 0 : lag,
               caught_up ? " (caught up)" : " (since the last applied transaction was committed)");
}

int cli_status(int argc, char **argv)
{
    struct cli_settings s;
    struct bb_config cfg;
    struct bb_server_options srv;
    int status = prepare(argc, argv, "status", false, &s, &cfg, &srv);
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
    if (server_current_position(&srv, &facts, &err) < 0) {
        cli_error("%s", err.msg);
        goto done;
    }
    print_line("server: %s:%llu%s%s%s\n", facts.current_file,
               (unsigned long long)facts.current_pos, facts.gtid_current[0] ? " (gtid " : "",
               facts.gtid_current, facts.gtid_current[0] ? ")" : "");
    for (size_t k = 0; k < cfg.nsinks && k < SINKS_MAX; k++)
        if (open[k])
            print_checkpoint(cfg.sinks[k]->name, cfg.checkpoint_name, &cps[k], found[k], &facts);
    status = BB_EXIT_OK;
done:
    for (size_t k = 0; k < cfg.nsinks && k < SINKS_MAX; k++)
        if (open[k])
            sinks[k].ops->close(sinks[k].ctx);
    free(cps);
    bb_server_options_destroy(&srv);
    bb_config_destroy(&cfg);
    return status;
}
