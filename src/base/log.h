/* log.h - the one logging module: one line per message on stderr,
 *   2026-11-26T12:00:00.123Z INFO  applied up to mysql-bin.000042:1234 (...)
 * or, in the json format (bb_log_set_format), one object per line:
 *   {"time":"2026-11-26T12:00:00.123Z","level":"info","msg":"applied ...", ...fields}
 * Levels are checked before the arguments are evaluated (the macros), and
 * formats are printf-checked. Every message is cleaned before it is
 * written (text_clean_message: URL passwords masked, control characters
 * escaped), so names, values and library messages may be passed as they
 * are. The decoder and the mapper do not log: they return errors; the
 * bridge and the CLI decide what to say.
 *
 * A message may carry fields (log_*_with): named values a program reading
 * the json lines can use without parsing the text. The text format leaves
 * them out: the message says the same in words. */
#ifndef BB_LOG_H
#define BB_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum bb_log_level { BB_LOG_DEBUG = 0, BB_LOG_INFO, BB_LOG_WARN, BB_LOG_ERROR, BB_LOG_OFF };
enum bb_log_format { BB_LOG_TEXT = 0, BB_LOG_JSON };

extern enum bb_log_level bb_log_threshold;

void bb_log_set_level(enum bb_log_level level);
/* "debug", "info", "warn", "error" or "off"; returns false for anything else. */
bool bb_log_parse_level(const char *name, enum bb_log_level *out);

void bb_log_set_format(enum bb_log_format format);
/* "text" or "json"; returns false for anything else. */
bool bb_log_parse_format(const char *name, enum bb_log_format *out);

/* A named value of a message: text (a JSON string) when text is set, else
 * the number num (a JSON number; NaN and infinities as null). */
struct bb_log_field {
    const char *name;
    const char *text;
    double num;
};

void bb_log_write(enum bb_log_level level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void bb_log_write_with(enum bb_log_level level, const struct bb_log_field *fields, size_t n,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#define bb_log(level, ...)                           \
    do {                                             \
        if ((level) >= bb_log_threshold)             \
            bb_log_write((level), __VA_ARGS__);      \
    } while (0)

#define log_debug(...) bb_log(BB_LOG_DEBUG, __VA_ARGS__)
#define log_info(...) bb_log(BB_LOG_INFO, __VA_ARGS__)
#define log_warn(...) bb_log(BB_LOG_WARN, __VA_ARGS__)
#define log_error(...) bb_log(BB_LOG_ERROR, __VA_ARGS__)

/* With fields: an array of struct bb_log_field, and its length. */
#define bb_log_with(level, fields, n, ...)                         \
    do {                                                           \
        if ((level) >= bb_log_threshold)                           \
            bb_log_write_with((level), (fields), (n), __VA_ARGS__); \
    } while (0)

#define log_info_with(fields, n, ...) bb_log_with(BB_LOG_INFO, fields, n, __VA_ARGS__)
#define log_warn_with(fields, n, ...) bb_log_with(BB_LOG_WARN, fields, n, __VA_ARGS__)

#endif
