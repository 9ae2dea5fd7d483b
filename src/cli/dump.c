/* dump.c - `binbridge dump`: print every event of binlog files or a
 * live server, as python-mysql-replication's dump() text or as JSON lines. */
#include <errno.h>
#include <signal.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "binbridge.h"
#include "base/buf.h"
#include "cli/cli.h"
#include "values/format_event.h"
#include "base/url.h"
#include "mapping/config.h"
#include "mysql/server_conn.h"

enum dump_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_NONE };

static const char dump_usage[] =
    "usage: binbridge dump (--file PATH... | --source mysql://user@host[:port]) [options]\n"
    "\n"
    "  --file PATH...          binlog or relay-log files, read in the order given\n"
    "  --source URL            a live server (default: $BINBRIDGE_SOURCE); the password from\n"
    "                          $BINBRIDGE_PASSWORD or the file $BINBRIDGE_PASSWORD_FILE names\n"
    "                          (one in the URL shows in ps until it is read and overwritten)\n"
    "  --format text|json|none text: dump() layout (default); json: one object per line;\n"
    "                          none: decode and render every value, print nothing\n"
    "  --start current|earliest  where to start on a server (default current)\n"
    "  --start-file FILE --start-pos N   start at FILE:N (on a server)\n"
    "  --start-gtid SET        start after a GTID set (MySQL uuid:1-5 or MariaDB 0-1-42)\n"
    "  --blocking              keep following the server (default: stop at its end)\n"
    "  --heartbeat SECONDS     heartbeat period, with --blocking\n"
    "  --server-id N           replica server id to register as\n"
    "  --only-events LIST      event names (WriteRowsEvent, WRITE_ROWS_EVENT or 30), comma-separated\n"
    "  --ignored-events LIST\n"
    "  --only-schemas LIST     --ignored-schemas LIST\n"
    "  --only-tables LIST      --ignored-tables LIST   (table or schema.table)\n"
    "  --no-verify-checksum    do not verify CRC32 checksums\n"
    "\n"
    "The text format is for reading: control characters and bytes that are not UTF-8 in\n"
    "names, statements and values print as \\e, \\n, \\t, \\r or \\xNN. --format json keeps\n"
    "every byte.\n";

/* Split a comma-separated list into a NULL-terminated array (strings point
 * into the copy `*storage`). */
static const char **split_list(const char *arg, char **storage)
{
    char *copy = strdup(arg);
    size_t n = 1;
    for (const char *p = arg; *p; p++)
        n += *p == ',';
    const char **list = calloc(n + 1, sizeof *list);
    if (!copy || !list) {
        free(copy);
        free(list);
        return NULL;
    }
    size_t i = 0;
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ","))
        if (*tok)
            list[i++] = tok;
    list[i] = NULL;
    *storage = copy;
    return list;
}

/* Mark the event types named in the list: protocol names, dump() class
 * names (which may cover several types) or numbers. */
static int parse_events(const char *arg, bool marks[256])
{
    char *copy = strdup(arg);
    if (!copy)
        return -1;
    int rc = 0;
    for (char *tok = strtok(copy, ","); tok && rc == 0; tok = strtok(NULL, ",")) {
        bool found = false;
        char *end;
        long code = strtol(tok, &end, 10);
        if (*tok && *end == '\0') {
            if (code >= 0 && code < 256) {
                marks[code] = true;
                found = true;
            }
        } else {
            for (int t = 0; t < 256; t++) {
                if (strcasecmp(tok, bb_event_type_name((uint8_t)t)) == 0 ||
                    strcasecmp(tok, bb_event_class_name((uint8_t)t)) == 0) {
                    if (strcmp(bb_event_type_name((uint8_t)t), "UNKNOWN_EVENT") == 0 && t != 0)
                        continue;
                    marks[t] = true;
                    found = true;
                }
            }
        }
        if (!found) {
            cli_error("dump: unknown event type '%s' in an event list", tok);
            rc = -1;
        }
    }
    free(copy);
    return rc;
}

/* Render every value of a rows event to text without printing it (the
 * `none` format: decoding cost without output cost). */
