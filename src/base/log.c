/* log.c - timestamped one-line messages on stderr, as text or JSON. */
#include "base/log.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "base/text_escape.h"

enum bb_log_level bb_log_threshold = BB_LOG_INFO;
static enum bb_log_format log_format = BB_LOG_TEXT;

void bb_log_set_level(enum bb_log_level level)
{
    bb_log_threshold = level;
}

bool bb_log_parse_level(const char *name, enum bb_log_level *out)
{
    static const char *const names[] = { "debug", "info", "warn", "error", "off" };
    for (int i = 0; i < 5; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (enum bb_log_level)i;
            return true;
        }
    return false;
}

void bb_log_set_format(enum bb_log_format format)
{
    log_format = format;
}

bool bb_log_parse_format(const char *name, enum bb_log_format *out)
{
    if (strcmp(name, "text") == 0)
        *out = BB_LOG_TEXT;
    else if (strcmp(name, "json") == 0)
        *out = BB_LOG_JSON;
    else
        return false;
    return true;
}

/* A line being built in a fixed buffer; what does not fit is cut. */
struct line {
    char *p;
    size_t len, cap;
};

static void put(struct line *l, const char *s, size_t n)
{
    if (n > l->cap - l->len)
        n = l->cap - l->len;
    memcpy(l->p + l->len, s, n);
    l->len += n;
}

static void puts_(struct line *l, const char *s)
{
    put(l, s, strlen(s));
}

/* s as the inside of a JSON string. s is clean (text_clean_message: no
 * control characters, valid UTF-8), so only '"' and '\' need escaping;
 * any other control byte is escaped anyway. A character is never cut. */
static void put_json(struct line *l, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        size_t n = 1;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            n = 2;
        } else if (c < 0x20) {
            n = (size_t)snprintf(esc, sizeof esc, "\\u%04x", c);
        } else {
            esc[0] = (char)c;
        }
        if (n > l->cap - l->len)
            return;
        if (c >= 0x80) {
            /* a multi-byte character goes whole or not at all */
            size_t len = 1;
            while ((unsigned char)s[len] >= 0x80 && ((unsigned char)s[len] & 0xc0) == 0x80)
                len++;
            if (len > l->cap - l->len)
                return;
            put(l, s, len);
            s += len - 1;
            continue;
        }
        put(l, esc, n);
    }
}

static void vwrite(enum bb_log_level level, const struct bb_log_field *fields, size_t nfields,
                   const char *fmt, va_list ap)
{
    static const char *const tags[] = { "DEBUG", "INFO ", "WARN ", "ERROR" };
    static const char *const names[] = { "debug", "info", "warn", "error" };
    int li = level <= BB_LOG_ERROR ? (int)level : (int)BB_LOG_ERROR;
    char when[64];
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
             (int)(tv.tv_usec / 1000));
    /* One line, with no password and no control character, whatever the
     * message quoted: every log line goes through here. */
    char msg[2048];
    int m = vsnprintf(msg, sizeof msg, fmt, ap);
    text_clean_message(msg, sizeof msg, m >= (int)sizeof msg);

    char buf[6144];
    struct line l = { buf, 0, sizeof buf - 1 };
    if (log_format == BB_LOG_TEXT) {
        puts_(&l, when);
        puts_(&l, " ");
        puts_(&l, tags[li]);
        puts_(&l, " ");
        puts_(&l, msg);
    } else {
        puts_(&l, "{\"time\":\"");
        puts_(&l, when);
        puts_(&l, "\",\"level\":\"");
        puts_(&l, names[li]);
        puts_(&l, "\",\"msg\":\"");
        put_json(&l, msg);
        puts_(&l, "\"");
        for (size_t i = 0; i < nfields; i++) {
            char value[1024];
            puts_(&l, ",\"");
            put_json(&l, fields[i].name);
            puts_(&l, "\":");
            if (fields[i].text) {
                snprintf(value, sizeof value, "%s", fields[i].text);
                text_clean_message(value, sizeof value, strlen(fields[i].text) >= sizeof value);
                puts_(&l, "\"");
                put_json(&l, value);
                puts_(&l, "\"");
            } else if (isfinite(fields[i].num)) {
                snprintf(value, sizeof value, "%.17g", fields[i].num);
                /* the shortest text that reads back the same, for whole numbers */
                if (fields[i].num == (double)(long long)fields[i].num &&
                    fabs(fields[i].num) < 1e15)
                    snprintf(value, sizeof value, "%lld", (long long)fields[i].num);
                puts_(&l, value);
            } else {
                puts_(&l, "null");
            }
        }
        /* a cut line still closes its object (room was kept for it) */
        if (l.len + 1 > l.cap)
            l.len = l.cap - 1;
        puts_(&l, "}");
    }
    buf[l.len] = '\n';
    fwrite(buf, 1, l.len + 1, stderr);
}

void bb_log_write(enum bb_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(level, NULL, 0, fmt, ap);
    va_end(ap);
}

void bb_log_write_with(enum bb_log_level level, const struct bb_log_field *fields, size_t n,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwrite(level, fields, n, fmt, ap);
    va_end(ap);
}
