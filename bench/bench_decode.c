/* bench_decode.c - the library's decoding rate, without any output.
 *
 *   bench_decode [--render] FILE...
 *
 * Reads the files through a stream (framing, CRC32, TABLE_MAP, row images:
 * every value decoded into its exact typed form) and walks every value of
 * every row. With --render each value is also rendered to its text form.
 * Prints the number of rows and values seen, so the work cannot be
 * skipped and the counts can be checked: a rows event delivered in slices
 * (a very large one) counts the rows of each slice, so every row once. */
#include <stdio.h>
#include <string.h>

#include "binbridge.h"

int main(int argc, char **argv)
{
    int first = 1;
    int render = 0;
    if (argc > 1 && strcmp(argv[1], "--render") == 0) {
        render = 1;
        first = 2;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: bench_decode [--render] FILE...\n");
        return 2;
    }
    struct bb_error err = { 0 };
    struct bb_stream *s;
    if (bb_stream_open_files(&s, (const char *const *)argv + first, (size_t)(argc - first), NULL,
                             &err) < 0) {
        fprintf(stderr, "bench_decode: %s\n", err.msg);
        return 1;
    }
    struct bb_buf text;
    bb_buf_init(&text);
    unsigned long long rows = 0, values = 0, bytes = 0;
    const struct bb_event *ev;
    int rc;
    while ((rc = bb_stream_next(s, &ev, &err)) > 0) {
        if (!bb_event_is_rows(ev))
            continue;
        const struct bb_ev_rows *r = &ev->rows;
        rows += r->nrows;   /* this delivery's: rows first_row .. first_row + nrows - 1 */
        for (uint32_t n = 0; n < r->nrows; n++) {
            for (int side = 0; side < 2; side++) {
                const struct bb_value *v = side ? r->rows[n].after : r->rows[n].before;
                if (!v)
                    continue;
                for (uint32_t i = 0; i < r->ncols; i++) {
                    if (v[i].kind <= BB_VALUE_NULL)
                        continue;
                    values++;
                    if (render) {
                        bb_buf_reset(&text);
                        if (bb_value_format_text(&v[i], &text, &err) < 0) {
                            rc = err.code;
                            goto done;
                        }
                        bytes += text.len;
                    } else {
                        bytes += v[i].kind;
                    }
                }
            }
        }
    }
done:
    bb_buf_destroy(&text);
    bb_stream_close(s);
    if (rc < 0) {
        fprintf(stderr, "bench_decode: %s\n", err.msg);
        return 1;
    }
    printf("rows %llu values %llu checksum %llu\n", rows, values, bytes);
    return 0;
}
