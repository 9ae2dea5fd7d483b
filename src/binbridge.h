/* binbridge.h - the binlog reader library: the one public header.
 *
 * Read the MySQL / MariaDB binary log from a live server (as a replica) or
 * from binlog and relay-log files, and get every event with its fields and
 * every row value decoded exactly.
 *
 *     struct bb_error err = {0};
 *     struct bb_stream *s;
 *     const char *files[] = { "mysql-bin.000001" };
 *     if (bb_stream_open_files(&s, files, 1, NULL, &err) < 0) { puts(err.msg); return 1; }
 *     const struct bb_event *ev;
 *     struct bb_buf text; bb_buf_init(&text);
 *     while (bb_stream_next(s, &ev, &err) > 0) {
 *         if (!bb_event_is_rows(ev)) continue;
 *         for (uint32_t r = 0; r < ev->rows.nrows; r++)
 *             for (uint32_t c = 0; c < ev->rows.table->ncols; c++) {
 *                 bb_buf_reset(&text);
 *                 bb_value_format_text(&ev->rows.rows[r].after[c], &text, &err);
 *                 printf("%s = %s\n", ev->rows.table->cols[c].name, text.data);
 *             }
 *     }
 *     if (err.code) fprintf(stderr, "%s\n", err.msg);
 *     bb_stream_close(s);
 *
 * A very large rows event may come in several deliveries, each with the
 * next rows of the same event (struct bb_ev_rows: first_row, more_rows);
 * a loop over each delivery's rows, as above, sees every row once.
 *
 * Conventions: functions return 0 (or a count) on success and a negative
 * BB_ERR_* code on failure, filling the struct bb_error passed last. Pointers
 * inside an event (strings, rows, values) stay valid until the next call to
 * bb_stream_next() or bb_stream_close() on the same stream; copy what you keep.
 *
 * Event type codes and column type codes are the protocol's own numbers, as
 * named in MariaDB Connector/C's <mariadb_rpl.h> (enum mariadb_rpl_event) and
 * <mariadb_com.h> (enum enum_field_types); this header adds the few that
 * Connector/C does not name (BB_*).
 */
#ifndef BINBRIDGE_H
#define BINBRIDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mysql.h>
#include <mariadb_rpl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Version                                                             */

/* The version of this header, MAJOR.MINOR.PATCH under semantic
 * versioning: before 1.0, a MINOR step may change the API. These three
 * lines are the one place the version is written: the Makefile reads them
 * for binbridge.pc, and `binbridge --version` prints bb_version(). */
#define BB_VERSION_MAJOR 0
#define BB_VERSION_MINOR 2
#define BB_VERSION_PATCH 0
/* For #if: 10000 * MAJOR + 100 * MINOR + PATCH (1.2.3 is 10203). */
#define BB_VERSION_NUMBER (BB_VERSION_MAJOR * 10000 + BB_VERSION_MINOR * 100 + BB_VERSION_PATCH)
#define BB_VERSION_STR_(x) #x
#define BB_VERSION_STR(x) BB_VERSION_STR_(x)
/* The same as text: "MAJOR.MINOR.PATCH". */
#define BB_VERSION                                                            \
    BB_VERSION_STR(BB_VERSION_MAJOR) "." BB_VERSION_STR(BB_VERSION_MINOR) "." \
    BB_VERSION_STR(BB_VERSION_PATCH)

/* The version of the library linked in, BB_VERSION as it was when the
 * library was built (a static string). A program compiled with one header
 * and linked with another library can compare the two. */
const char *bb_version(void);

/* ------------------------------------------------------------------ */
/* Protocol numbers Connector/C does not name.                         */

/* MySQL event types added after Connector/C's list. */
#define BB_TRANSACTION_PAYLOAD_EVENT 40
#define BB_HEARTBEAT_LOG_EVENT_V2    41
#define BB_GTID_TAGGED_LOG_EVENT     42
/* MariaDB 11.x: a fragment of a row event too large for one event. */
#define BB_PARTIAL_ROW_DATA_EVENT    172

