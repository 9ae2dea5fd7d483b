/* url.h - server URLs: the one parser of binbridge's own URLs (url_parse),
 * the userinfo, and keeping its password out of everything binbridge
 * prints or shows.
 *
 * One reading of scheme://[user[:password]@]host... for every URL
 * (mysql://, mariadb://, redis://, rediss://, unix://, mongodb://,
 * mongodb+srv://, http://...): the userinfo ends at the LAST '@' before the
 * host part and the password starts after its first ':', so an unescaped
 * '@' in a password (redis://:p@ss@host) stays in the password. binbridge's
 * own URL parsers read URLs this way, and libmongoc is handed the URL with
 * such characters escaped (url_escape_userinfo), so that a password's tail
 * never becomes a host name in a message. */
#ifndef BB_URL_H
#define BB_URL_H

#include <stdbool.h>
#include <stddef.h>

struct bb_error;

struct url_userinfo {
    size_t user, user_len;          /* offsets into the URL */
    size_t password, password_len;  /* password_len 0 when there is none */
    bool has_password;              /* a ':' in the userinfo (even "user:@host") */
    size_t host;                    /* offset of the host part (after the '@') */
};

/* Length of the scheme of the URL at url ("mongodb+srv" of
 * "mongodb+srv://..."): a letter, then letters, digits, '+', '-', '.',
 * followed by "://"; 0 when url does not start that way. */
size_t url_scheme_len(const char *url, size_t len);

/* The authority of a URL: from its start to the first '/', '?' or '#'
 * after "scheme://" (the whole string when there is none). */
size_t url_authority_len(const char *url);

/* The userinfo of url[0..len), which starts with "scheme://": the last '@'
 * in those len bytes ends it. Pass url_authority_len() to read a URL as a
 * parser does, or more (a whole word of a message) to find a password
 * that holds a '/' too. false when there is no scheme or no '@'. */
bool url_userinfo(const char *url, size_t len, struct url_userinfo *out);

/* Does the URL carry a password (scheme://user:password@host)? */
bool url_has_password(const char *url);

/* Overwrite the password of a URL in place with 'x' bytes (the length and
 * the URL's shape stay): for the command line, which ps and
 * /proc/PID/cmdline show. Every '@' of the string counts, so a password
 * holding '/' or '@' is covered too. NULL is a no-op. */
void url_scrub_password(char *url);

/* url_scrub_password for every command-line argument that is a URL or
 * an --option=URL (argv[1..argc)): once the URLs are copied, their
 * passwords leave the process's argv memory, which ps and
 * /proc/PID/cmdline read. */
void url_scrub_args(int argc, char **argv);

/* Replace the password of every URL in the NUL-terminated text (a message,
 * whoever wrote it) by "***": scheme://user:***@host. A URL runs to the
 * next whitespace or control character; its userinfo ends at the last '@'
 * before that; a user name holding '[' is a usage form
 * ("user[:password]@host"), left alone. The text stays within size bytes
 * (cut at the end when the mask is longer than a short password). */
void url_redact_passwords(char *text, size_t size);

/* For a message that was cut to fit its buffer: a URL cut off in its last
 * word may have lost the '@' that ends its password, so everything after
 * that word's "scheme://" is replaced by "***". Call before
 * url_redact_passwords. */
void url_redact_cut_tail(char *text, size_t size);

/* A copy of url (malloc'd, caller frees; NULL when out of memory) whose
 * user name and password have their '@', ':', '[' and ']' percent-encoded,
 * the userinfo ending at the authority's last '@': what libmongoc, which
 * splits at the first '@' and quotes a password it refuses, must be given. */
char *url_escape_userinfo(const char *url);

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

/* One parameter of a URL's query ("db=4"), %-decoded. */
struct url_param {
    char *name;
    char *value;                /* NULL: no '=' ("?ssl") */
};

/* A URL as url_parse reads it. Every string is the parser's (url_destroy
 * frees them; a password is zeroed first). */
struct url {
    char scheme[16];            /* lower case: "mysql", "redis", "unix" */
    char *user;                 /* NULL: no userinfo (no '@') */
    char *password;             /* NULL: no ':' in the userinfo; "" for "user:@" */
    char *host;                 /* NULL for unix://; an IPv6 address without its brackets */
    bool ipv6;                  /* the host was written [in brackets] */
    unsigned port;              /* 1..65535; 0: none given */
    char *path;                 /* from its '/'; NULL: none. unix://: the socket's path */
    struct url_param *params;   /* the query, split at '&' (empty pieces skipped) */
    size_t nparams;
    bool has_query;             /* a '?' (even with nothing after it) */
    bool has_fragment;          /* a '#' */
};

/* The one reading of binbridge's own URLs (mysql://, mariadb://, redis://,
 * unix://; MongoDB's are libmongoc's):
 *
 *   scheme://[user[:password]@]host[:port][/path][?query][#fragment]
 *   unix://[user[:password]@]/path/of/the/socket[?query]
 *
 * - The authority runs from "://" to the first '/', '?' or '#'; its
 *   userinfo ends at its LAST '@' (an unescaped '@' in a password works)
 *   and the password starts after the userinfo's first ':'.
 * - An '@' after the authority is an error: it can only end a userinfo
 *   whose password holds an unescaped '/', '?' or '#' (write them %2F,
 *   %3F, %23). So nothing after the authority is ever part of a password,
 *   and a message may quote it.
 * - The host is letters, digits, '-', '.' and '_', or an IPv6 address in
 *   brackets ([::1]); it is required, but for unix://, which has none: its
 *   path (absolute) is the socket's.
 * - The port is a number from 1 to 65535.
 * - %XX escapes are decoded in the user name, the password, the path and
 *   the query's names and values (one rule for all: two hex digits, never
 *   %00); the host and the fragment are taken as written.
 *
 * Returns 0, or BB_ERR_USAGE with the kind of problem and where (a
 * character position, 1 for the first) in err; the message never quotes
 * the userinfo. form, when not NULL, is the usage form shown as
 * "(expected FORM)". u is url_destroy'ed by the caller either way. */
int url_parse(struct url *u, const char *text, const char *form, struct bb_error *err);

void url_destroy(struct url *u);

/* The value of a URL setting as an error message may quote it (got "..."):
 * messages lose the password of a URL (scheme://user:pw@host)
 * when they are made, but a value without a scheme cannot be read that
 * way, and what comes before its last '@' may be a password: that part is
 * left out ("...@host"). Returns v or buf. */
const char *url_quotable(const char *v, char *buf, size_t n);

#endif