static int render_values(const struct bb_event *ev, struct bb_buf *scratch, struct bb_error *err)
{
    if (!bb_event_is_rows(ev) || !ev->rows.table)
        return 0;
    const struct bb_ev_rows *r = &ev->rows;
    for (uint32_t n = 0; n < r->nrows; n++) {
        for (int side = 0; side < 2; side++) {
            const struct bb_value *vals = side ? r->rows[n].after : r->rows[n].before;
            if (!vals)
                continue;
            for (uint32_t i = 0; i < r->ncols; i++) {
                if (vals[i].kind <= BB_VALUE_NULL)
                    continue;
                bb_buf_reset(scratch);
                if (bb_value_format_text(&vals[i], scratch, err) < 0)
                    return err->code;
            }
        }
    }
    return 0;
}

enum {
    OPT_FILE = 1000, OPT_SOURCE, OPT_FORMAT, OPT_START, OPT_START_FILE, OPT_START_POS,
    OPT_START_GTID, OPT_BLOCKING, OPT_HEARTBEAT, OPT_SERVER_ID, OPT_ONLY_EVENTS,
    OPT_IGNORED_EVENTS, OPT_ONLY_SCHEMAS, OPT_IGNORED_SCHEMAS, OPT_ONLY_TABLES,
    OPT_IGNORED_TABLES, OPT_NO_VERIFY, OPT_HELP, OPT_VERSION,
};

static const struct option dump_options[] = {
    { "file", required_argument, NULL, OPT_FILE },
    { "source", required_argument, NULL, OPT_SOURCE },
    { "format", required_argument, NULL, OPT_FORMAT },
    { "start", required_argument, NULL, OPT_START },
    { "start-file", required_argument, NULL, OPT_START_FILE },
    { "start-pos", required_argument, NULL, OPT_START_POS },
    { "start-gtid", required_argument, NULL, OPT_START_GTID },
    { "blocking", no_argument, NULL, OPT_BLOCKING },
    { "heartbeat", required_argument, NULL, OPT_HEARTBEAT },
    { "server-id", required_argument, NULL, OPT_SERVER_ID },
    { "only-events", required_argument, NULL, OPT_ONLY_EVENTS },
    { "ignored-events", required_argument, NULL, OPT_IGNORED_EVENTS },
    { "only-schemas", required_argument, NULL, OPT_ONLY_SCHEMAS },
    { "ignored-schemas", required_argument, NULL, OPT_IGNORED_SCHEMAS },
    { "only-tables", required_argument, NULL, OPT_ONLY_TABLES },
    { "ignored-tables", required_argument, NULL, OPT_IGNORED_TABLES },
    { "no-verify-checksum", no_argument, NULL, OPT_NO_VERIFY },
    { "help", no_argument, NULL, OPT_HELP },
    { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 },
};

/* What an option's value looks like, for "--x needs a value (...)". */
static const char *value_of(int code)
{
    switch (code) {
    case OPT_FILE: return "binlog file paths";
    case OPT_SOURCE: return "mysql://user@host[:port]";
    case OPT_FORMAT: return "text, json or none";
    case OPT_START: return "current or earliest";
    case OPT_START_FILE: return "a binlog file name";
    case OPT_START_POS: return "a binlog offset, 4 or more";
    case OPT_START_GTID: return "a GTID set, MariaDB 0-1-42 or MySQL uuid:1-5";
    case OPT_HEARTBEAT: return "seconds";
    case OPT_SERVER_ID: return "1..4294967295";
    case OPT_ONLY_EVENTS:
    case OPT_IGNORED_EVENTS: return "event names, comma-separated";
    case OPT_ONLY_SCHEMAS:
    case OPT_IGNORED_SCHEMAS: return "schema names, comma-separated";
    case OPT_ONLY_TABLES:
    case OPT_IGNORED_TABLES: return "table or schema.table names, comma-separated";
    default: return "?";
    }
}

/* The long name of option code. */
static const char *flag_name(int code)
{
    for (const struct option *o = dump_options; o->name; o++)
        if (o->val == code)
            return o->name;
    return "?";
}

/* The options that only a server has a use for. */
static bool server_only(int code)
{
    return code == OPT_START || code == OPT_START_FILE || code == OPT_START_POS ||
           code == OPT_START_GTID || code == OPT_BLOCKING || code == OPT_HEARTBEAT ||
           code == OPT_SERVER_ID;
}