/* Column types Connector/C does not name: MySQL 9.0 VECTOR, MySQL 8's
 * TYPED_ARRAY (hidden columns of multi-valued indexes, never decodable) and
 * MariaDB 10.3+'s COMPRESSED BLOB/TEXT and VARCHAR columns. */
#define BB_TYPE_VECTOR 242
#define BB_TYPE_TYPED_ARRAY 20
#define BB_TYPE_BLOB_COMPRESSED 140
#define BB_TYPE_VARCHAR_COMPRESSED 141

/* TABLE_MAP optional metadata fields beyond Connector/C's
 * enum opt_metadata_field_type (MySQL 8.0.23+ / 9.0). */
#define BB_OPTMETA_COLUMN_VISIBILITY      12
#define BB_OPTMETA_VECTOR_DIMENSIONALITY  13

/* ------------------------------------------------------------------ */
/* Errors                                                              */

#define BB_ERROR_MSG_MAX 512

/* What went wrong, for callers to test: `code` says what kind of failure it
 * was (one of these), `server_errno` which error the MySQL / MariaDB server
 * (or its client library) reported, when one did. */
enum bb_error_code {
    BB_OK = 0,
    BB_ERR_CORRUPT = -1,     /* input bytes are malformed or truncated */
    BB_ERR_IO = -2,          /* file or network I/O failed */
    BB_ERR_NOMEM = -3,       /* allocation failed */
    BB_ERR_UNSUPPORTED = -4, /* valid input we cannot read (encryption, v1/v3 binlogs) */
    BB_ERR_USAGE = -5,       /* bad argument or configuration */
    BB_ERR_SERVER = -6,      /* the server refused or reported an error */
    BB_ERR_LIMIT = -7,       /* a configured size limit was exceeded */
    BB_ERR_AGAIN = -8,       /* refused for now (a store out of memory, read-only during a
                                failover): nothing was applied, the same call may be made
                                again later */
};

/* One-line message; the first error set wins (its code, server error number
 * and message stay together). Zero-initialise before use.
 *
 * server_errno is the error number mysql_errno() gave when the failure came
 * from a MySQL / MariaDB connection, 0 when none did: the server's own
 * numbers (<mysqld_error.h>: 1146 ER_NO_SUCH_TABLE, 1054 ER_BAD_FIELD_ERROR,
 * 1412 ER_TABLE_DEF_CHANGED, 1045 ER_ACCESS_DENIED_ERROR, 1227
 * ER_SPECIFIC_ACCESS_DENIED_ERROR, 1236 the binlog cannot be read from
 * there, ...) or the client library's (2000-2999, <errmsg.h>: the server
 * could not be reached, the connection was lost). With it, `code` is
 * BB_ERR_IO when the connection failed or the server said it is going away
 * (retrying later may succeed), else BB_ERR_SERVER. A table the server does
 * not list in information_schema is reported as the server reports a
 * SELECT from it: BB_ERR_SERVER with ER_NO_SUCH_TABLE. Test the numbers,
 * never the message text: the text is for people and may change.
 *
 * ABI: server_errno was added after msg, so code and msg keep their
 * offsets, but the struct grew by an int: a program built against a
 * binbridge.h without server_errno must be rebuilt (its zero-initialised
 * struct bb_error is too small for this library). */
struct bb_error {
    int code; /* 0 when no error is set */
    char msg[BB_ERROR_MSG_MAX];
    int server_errno; /* MySQL / MariaDB error number, 0 when none */
};

/* ------------------------------------------------------------------ */
/* Growable buffer (used to render values)                             */

struct bb_buf {
    char *data; /* NUL-terminated when cap > 0 */
    size_t len;
    size_t cap;
    bool oom;   /* set when an append could not allocate; later appends are ignored */
};

void bb_buf_init(struct bb_buf *b);
void bb_buf_destroy(struct bb_buf *b);
static inline void bb_buf_reset(struct bb_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = '\0';
}

/* ------------------------------------------------------------------ */
/* Tables (from TABLE_MAP events)                                      */

