/* hostport.h - "host:port", as --http takes it: a host name or an IPv4
 * address, or an IPv6 address in brackets ("[::1]:9108"); an empty host
 * (":9108") means every address. The port is 1..65535, in decimal. */
#ifndef BB_HOSTPORT_H
#define BB_HOSTPORT_H

#include <stdbool.h>
#include <stddef.h>

/* Split s into host (NUL-terminated, brackets removed, of at most
 * host_size - 1 bytes) and *port: true, or false with the reason in why
 * (which does not repeat s). */
bool hostport_split(const char *s, char *host, size_t host_size, unsigned *port, char *why,
                    size_t why_size);

#endif
