/* json_text.c - is a text one JSON value (RFC 8259)? MariaDB's JSON columns
 * are LONGTEXT that a CHECK (json_valid(...)) constraint keeps valid; before
 * embedding such a value in JSON output it is checked here, so a value the
 * constraint did not guard (added later, or disabled) can never break the
 * output: it is then written as a JSON string instead. */
#include "base/json_text.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/utf8.h"

#define JSON_MAX_DEPTH 512

struct jp {
    const unsigned char *p, *end;
    int depth;
};

static void ws(struct jp *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

static bool lit(struct jp *j, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0)
        return false;
    j->p += n;
    return true;
}

static bool digits(struct jp *j)
{
    const unsigned char *start = j->p;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    return j->p > start;
}

static bool number(struct jp *j)
{
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p < j->end && *j->p == '0')
        j->p++;
    else if (!digits(j))
        return false;
    if (j->p < j->end && *j->p == '.') {
        j->p++;
        if (!digits(j))
            return false;
    }
    if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
        j->p++;
        if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
            j->p++;
        if (!digits(j))
            return false;
    }
    return true;
}

static bool string(struct jp *j)
{
    if (j->p >= j->end || *j->p != '"')
        return false;
    j->p++;
    const unsigned char *start = j->p;
    while (j->p < j->end && *j->p != '"') {
        if (*j->p < 0x20)
            return false;
        if (*j->p == '\\') {
            j->p++;
            if (j->p >= j->end)
                return false;
            if (*j->p == 'u') {
                for (int i = 1; i <= 4; i++) {
                    unsigned char c = j->p + i < j->end ? j->p[i] : 0;
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                        return false;
                }
                j->p += 4;
            } else if (!strchr("\"\\/bfnrt", *j->p)) {
                return false;
            }
        }
        j->p++;
    }
    if (j->p >= j->end || !utf8_valid(start, (size_t)(j->p - start)))
        return false;
    j->p++;
    return true;
}

static bool value(struct jp *j);

static bool container(struct jp *j, char close, bool object)
{
    if (++j->depth > JSON_MAX_DEPTH)
        return false;
    j->p++;
    ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        j->depth--;
        return true;
    }
    for (;;) {
        ws(j);
        if (object) {
            if (!string(j))
                return false;
            ws(j);
            if (j->p >= j->end || *j->p != ':')
                return false;
            j->p++;
            ws(j);
        }
        if (!value(j))
            return false;
        ws(j);
        if (j->p < j->end && *j->p == ',') {
            j->p++;
            continue;
        }
        if (j->p < j->end && *j->p == close) {
            j->p++;
            j->depth--;
            return true;
        }
        return false;
    }
}

static bool value(struct jp *j)
{
    if (j->p >= j->end)
        return false;
    switch (*j->p) {
    case '{': return container(j, '}', true);
    case '[': return container(j, ']', false);
    case '"': return string(j);
    case 't': return lit(j, "true");
    case 'f': return lit(j, "false");
    case 'n': return lit(j, "null");
    default: return number(j);
    }
}

bool json_text_valid(const char *text, size_t n)
{
    struct jp j = { (const unsigned char *)text, (const unsigned char *)text + n, 0 };
    ws(&j);
    if (!value(&j))
        return false;
    ws(&j);
    return j.p == j.end;
}