struct bb_column {
    const char *name;     /* UTF-8; NULL when neither the event nor the schema gave names */
    uint8_t type;         /* binlog type (enum enum_field_types), with the STRING
                             wrapper resolved: ENUM and SET columns say MYSQL_TYPE_ENUM
                             / MYSQL_TYPE_SET here */
    uint16_t meta;        /* the raw TABLE_MAP metadata word of this column */
    bool nullable;
    bool is_unsigned;     /* from SIGNEDNESS metadata or the schema (false if unknown) */
    bool signedness_known;
    bool visible;         /* false for INVISIBLE columns (MySQL COLUMN_VISIBILITY) */
    bool in_primary_key;
    uint16_t charset;     /* collation id for character and ENUM/SET columns;
                             63 = binary; 0 = unknown (no metadata) */
    uint8_t fsp;          /* fractional-second digits, temporal types */
    uint8_t precision;    /* DECIMAL */
    uint8_t scale;        /* DECIMAL */
    uint8_t length_bytes; /* BLOB/TEXT/JSON/GEOMETRY/VECTOR length prefix, VARCHAR 1 or 2 */
    uint32_t max_length;  /* CHAR/VARCHAR byte length, BIT width in bits, ENUM/SET pack length */
    uint8_t geometry_type;/* GEOMETRY_TYPE metadata (0 = GEOMETRY) */
    uint32_t vector_dim;  /* VECTOR_DIMENSIONALITY metadata, 0 if absent */
    bool json_text;       /* a MariaDB JSON column: LONGTEXT whose values are JSON text
                             (known from the schema's json_valid() check, live servers only);
                             bb_value_format_json embeds them as JSON */
    uint32_t nlabels;     /* ENUM/SET labels, UTF-8; 0 when unknown */
    const char *const *labels;
    const uint32_t *label_lens;
};

struct bb_table {
    uint64_t id;
    const char *schema;   /* UTF-8 */
    const char *name;
    uint16_t flags;       /* TABLE_MAP flags */
    uint32_t ncols;
    struct bb_column *cols;
    uint32_t npk;         /* primary key columns, in key order */
    const uint32_t *pk;   /* column indexes */
    bool has_names;       /* column names known */
};

/* ------------------------------------------------------------------ */
/* Values                                                              */

enum bb_value_kind {
    BB_VALUE_ABSENT = 0, /* column not present in this row image (MINIMAL/NOBLOB) */
    BB_VALUE_NULL,
    BB_VALUE_INT,        /* v.i   TINYINT..BIGINT signed */
    BB_VALUE_UINT,       /* v.u   TINYINT..BIGINT UNSIGNED */
    BB_VALUE_FLOAT,      /* v.f */
    BB_VALUE_DOUBLE,     /* v.d */
    BB_VALUE_DECIMAL,    /* v.str exact decimal text with exactly `scale` digits after the point */
    BB_VALUE_YEAR,       /* v.u   0 or 1901..2155 */
    BB_VALUE_DATE,       /* v.tm  year, month, day (zero parts allowed) */
    BB_VALUE_TIME,       /* v.tm  neg, hour (may exceed 24), minute, second, usec */
    BB_VALUE_DATETIME,   /* v.tm */
    BB_VALUE_TIMESTAMP,  /* v.ts  seconds since the epoch (UTC) + usec; 0 = zero timestamp */
    BB_VALUE_STRING,     /* v.str bytes in the column character set (col->charset) */
    BB_VALUE_BINARY,     /* v.str raw bytes (BINARY, VARBINARY, BLOB) */
    BB_VALUE_ENUM,       /* v.u   1-based label index; 0 is the '' error value */
    BB_VALUE_SET,        /* v.u   bitmask of labels */
    BB_VALUE_BIT,        /* v.u */
    BB_VALUE_JSON,       /* v.str MySQL binary JSON (col type JSON) */
    BB_VALUE_JSON_DIFF,  /* v.str PARTIAL_UPDATE_ROWS JSON diff list, binary */
    BB_VALUE_GEOMETRY,   /* v.str 4-byte SRID + WKB */
    BB_VALUE_VECTOR,     /* v.str little-endian IEEE float32 array */
};

