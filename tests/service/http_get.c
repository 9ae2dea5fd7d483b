/* http_get.c - the tests' HTTP client (http_get.h). */
#include "tests/service/http_get.h"

#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int http_connect(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    cr_assert_geq(fd, 0, "socket: %s", strerror(errno));
    struct timeval tv = { 10, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    struct sockaddr_in a = { 0 };
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

void http_raw(unsigned port, const char *bytes, size_t len, struct http_answer *a)
{
    memset(a, 0, sizeof *a);
    a->head = strdup("");
    a->body = strdup("");
    cr_assert(a->head && a->body);
    int fd = http_connect(port);
    if (fd < 0)
        return;
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(fd, bytes + off, len - off, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    size_t cap = 4096, got = 0;
    char *buf = malloc(cap);
    cr_assert(buf);
    for (;;) {
        if (got + 1024 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert(buf);
        }
        ssize_t n = recv(fd, buf + got, cap - got - 1, 0);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    buf[got] = '\0';
    char *end = strstr(buf, "\r\n\r\n");
    int status = 0;
    if (end && sscanf(buf, "HTTP/1.%*d %d", &status) == 1) {
        free(a->head);
        free(a->body);
        a->status = status;
        a->head = strndup(buf, (size_t)(end - buf));
        a->body_len = got - (size_t)(end + 4 - buf);
        a->body = malloc(a->body_len + 1);
        cr_assert(a->head && a->body);
        memcpy(a->body, end + 4, a->body_len);
        a->body[a->body_len] = '\0';
    }
    free(buf);
}

void http_request(unsigned port, const char *method, const char *path, struct http_answer *a)
{
    char req[512];
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n", method, path);
    http_raw(port, req, (size_t)n, a);
}

void http_answer_free(struct http_answer *a)
{
    free(a->head);
    free(a->body);
    memset(a, 0, sizeof *a);
}

bool metrics_sample(const char *text, const char *name, double *v)
{
    size_t n = strlen(name);
    for (const char *line = text; line && *line;) {
        const char *eol = strchr(line, '\n');
        if (strncmp(line, name, n) == 0 && line[n] == ' ') {
            char *end;
            const char *num = line + n + 1;
            if (strncmp(num, "NaN", 3) == 0)
                *v = NAN;
            else
                *v = strtod(num, &end);
            return true;
        }
        line = eol ? eol + 1 : NULL;
    }
    return false;
}
