/* hostport.c - "host:port" (hostport.h). */
#include "base/hostport.h"

#include <stdio.h>
#include <string.h>

bool hostport_split(const char *s, char *host, size_t host_size, unsigned *port, char *why,
                    size_t why_size)
{
    const char *h = s, *colon;
    size_t hlen;
    if (*s == '[') {
        const char *close = strchr(s, ']');
        if (!close) {
            snprintf(why, why_size, "an IPv6 address needs its closing ']'");
            return false;
        }
        h = s + 1;
        hlen = (size_t)(close - h);
        if (close[1] != ':') {
            snprintf(why, why_size, "expected host:port (\"[::1]:9108\" for IPv6)");
            return false;
        }
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon) {
            snprintf(why, why_size, "expected host:port, such as 127.0.0.1:9108");
            return false;
        }
        hlen = (size_t)(colon - s);
        if (memchr(s, ':', hlen)) {
            snprintf(why, why_size, "an IPv6 address goes in brackets: [::1]:9108");
            return false;
        }
    }
    if (hlen >= host_size) {
        snprintf(why, why_size, "the host name is too long");
        return false;
    }
    for (size_t i = 0; i < hlen; i++)
        if ((unsigned char)h[i] <= ' ' || h[i] == '/' || h[i] == '[' || h[i] == ']') {
            snprintf(why, why_size, "the host may not hold spaces, '/', '[' or ']'");
            return false;
        }
    unsigned long p = 0;
    const char *d = colon + 1;
    if (!*d) {
        snprintf(why, why_size, "the port is missing");
        return false;
    }
    for (; *d; d++) {
        if (*d < '0' || *d > '9' || p > 65535) {
            snprintf(why, why_size, "the port must be a number from 1 to 65535");
            return false;
        }
        p = p * 10 + (unsigned long)(*d - '0');
    }
    if (p < 1 || p > 65535) {
        snprintf(why, why_size, "the port must be a number from 1 to 65535");
        return false;
    }
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    *port = (unsigned)p;
    return true;
}