struct bb_time {
    uint32_t year;
    uint8_t month, day;
    uint32_t hour;       /* TIME: up to 838 */
    uint8_t minute, second;
    uint32_t usec;       /* microseconds, 0..999999 */
    bool neg;            /* TIME only */
};

struct bb_value {
    uint8_t kind;                 /* enum bb_value_kind */
    const struct bb_column *col;  /* the column this value belongs to */
    union {
        int64_t i;
        uint64_t u;
        float f;
        double d;
        struct bb_time tm;
        struct { int64_t sec; uint32_t usec; } ts;
        struct { const uint8_t *p; size_t len; } str;
    } v;
};

/* Append the value's text form (design.md, "Text form of values"): what
 * `SELECT` prints, UTF-8, TIMESTAMP in UTC, FLOAT/DOUBLE as the shortest
 * decimal that reads back to the same number, binary data as raw bytes.
 * NULL appends nothing and returns 0; test kind for NULL yourself. */
int bb_value_format_text(const struct bb_value *v, struct bb_buf *out, struct bb_error *err);

/* Append the value as one JSON value: integers, FLOAT/DOUBLE and BIT as JSON
 * numbers (exact), DECIMAL as a string, temporal types as strings in the
 * text form, text as UTF-8 strings, JSON columns as embedded JSON, SET as its
 * text form, NULL as null, and binary data (BINARY, VARBINARY, BLOB, GEOMETRY,
 * VECTOR, text of unknown charset that is not valid UTF-8) as
 * {"base64":"..."}. */
int bb_value_format_json(const struct bb_value *v, struct bb_buf *out, struct bb_error *err);

/* ------------------------------------------------------------------ */
/* Events                                                              */

struct bb_bytes {
    const uint8_t *p;
    size_t len;
};

/* A GTID set entry: MySQL (uuid[:tag]:intervals) or MariaDB (domain-server-seq). */
struct bb_gtid_interval {
    uint64_t start, end; /* [start, end) as in the binlog */
};

struct bb_sid_block {
    uint8_t sid[16];
    struct bb_bytes tag;             /* empty when untagged */
    uint64_t ninterval;
    const struct bb_gtid_interval *intervals;
};

struct bb_mariadb_gtid {
    uint32_t domain_id;
    uint32_t server_id;
    uint64_t seq_no;
};

/* QUERY_EVENT, QUERY_COMPRESSED_EVENT, EXECUTE_LOAD_QUERY_EVENT */
struct bb_ev_query {
    uint32_t thread_id;
    uint32_t exec_time;
    uint16_t error_code;
    struct bb_bytes schema;
    struct bb_bytes status_vars;     /* raw */
    struct bb_bytes query;           /* decompressed for QUERY_COMPRESSED */
    /* status variables we decode (has_* tells which were present) */
    bool has_flags2, has_sql_mode, has_charset, has_time_zone, has_catalog,
         has_auto_increment, has_microseconds, has_ddl_xid, has_default_collation;
    uint32_t flags2;
    uint64_t sql_mode;
    uint16_t charset_client, collation_connection, collation_server;
    struct bb_bytes time_zone;
    struct bb_bytes catalog;
    uint16_t auto_increment_increment, auto_increment_offset;
    uint32_t microseconds;           /* MariaDB Q_HRNOW */
    uint64_t ddl_xid;
    uint16_t default_collation_for_utf8;
    /* EXECUTE_LOAD_QUERY only */
    uint32_t file_id, fn_pos_start, fn_pos_end;
    uint8_t dup_handling;
};

struct bb_ev_rotate {
    uint64_t position;
    struct bb_bytes next_file;
};

struct bb_ev_format {
    uint16_t binlog_version;
    char server_version[51];         /* NUL-terminated */
    uint32_t create_timestamp;
    uint8_t header_len;
    uint8_t checksum_alg;            /* 0 none, 1 CRC32, 255 undefined (pre-5.6.1) */
    uint32_t npost_header;
    bool mariadb;                    /* server_version names MariaDB */
};

