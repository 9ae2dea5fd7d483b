/* log.c - timestamped one-line messages on stderr. */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "base/text_escape.h"

enum bb_log_level bb_log_threshold = BB_LOG_INFO;

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

void bb_log_write(enum bb_log_level level, const char *fmt, ...)
{
    static const char *const tags[] = { "DEBUG", "INFO ", "WARN ", "ERROR" };
    char line[2048];
    struct timeval tv;
    struct tm tm;
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    int n = snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ %s ",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec, (int)(tv.tv_usec / 1000),
                     tags[level <= BB_LOG_ERROR ? level : BB_LOG_ERROR]);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    va_end(ap);
    /* One line, with no password and no control character, whatever the
     * message quoted: every log line goes through here. */
    text_clean_message(line + n, sizeof line - (size_t)n - 1,
                       m >= (int)(sizeof line - (size_t)n - 1));
    size_t len = strlen(line);
    line[len] = '\n';
    fwrite(line, 1, len + 1, stderr);
}
