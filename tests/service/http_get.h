/* http_get.h - a plain HTTP/1.0 client for the tests of the HTTP listener:
 * one request on a fresh connection to 127.0.0.1, the whole answer read
 * until the server closes (a 10 s receive timeout keeps a test from
 * hanging). Asserts (Criterion) only on a failure of the test machine
 * itself; a refused connection is a result. */
#ifndef BB_TEST_HTTP_GET_H
#define BB_TEST_HTTP_GET_H

#include <stddef.h>

struct http_answer {
    int status;         /* the status code; 0 when there was no (parsable) answer */
    char *head;         /* the status line and headers (malloc'd, NUL-terminated) */
    char *body;         /* the body (malloc'd, NUL-terminated) */
    size_t body_len;
};

/* METHOD path HTTP/1.0 on 127.0.0.1:port. */
void http_request(unsigned port, const char *method, const char *path, struct http_answer *a);
/* Send exactly these bytes, then read the answer. */
void http_raw(unsigned port, const char *bytes, size_t len, struct http_answer *a);
void http_answer_free(struct http_answer *a);

/* A TCP connection to 127.0.0.1:port (blocking), or -1. */
int http_connect(unsigned port);

/* The first sample of metric `name` (the whole name with its labels, as in
 * 'binbridge_sink_up{sink="redis"}', or a bare name) in a /metrics text:
 * true with its value in *v. */
#include <stdbool.h>
bool metrics_sample(const char *text, const char *name, double *v);

#endif