struct bb_ev_intvar {
    uint8_t type;                    /* 1 LAST_INSERT_ID, 2 INSERT_ID */
    uint64_t value;
};

struct bb_ev_rand {
    uint64_t seed1, seed2;
};

struct bb_ev_user_var {
    struct bb_bytes name;
    bool is_null;
    uint8_t type;                    /* 0 STRING, 1 REAL, 2 INT, 4 DECIMAL */
    uint32_t charset;
    struct bb_bytes value;           /* raw */
    uint8_t flags;                   /* bit 0: unsigned */
    bool has_flags;
};

struct bb_ev_incident {
    uint16_t type;
    struct bb_bytes message;
};

struct bb_ev_heartbeat {
    struct bb_bytes log_file;
    uint64_t position;
};

struct bb_ev_gtid {                  /* GTID_LOG, ANONYMOUS_GTID, GTID_TAGGED */
    uint8_t flags;
    uint8_t sid[16];
    uint64_t gno;
    struct bb_bytes tag;
    bool has_logical_clock;
    int64_t last_committed, sequence_number;
    bool has_commit_ts;
    uint64_t immediate_commit_ts, original_commit_ts;  /* microseconds */
    bool has_transaction_length;
    uint64_t transaction_length;
    bool has_server_version;
    uint32_t immediate_server_version, original_server_version;
    bool has_commit_group_ticket;
    uint64_t commit_group_ticket;
};

struct bb_ev_previous_gtids {
    uint64_t nsid;
    const struct bb_sid_block *sids;
};

struct bb_ev_xa_prepare {
    bool one_phase;
    int32_t format_id;
    struct bb_bytes gtrid, bqual;
};

struct bb_ev_payload {               /* TRANSACTION_PAYLOAD */
    uint64_t payload_size;
    uint64_t uncompressed_size;
    uint8_t compression_type;        /* 0 zstd, 255 none */
    /* The inner events follow as events of their own with in_payload set.
     * How many is not known here: they are inflated as they are read. */
};

struct bb_ev_load_block {            /* BEGIN_LOAD_QUERY, APPEND_BLOCK, DELETE_FILE */
    uint32_t file_id;
    struct bb_bytes data;
};

struct bb_ev_rows_query {            /* ROWS_QUERY, MariaDB ANNOTATE_ROWS */
    struct bb_bytes query;
};

struct bb_ev_checkpoint {            /* MariaDB BINLOG_CHECKPOINT */
    struct bb_bytes log_file;
};

struct bb_ev_mariadb_gtid {          /* MariaDB GTID_EVENT */
    uint64_t seq_no;
    uint32_t domain_id;
    uint32_t server_id;              /* from the event header */
    uint8_t flags;
    uint64_t commit_id;              /* when flags & FL_GROUP_COMMIT_ID */
    bool is_xa;
    int32_t xa_format_id;
    struct bb_bytes xa_gtrid, xa_bqual;
    uint8_t flags_extra;
};

struct bb_ev_gtid_list {             /* MariaDB GTID_LIST */
    uint32_t count;
    uint8_t flags;
    const struct bb_mariadb_gtid *gtids;
};

struct bb_ev_start_encryption {
    uint8_t scheme;
    uint32_t key_version;
    uint8_t nonce[12];
};

struct bb_row {
    struct bb_value *before;         /* UPDATE/DELETE: ncols values; NULL for WRITE */
    struct bb_value *after;          /* WRITE/UPDATE: ncols values; NULL for DELETE */
};

enum bb_rows_kind { BB_ROWS_WRITE, BB_ROWS_UPDATE, BB_ROWS_DELETE };

