/* log.h - the one logging module: one line per message on stderr,
 *   2026-11-26T12:00:00.123Z INFO  applied up to mysql-bin.000042:1234 (...)
 * Levels are checked before the arguments are evaluated (the macros), and
 * formats are printf-checked. Every message is cleaned before it is
 * written (text_clean_message: URL passwords masked, control characters
 * escaped), so names, values and library messages may be passed as they
 * are. The decoder and the mapper do not log: they return errors; the
 * bridge and the CLI decide what to say. */
#ifndef BB_LOG_H
#define BB_LOG_H

#include <stdbool.h>

enum bb_log_level { BB_LOG_DEBUG = 0, BB_LOG_INFO, BB_LOG_WARN, BB_LOG_ERROR, BB_LOG_OFF };

extern enum bb_log_level bb_log_threshold;

void bb_log_set_level(enum bb_log_level level);
/* "debug", "info", "warn", "error" or "off"; returns false for anything else. */
bool bb_log_parse_level(const char *name, enum bb_log_level *out);

void bb_log_write(enum bb_log_level level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
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

#endif