/* A start GTID in either syntax, checked before anything connects: the
 * first ':' tells a MySQL set (uuid:1-5) from a MariaDB position (0-1-42),
 * as the server source does. */
static int check_start_gtid(const char *gtid, struct bb_error *err)
{
    struct bb_buf encoded;
    int rc;
    if (!strchr(gtid, ':')) {
        rc = server_gtid_check_mariadb(gtid, err);
    } else {
        bb_buf_init(&encoded);
        rc = server_gtid_encode_mysql(gtid, &encoded, err);
        bb_buf_destroy(&encoded);
    }
    if (rc < 0)
        bb_error_prefix(err, "dump: --start-gtid");
    if (rc == BB_ERR_USAGE) {
        size_t len = strlen(err->msg);
        snprintf(err->msg + len, sizeof err->msg - len, " (MariaDB: domain-server-sequence"
                 "[,...], e.g. 0-1-42; MySQL: uuid:N[-M][,...], e.g. "
                 "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5)");
    }
    return rc;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *s == '\0' || *end != '\0' || *s == '-')
        return false;
    *out = v;
    return true;
}

/* SIGTERM and SIGINT end the dump cleanly: what was read is printed and
 * the exit status is 0. As a container's PID 1 binbridge gets no default
 * action for SIGTERM, so without a handler `docker stop` waits for its
 * timeout and kills it. The stream the handler interrupts is set while
 * these signals are blocked. */
static struct bb_stream *volatile dump_stream;
static volatile sig_atomic_t dump_stopped;

static void on_stop_signal(int sig)
{
    (void)sig;
    dump_stopped = 1;
    bb_stream_interrupt(dump_stream);
}

static void set_dump_stream(struct bb_stream *s)
{
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigprocmask(SIG_BLOCK, &stop, &old);
    dump_stream = s;
    if (s && dump_stopped)
        bb_stream_interrupt(s);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
}