/* A rows event's rows are decoded into values of every column of the table
 * (ncols per image, 40 bytes each), however few the image holds: a wide
 * table with partial images (binlog_row_image=MINIMAL) can turn each byte of
 * the event into kilobytes. So the rows are decoded in slices: when the
 * decoded rows reach the stream's rows_budget (and at least one row was
 * decoded), the event is delivered with the rows so far and more_rows set,
 * and the next bb_stream_next() delivers the same event (same pos, header
 * and fields) with the rows that follow, before anything else is read.
 * Events within the budget, nearly all of them, come whole: first_row 0,
 * more_rows false. Rows are numbered in the event: rows[i] is row
 * first_row + i. A slice boundary is not the end of a statement: flags
 * (STMT_END_F) are the event's own, the same on every slice. */
struct bb_ev_rows {                  /* all WRITE/UPDATE/DELETE/PARTIAL_UPDATE variants */
    enum bb_rows_kind kind;
    uint8_t version;                 /* 0 (pre-GA), 1, 2 */
    bool compressed;                 /* MariaDB *_COMPRESSED_EVENT */
    bool partial_json;               /* PARTIAL_UPDATE_ROWS_EVENT */
    uint64_t table_id;
    uint16_t flags;                  /* STMT_END_F ... */
    struct bb_bytes extra;           /* v2 extra row info, raw */
    const struct bb_table *table;
    uint32_t ncols;                  /* columns in the event (== table->ncols) */
    const uint8_t *present_before;   /* column bitmaps, ceil(ncols/8) bytes */
    const uint8_t *present_after;
    uint32_t nrows;                  /* rows in this delivery */
    struct bb_row *rows;
    uint32_t first_row;              /* index in the event of rows[0] */
    bool more_rows;                  /* a later delivery of this event has the rows after
                                        these */
};

struct bb_event {
    /* common header */
    uint32_t timestamp;
    uint8_t type;                    /* event type code */
    uint32_t server_id;
    uint32_t length;                 /* whole event, header and checksum included */
    uint32_t next_pos;               /* log_pos from the header (0 for artificial events) */
    uint16_t flags;
    /* where it came from */
    uint64_t pos;                    /* byte offset of the event in its binlog file (for
                                        inner payload events: the payload event's offset) */
    const char *log_file;            /* binlog file name (server: as the server names it) */
    bool in_payload;                 /* decoded from inside a TRANSACTION_PAYLOAD */
    bool checksum_verified;
    struct bb_bytes body;            /* the event body after the common header, without checksum */
    union {
        struct bb_ev_query query;
        struct bb_ev_rotate rotate;
        struct bb_ev_format format;
        struct bb_ev_intvar intvar;
        struct bb_ev_rand rand;
        struct bb_ev_user_var user_var;
        struct bb_ev_incident incident;
        struct bb_ev_heartbeat heartbeat;
        struct bb_ev_gtid gtid;
        struct bb_ev_previous_gtids previous_gtids;
        struct bb_ev_xa_prepare xa_prepare;
        struct bb_ev_payload payload;
        struct bb_ev_load_block load_block;
        struct bb_ev_rows_query rows_query;
        struct bb_ev_checkpoint checkpoint;
        struct bb_ev_mariadb_gtid mariadb_gtid;
        struct bb_ev_gtid_list gtid_list;
        struct bb_ev_start_encryption start_encryption;
        uint64_t xid;
        const struct bb_table *table_map;
        struct bb_ev_rows rows;
    };
};

/* Name of an event type as python-mysql-replication's dump() prints it
 * ("WriteRowsEvent", "QueryEvent", ...), or "UnknownEvent". */
const char *bb_event_class_name(uint8_t type);
/* The protocol name ("WRITE_ROWS_EVENT", "TABLE_MAP_EVENT", ...). */
const char *bb_event_type_name(uint8_t type);
bool bb_event_is_rows(const struct bb_event *ev);

/* ------------------------------------------------------------------ */
/* Streams                                                             */

struct bb_stream;

/* Filters, as python-mysql-replication's only_events / ignored_events /
 * only_schemas / ignored_schemas / only_tables / ignored_tables. Lists are
 * NULL-terminated arrays of names; NULL means no filter. Table names may be
 * given as "table" or "schema.table". Events whose table is filtered out
 * are skipped without decoding their rows. */
