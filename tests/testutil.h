/* testutil.h - helpers shared by the test files. */
#ifndef BB_TESTUTIL_H
#define BB_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "binbridge.h"

/* Absolute path of a corpus file ($BB_CORPUS_DIR, default ../shared/corpus/binlog).
 * Returns a static buffer. */
const char *corpus_path(const char *name);
const char *corpus_dir(void);

/* Events of a file by type: outer[type] counts events read from the file,
 * inner[type] those decoded from inside TRANSACTION_PAYLOAD events. */
struct event_counts {
    unsigned outer[256];
    unsigned inner[256];
    unsigned total;
};

/* Read a whole file through a stream; returns bb_stream_next's final code
 * (0 at a clean end) and fills counts and err. */
int read_file_counts(const char *path, struct event_counts *counts, struct bb_error *err);

/* Render the row events of files as text lines, one per row:
 *   "W schema.table: col=value col=value"
 *   "U schema.table: col=before->after ..."   (unchanged values once: col=value)
 *   "D schema.table: col=value ..."
 * NULL is written NULL, absent columns are left out, control bytes as \\xNN. Returns a malloc'd
 * string (caller frees) and the stream's final code in *rc. */
char *rows_text(const char *const *paths, size_t npaths, int *rc, struct bb_error *err);

/* Read a whole file into memory (malloc'd, caller frees). */
uint8_t *slurp(const char *path, size_t *len);

#endif