int cli_dump(int argc, char **argv)
{
    struct bb_stream_options opt;
    struct bb_server_options srv;
    struct bb_error err = { 0 };
    const char **files = NULL;
    size_t nfiles = 0;
    const char *source = NULL;
    enum dump_format format = FORMAT_TEXT;
    char *storage[4] = { NULL, NULL, NULL, NULL };
    const char **lists[4] = { NULL, NULL, NULL, NULL };
    int status = BB_EXIT_USAGE;
    struct bb_stream *stream = NULL;
    struct bb_buf out;
    bool start_pos_given = false;
    int first_server_only = 0, start_given[2] = { 0, 0 };
    char *env_source = NULL, *env_password = NULL;

    bb_stream_options_init(&opt);
    bb_server_options_init(&srv);
    bb_buf_init(&out);
    files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) {
        cli_error("dump: out of memory");
        return BB_EXIT_FAILURE;
    }

    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hV", dump_options, NULL)) != -1) {
        uint64_t n;
        const struct option *o = dump_options;
        while (o->name && o->val != c)
            o++;
        if (o->name && o->has_arg == required_argument &&
            cli_value_missing("dump", o->name, optarg, value_of(c)))
            goto done;
        if (server_only(c) && !first_server_only)
            first_server_only = c;
        if (c == OPT_START || c == OPT_START_FILE || c == OPT_START_GTID) {
            /* where to start: one way only */
            if (start_given[0] && start_given[0] != c) {
                cli_error("dump: --%s and --%s both say where to start: give one",
                          flag_name(start_given[0]), flag_name(c));
                goto done;
            }
            start_given[0] = c;
        }
        switch (c) {
        case OPT_FILE: files[nfiles++] = optarg; break;
        case OPT_SOURCE: source = optarg; break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                format = FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = FORMAT_JSON;
            else if (strcmp(optarg, "none") == 0)
                format = FORMAT_NONE;
            else {
                cli_error("dump: --format must be text, json or none, not '%s'", optarg);
                goto done;
            }
            break;
        case OPT_START:
            if (strcmp(optarg, "current") == 0)
                srv.start = BB_START_CURRENT;
            else if (strcmp(optarg, "earliest") == 0)
                srv.start = BB_START_EARLIEST;
            else {
                cli_error("dump: --start must be current or earliest, not '%s'", optarg);
                goto done;
            }
            break;
        case OPT_START_FILE:
            srv.start = BB_START_POSITION;
            srv.start_file = optarg;
            if (srv.start_pos == 0)
                srv.start_pos = 4;
            break;
        case OPT_START_POS:
            if (!parse_u64(optarg, &n) || n < 4 || n > UINT32_MAX) {
                cli_error("dump: --start-pos must be a binlog offset >= 4, not '%s'", optarg);
                goto done;
            }
            srv.start_pos = n;
            start_pos_given = true;
            break;
        case OPT_START_GTID:
            srv.start = BB_START_GTID;
            srv.start_gtid = optarg;
            break;
        case OPT_BLOCKING: srv.blocking = true; break;
        case OPT_HEARTBEAT: {
            char *end;
            double v = strtod(optarg, &end);
            if (*end || v < 0 || v > 4294967) {
                cli_error("dump: --heartbeat must be seconds between 0 and 4294967, not '%s'",
                          optarg);
                goto done;
            }
            srv.heartbeat_period = v;
            break;
        }
        case OPT_SERVER_ID:
            if (!parse_u64(optarg, &n) || n == 0 || n > UINT32_MAX) {
                cli_error("dump: --server-id must be 1..4294967295, not '%s'", optarg);
                goto done;
            }
            srv.server_id = (uint32_t)n;
            break;
        case OPT_ONLY_EVENTS:
            if (parse_events(optarg, opt.filter.only_events) < 0)
                goto done;
            opt.filter.only_events_set = true;
            break;
        case OPT_IGNORED_EVENTS:
            if (parse_events(optarg, opt.filter.ignored_events) < 0)
                goto done;
            break;
        case OPT_ONLY_SCHEMAS:
        case OPT_IGNORED_SCHEMAS:
        case OPT_ONLY_TABLES:
        case OPT_IGNORED_TABLES: {
            int k = c - OPT_ONLY_SCHEMAS;
            free(storage[k]);
            free(lists[k]);
            lists[k] = split_list(optarg, &storage[k]);
            if (!lists[k]) {
                cli_error("dump: out of memory");
                goto done;
            }
            break;
        }
        case OPT_NO_VERIFY: opt.verify_checksum = false; break;
        case 'h':
        case OPT_HELP:
            cli_print_help(dump_usage);
            status = BB_EXIT_OK;
            goto done;
        case 'V':
        case OPT_VERSION:
            cli_print_version();
            status = BB_EXIT_OK;
            goto done;
        default:
            cli_bad_option("dump", argv, c, dump_options, value_of);
            goto done;
        }
    }
    /* Paths after --file: getopt moved the non-option arguments to the end. */
    for (; optind < argc; optind++) {
        if (nfiles == 0) {
            cli_error("dump: unexpected argument '%s' (paths follow --file)", argv[optind]);
            goto done;
        }
        files[nfiles++] = argv[optind];
    }
    opt.filter.only_schemas = lists[0];
    opt.filter.ignored_schemas = lists[1];
    opt.filter.only_tables = lists[2];
    opt.filter.ignored_tables = lists[3];

    if (nfiles > 0 && first_server_only) {
        cli_error("dump: --%s applies to a live server (--source), not to --file",
                  flag_name(first_server_only));
        goto done;
    }
    if (srv.heartbeat_period > 0 && !srv.blocking) {
        cli_error("dump: --heartbeat applies with --blocking (without it dump stops at the "
                  "server's end)");
        goto done;
    }
    if (srv.start == BB_START_GTID && check_start_gtid(srv.start_gtid, &err) < 0) {
        cli_error("%s", err.msg);
        goto done;
    }
    if (nfiles == 0 && !source) {
        /* The environment, as for run: BINBRIDGE_SOURCE (or its _FILE) */
        char label[BB_ERROR_MSG_MAX / 2];
        if (config_env_read(CONFIG_ENV_PREFIX "SOURCE", &env_source, label, sizeof label,
                            &err) < 0) {
            cli_error("dump: %s", err.msg);
            goto done;
        }
        source = env_source;
    }
    if ((nfiles > 0) == (source != NULL)) {
        cli_error("dump: give either --file PATH... or --source URL (or $BINBRIDGE_SOURCE)");
        goto done;
    }
    if (source) {
        int prc = bb_server_options_parse_url(&srv, source, &err);
        if (prc == 0)
            prc = bb_server_options_check(&srv, &err);
        /* The options have their own copy of the URL: its password leaves
         * the command line (ps, /proc/PID/cmdline) before anything
         * connects, as the mysql client does with -p. */
        url_scrub_args(argc, argv);
        if (prc < 0) {
            cli_error("dump: --source: %s", err.msg);
            goto done;
        }
        if (start_pos_given && srv.start != BB_START_POSITION) {
            cli_error("dump: --start-pos needs --start-file");
            goto done;
        }
        /* No password in the URL: BINBRIDGE_PASSWORD (which the URL parser
         * read already) or the file BINBRIDGE_PASSWORD_FILE names. */
        char label[BB_ERROR_MSG_MAX / 2];
        if (!url_has_password(source) &&
            config_env_read(CONFIG_ENV_PREFIX "PASSWORD", &env_password, label, sizeof label,
                            &err) < 0) {
            cli_error("dump: %s", err.msg);
            goto done;
        }
        if (env_password)
            srv.password = env_password;
        catch_stop_signals();
        if (bb_stream_open_server(&stream, &srv, &opt, &err) < 0) {
            cli_password_hint(&err, srv.password);
            cli_error("%s", err.msg);
            status = err.code == BB_ERR_USAGE ? BB_EXIT_USAGE : BB_EXIT_FAILURE;
            goto done;
        }
    } else {
        status = BB_EXIT_FAILURE;
        catch_stop_signals();
        if (bb_stream_open_files(&stream, files, nfiles, &opt, &err) < 0) {
            cli_error("%s", err.msg);
            goto done;
        }
    }

    set_dump_stream(stream);
    /* Following a server, what is read is written as soon as the stream
     * has nothing more waiting (a reader of the output, `docker logs`,
     * sees each event now, not 64 KiB later), and in 64 KiB writes while
     * there is a backlog. */
    bool follow = source && srv.blocking;
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(stream, &ev, &err)) > 0) {
        int frc = 0;
        if (format == FORMAT_TEXT)
            frc = format_event_text(ev, &out, &err);
        else if (format == FORMAT_JSON)
            frc = format_event_json(ev, &out, &err);
        else
            frc = render_values(ev, &out, &err);
        if (frc < 0) {
            /* A value the decoder kept as bytes (JSON) failed to render:
             * say which event, as decoding errors do. */
            bb_error_prefix(&err, "%s%s at offset %llu in %s", bb_event_type_name(ev->type),
                            ev->in_payload ? " inside TRANSACTION_PAYLOAD_EVENT" : "",
                            (unsigned long long)ev->pos, ev->log_file ? ev->log_file : "?");
            rc = frc;
            break;
        }
        if (format == FORMAT_NONE) {
            bb_buf_reset(&out);
        } else if (out.len >= 1 << 16 || (follow && out.len && bb_stream_caught_up(stream))) {
            if (fwrite(out.data, 1, out.len, stdout) != out.len ||
                (follow && fflush(stdout) != 0)) {
                bb_error_set(&err, BB_ERR_IO, "writing the output: %s", strerror(errno));
                rc = BB_ERR_IO;
                break;
            }
            bb_buf_reset(&out);
        }
    }
    /* Everything decoded before a failure is printed before the error. */
    if (format != FORMAT_NONE && out.len && fwrite(out.data, 1, out.len, stdout) != out.len &&
        rc >= 0) {
        bb_error_set(&err, BB_ERR_IO, "writing the output: %s", strerror(errno));
        rc = BB_ERR_IO;
    }
    if (fflush(stdout) != 0 && rc >= 0) {
        bb_error_set(&err, BB_ERR_IO, "writing the output: %s", strerror(errno));
        rc = BB_ERR_IO;
    }
    if (rc < 0) {
        cli_error("%s", err.msg);
        status = BB_EXIT_FAILURE;
    } else {
        status = BB_EXIT_OK;
    }

done:
    set_dump_stream(NULL);
    bb_stream_close(stream);
    bb_server_options_destroy(&srv);
    config_secret_free(env_source);
    config_secret_free(env_password);
    bb_buf_destroy(&out);
    for (int i = 0; i < 4; i++) {
        free(storage[i]);
        free(lists[i]);
    }
    free(files);
    return status;
}