struct bb_filter {
    bool only_events_set;
    bool only_events[256];           /* indexed by event type code */
    bool ignored_events[256];
    const char *const *only_schemas;
    const char *const *ignored_schemas;
    const char *const *only_tables;
    const char *const *ignored_tables;
    /* A filter of your own: schema.table is kept when it returns true
     * (called once per TABLE_MAP, after the lists above). NULL: none. */
    bool (*table_filter)(void *ctx, const char *schema, const char *table);
    void *table_filter_ctx;
};

/* Default rows_budget: the decoded rows of one delivery of a rows event
 * take about this much memory at most (one row more, when a single row is
 * larger). */
#define BB_ROWS_BUDGET_DEFAULT ((size_t)16 << 20)

struct bb_stream_options {
    struct bb_filter filter;
    bool verify_checksum;            /* default true (set by bb_stream_options_init) */
    size_t max_event_size;           /* refuse larger events; default 1 GiB */
    size_t rows_budget;              /* bytes of decoded rows per delivery of a rows event
                                        (struct bb_ev_rows); 0 = BB_ROWS_BUDGET_DEFAULT */
};

void bb_stream_options_init(struct bb_stream_options *opt);

/* Open a stream over binlog or relay-log files, read in the order given.
 * opt may be NULL for defaults. On success *out is the stream (caller closes
 * it with bb_stream_close). */
int bb_stream_open_files(struct bb_stream **out, const char *const *paths, size_t npaths,
                         const struct bb_stream_options *opt, struct bb_error *err);

enum bb_start {
    BB_START_CURRENT = 0,            /* the server's current end of binlog */
    BB_START_EARLIEST,               /* the first binlog the server still has */
    BB_START_POSITION,               /* file:pos */
    BB_START_GTID,                   /* a GTID set (MySQL or MariaDB syntax) */
};

/* How the connections to the server use TLS: MySQL's --ssl-mode, with
 * its meanings.
 *   PREFERRED        (the default, as for the mysql client) TLS when the
 *                    server offers it, else plaintext; the server is not
 *                    verified
 *   DISABLED         plaintext
 *   REQUIRED         TLS or no connection; the server is not verified
 *   VERIFY_CA        REQUIRED, and the server's certificate must chain to
 *                    ssl_ca (its host name is not checked)
 *   VERIFY_IDENTITY  VERIFY_CA, and the certificate must name the host
 *                    connected to (its subjectAltName DNS or IP entries,
 *                    else its CN)
 * The two VERIFY modes need ssl_ca. A CA given with PREFERRED or REQUIRED
 * is used too: Connector/C then verifies the chain, never less. */
enum bb_ssl_mode {
    BB_SSL_PREFERRED = 0,
    BB_SSL_DISABLED,
    BB_SSL_REQUIRED,
    BB_SSL_VERIFY_CA,
    BB_SSL_VERIFY_IDENTITY,
};

/* "PREFERRED", "DISABLED", ... */
const char *bb_ssl_mode_name(enum bb_ssl_mode mode);
/* The mode named name, in any case ("verify_ca" too): true with *out set. */
bool bb_ssl_mode_parse(const char *name, enum bb_ssl_mode *out);

struct bb_server_options {
    const char *host;                /* default 127.0.0.1 */
    unsigned port;                   /* default 3306 */
    const char *user;
    const char *password;
    const char *socket;              /* unix socket, optional */
    uint32_t server_id;              /* replica id we register as; default 0x62620001;
                                        0 (not blocking only): mysqlbinlog's id, which
                                        leaves dumps of other readers alone */
    enum bb_start start;
    const char *start_file;          /* BB_START_POSITION */
    uint64_t start_pos;
    const char *start_gtid;          /* BB_START_GTID */
    bool blocking;                   /* follow new events instead of stopping at the end */
    double heartbeat_period;         /* seconds; 0 = server default; blocking mode only */
    unsigned connect_timeout;        /* seconds; default 10 */
    unsigned read_timeout;           /* seconds, 0 = none; default 0 (blocking waits forever) */
    /* TLS, for every connection to the server (the binlog's, the
     * snapshot's, the schema lookups'): */
    enum bb_ssl_mode ssl_mode;       /* default BB_SSL_PREFERRED */
    const char *ssl_ca;              /* PEM file of the CAs the server's certificate must
                                        chain to; NULL: none */
    const char *ssl_cert;            /* PEM file of the client's certificate; NULL: none */
    const char *ssl_key;             /* PEM file of its private key; NULL: none (then
                                        ssl_cert holds the key too) */
    char *url_strings;               /* private: what bb_server_options_parse_url allocated */
};

void bb_server_options_init(struct bb_server_options *srv);

/* Parse mysql://user[:password]@host[:port][/][?params] (or mariadb://;
 * user, password and parameters percent-decoded; IPv6 hosts as [::1]; port
 * 3306 by default) into srv's host, port, user and password, and the TLS
 * settings the URL's parameters name, MySQL's own names:
 *   ssl-mode=DISABLED|PREFERRED|REQUIRED|VERIFY_CA|VERIFY_IDENTITY,
 *   ssl-ca=FILE, ssl-cert=FILE, ssl-key=FILE
 * leaving the other fields (and TLS settings the URL does not name) alone.
 * With no password in the URL, the BINBRIDGE_PASSWORD environment variable
 * gives it when set. Strings point into a copy the options keep until
 * bb_server_options_destroy. Anything else is BB_ERR_USAGE with a one-line
 * reason that never shows the password (an unknown parameter is named, a
 * file that cannot be read is named with the reason); srv is then
 * unchanged. Whether the TLS settings go together is
 * bb_server_options_check's, once all are in (server_conn_open checks
 * again before connecting). */
int bb_server_options_parse_url(struct bb_server_options *srv, const char *url, struct bb_error *err);

/* Whether srv's TLS settings go together (a VERIFY mode has ssl_ca): 0,
 * or BB_ERR_USAGE with a one-line reason ("ssl-mode=VERIFY_CA needs
 * ssl-ca ..."). */
int bb_server_options_check(const struct bb_server_options *srv, struct bb_error *err);
void bb_server_options_destroy(struct bb_server_options *srv);

/* Connect as a replica and open a stream of the server's binlog. */
int bb_stream_open_server(struct bb_stream **out, const struct bb_server_options *srv,
                          const struct bb_stream_options *opt, struct bb_error *err);

/* Pull the next event (or the next slice of a large rows event: struct
 * bb_ev_rows). Returns 1 and sets *ev (valid until the next call),
 * 0 at the end (files exhausted, or the server's end in non-blocking mode),
 * or a negative code with err set; after an error the stream is finished
 * (events before the damage have all been delivered). */
int bb_stream_next(struct bb_stream *s, const struct bb_event **ev, struct bb_error *err);

/* Stop the stream from a signal handler (async-signal-safe; a binbridge
 * that is a container's PID 1 has no default action for SIGTERM): the
 * bb_stream_next() in progress, or the next one, returns 0 (the end) as
 * soon as it can, also when it is waiting for a server's next event (the
 * replica connection is shut down under it). Events already delivered are
 * whole; the stream can only be closed afterwards. NULL is a no-op. */
void bb_stream_interrupt(struct bb_stream *s);

/* Has the stream handed out everything it has received, so that the next
 * bb_stream_next() would wait for the server? True when the decoder holds
 * nothing back (no slice of a rows event, no event of a
 * TRANSACTION_PAYLOAD), the connection has no bytes buffered and none are
 * readable on its socket (asked without waiting), or when the stream has
 * ended. A stream of files is never caught up before its end: its next
 * event is always there. The answer is for this instant: the server may
 * send more a moment later. Use it to act while the source is idle (write
 * what was read as soon as nothing more is coming) rather than on a
 * timer. */
bool bb_stream_caught_up(const struct bb_stream *s);

/* Close the stream and free everything it holds. NULL is a no-op. */
void bb_stream_close(struct bb_stream *s);

#ifdef __cplusplus
}
#endif
#endif
