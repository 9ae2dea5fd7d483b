/* test_url.c - the userinfo of URLs, password masking in messages and
 * scrubbing of command-line arguments (issue 8, "Secrets"). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/url.h"

static void expect_userinfo(const char *url, const char *user, const char *password,
                            const char *host)
{
    struct url_userinfo u;
    cr_assert(url_userinfo(url, url_authority_len(url), &u), "%s: no userinfo", url);
    cr_expect_eq(u.user_len, strlen(user), "%s: user", url);
    cr_expect(strncmp(url + u.user, user, u.user_len) == 0, "%s: user %.*s", url,
              (int)u.user_len, url + u.user);
    if (password) {
        cr_expect(u.has_password, "%s", url);
        cr_expect_eq(u.password_len, strlen(password), "%s: password", url);
        cr_expect(strncmp(url + u.password, password, u.password_len) == 0, "%s: password %.*s",
                  url, (int)u.password_len, url + u.password);
    } else {
        cr_expect_not(u.has_password, "%s", url);
    }
    cr_expect_str_eq(url + u.host, host, "%s: host part", url);
}

Test(url, userinfo_ends_at_the_last_at_sign)
{
    expect_userinfo("mysql://repl:secret@db:3306", "repl", "secret", "db:3306");
    expect_userinfo("redis://:S3cret@127.0.0.1:6379/0", "", "S3cret", "127.0.0.1:6379/0");
    expect_userinfo("mongodb://u:s3cr@etpass@127.0.0.1:2/db?w=1", "u", "s3cr@etpass",
                    "127.0.0.1:2/db?w=1");
    expect_userinfo("mongodb+srv://u:p:w@cluster0.example.net/", "u", "p:w",
                    "cluster0.example.net/");
    expect_userinfo("unix://u:pw@/run/redis.sock", "u", "pw", "/run/redis.sock");
    expect_userinfo("mysql://repl@db", "repl", NULL, "db");
    expect_userinfo("rediss://u:@h", "u", "", "h");
    struct url_userinfo u;
    cr_expect_not(url_userinfo("redis://cache:6379", 18, &u), "no userinfo");
    cr_expect_not(url_userinfo("cache:6379@x", 12, &u), "no scheme");
    cr_expect_not(url_userinfo("1http://u:p@h", 13, &u), "a scheme starts with a letter");
    /* '@' after the authority is not the userinfo's, unless asked */
    const char *q = "mongodb://h:1/db?x=a@b";
    cr_expect_not(url_userinfo(q, url_authority_len(q), &u));
    cr_expect(url_userinfo(q, strlen(q), &u));
    cr_expect(url_has_password("redis://u:p@h"));
    cr_expect(url_has_password("mysql://u:@h"));
    cr_expect_not(url_has_password("mysql://u@h"));
    cr_expect_not(url_has_password("redis://h:6379"));
    cr_expect_not(url_has_password(NULL));
}

static void expect_redacted(const char *in, const char *want)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", in);
    url_redact_passwords(buf, sizeof buf);
    cr_expect_str_eq(buf, want, "redacting %s", in);
}

Test(url, every_url_in_a_message_loses_its_password)
{
    expect_redacted("redis.url: the URL must be redis://[[user]:password@]host[:port][/db], "
                    "got \"http://:S3cretPass@127.0.0.1:6379\"",
                    "redis.url: the URL must be redis://[[user]:password@]host[:port][/db], "
                    "got \"http://:***@127.0.0.1:6379\"");
    expect_redacted("cannot reach mongodb://u:s3cr@etpass@127.0.0.1:2/db: refused",
                    "cannot reach mongodb://u:***@127.0.0.1:2/db: refused");
    expect_redacted("a mysql://repl:x@db and a mongodb+srv://u:pw@c.example.net/?w=1, "
                    "rediss://:longer-secret@h unix://a:b@/s",
                    "a mysql://repl:***@db and a mongodb+srv://u:***@c.example.net/?w=1, "
                    "rediss://:***@h unix://a:***@/s");
    /* a '/' or '?' in the password: the whole word up to the last '@' */
    expect_redacted("url mongodb://u:pa/ss?x@h/db end", "url mongodb://u:***@h/db end");
    /* usage forms are not URLs */
    expect_redacted("(expected mysql://user[:password]@host[:port]) or mongodb://[user:password@]h "
                    "or redis://[[user]:password@]host", "(expected mysql://user[:password]@host"
                    "[:port]) or mongodb://[user:password@]h or redis://[[user]:password@]host");
    /* nothing to hide */
    expect_redacted("redis://cache:6379/0 and mysql://repl@db", "redis://cache:6379/0 and "
                    "mysql://repl@db");
    expect_redacted("no url: user@host, a:b@c, ://x:y@z", "no url: user@host, a:b@c, ://x:y@z");
    expect_redacted("", "");
    expect_redacted("http://", "http://");
    expect_redacted("x://u:p@", "x://u:***@");
    /* growing a one-byte password in a full buffer cuts the end */
    char small[16] = "r://u:p@host123";
    url_redact_passwords(small, sizeof small);
    cr_expect_str_eq(small, "r://u:***@host1");
    char tiny[8] = "r://u:p";
    url_redact_passwords(tiny, sizeof tiny);
    cr_expect_str_eq(tiny, "r://u:p", "no '@': no userinfo");
}

Test(url, a_url_cut_off_at_the_end_loses_all_but_its_scheme)
{
    char a[64] = "cannot reach mongodb://app:s3cr@et";
    url_redact_cut_tail(a, sizeof a);
    cr_expect_str_eq(a, "cannot reach mongodb://***");
    char b[64] = "a redis://:pw@h and then x:y";
    url_redact_cut_tail(b, sizeof b);
    cr_expect_str_eq(b, "a redis://:pw@h and then x:y", "the last word is no URL");
    char c[8] = "r://";
    url_redact_cut_tail(c, sizeof c);
    cr_expect_str_eq(c, "r://***");
}

Test(url, scrubbing_keeps_the_shape_and_hides_every_password_byte)
{
    char a[] = "mysql://repl:S3cret@db:3306";
    url_scrub_password(a);
    cr_expect_str_eq(a, "mysql://repl:xxxxxx@db:3306");
    char b[] = "mongodb://u:p@ss/w:rd@127.0.0.1:27017/db?authSource=admin";
    url_scrub_password(b);
    cr_expect_str_eq(b, "mongodb://u:xxxxxxxxx@127.0.0.1:27017/db?authSource=admin");
    char c[] = "redis://127.0.0.1:6379/0";
    url_scrub_password(c);
    cr_expect_str_eq(c, "redis://127.0.0.1:6379/0");
    char d[] = "redis://:pw@h";
    url_scrub_password(d);
    cr_expect_str_eq(d, "redis://:xx@h");
    url_scrub_password(NULL);
}

Test(url, every_url_argument_is_scrubbed)
{
    char a0[] = "binbridge", a1[] = "--source", a2[] = "mysql://u:pw1@h",
         a3[] = "--redis=redis://:pw2@h", a4[] = "--checkpoint", a5[] = "name:with@colon",
         a6[] = "mongodb://x:p@w3@h/d";
    char *argv[] = { a0, a1, a2, a3, a4, a5, a6, NULL };
    url_scrub_args(7, argv);
    cr_expect_str_eq(a2, "mysql://u:xxx@h");
    cr_expect_str_eq(a3, "--redis=redis://:xxx@h");
    cr_expect_str_eq(a5, "name:with@colon", "not a URL");
    cr_expect_str_eq(a6, "mongodb://x:xxxx@h/d");
}

Test(url, userinfo_escaped_for_libmongoc)
{
    static const char *const cases[][2] = {
        { "mongodb://u:s3cr@etpass@127.0.0.1:27017/db", "mongodb://u:s3cr%40etpass@127.0.0.1:27017/db" },
        { "mongodb://u:p:w[x]@h", "mongodb://u:p%3Aw%5Bx%5D@h" },
        { "mongodb://a@b@h/?w=1", "mongodb://a%40b@h/?w=1" },
        { "mongodb://u:already%40escaped@h", "mongodb://u:already%40escaped@h" },
        { "mongodb://h:27017/db?appname=a@b", "mongodb://h:27017/db?appname=a@b" },
        { "mongodb+srv://u:pw@c.example.net", "mongodb+srv://u:pw@c.example.net" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = url_escape_userinfo(cases[i][0]);
        cr_assert_not_null(got);
        cr_expect_str_eq(got, cases[i][1], "escaping %s", cases[i][0]);
        free(got);
    }
}

/* ---- the one URL parser (url_parse) ---- */

static struct url parsed(const char *text)
{
    struct url u;
    struct bb_error err = { 0 };
    int rc = url_parse(&u, text, "FORM", &err);
    cr_assert_eq(rc, 0, "%s: %s", text, err.msg);
    return u;
}

/* text is refused with a message containing want, and showing none of
 * the secrets (NULL-terminated). */
static void refused(const char *text, const char *want, const char *const *secrets)
{
    struct url u;
    struct bb_error err = { 0 };
    int rc = url_parse(&u, text, "FORM", &err);
    url_destroy(&u);
    cr_assert_eq(rc, BB_ERR_USAGE, "%s was accepted", text);
    cr_expect(strstr(err.msg, want), "%s: \"%s\" lacks \"%s\"", text, err.msg, want);
    for (size_t i = 0; secrets && secrets[i]; i++)
        cr_expect_null(strstr(err.msg, secrets[i]), "%s: the message \"%s\" shows \"%s\"", text,
                       err.msg, secrets[i]);
}

Test(url, parts_of_a_tcp_url)
{
    struct url u = parsed("mysql://repl:s3cret@db.example.com:3307");
    cr_expect_str_eq(u.scheme, "mysql");
    cr_expect_str_eq(u.user, "repl");
    cr_expect_str_eq(u.password, "s3cret");
    cr_expect_str_eq(u.host, "db.example.com");
    cr_expect_not(u.ipv6);
    cr_expect_eq(u.port, 3307u);
    cr_expect_null(u.path);
    cr_expect_not(u.has_query);
    cr_expect_not(u.has_fragment);
    url_destroy(&u);

    u = parsed("REDIS://Cache");
    cr_expect_str_eq(u.scheme, "redis", "the scheme in lower case");
    cr_expect_str_eq(u.host, "Cache");
    cr_expect_null(u.user);
    cr_expect_null(u.password);
    cr_expect_eq(u.port, 0u, "no port given");
    url_destroy(&u);

    u = parsed("redis://u:@h/0");
    cr_expect_str_eq(u.password, "", "a ':' with nothing after it");
    cr_expect_str_eq(u.path, "/0");
    url_destroy(&u);

    u = parsed("mysql://u@h#frag");
    cr_expect(u.has_fragment);
    url_destroy(&u);
}

Test(url, ipv6_hosts)
{
    struct url u = parsed("redis://[::1]:7000/2");
    cr_expect_str_eq(u.host, "::1");
    cr_expect(u.ipv6);
    cr_expect_eq(u.port, 7000u);
    cr_expect_str_eq(u.path, "/2");
    url_destroy(&u);
    u = parsed("mariadb://u:p@[fe80::1:2.3.4.5]");
    cr_expect_str_eq(u.host, "fe80::1:2.3.4.5");
    url_destroy(&u);
    refused("redis://[::1", "'[' of an IPv6 address without its ']'", NULL);
    refused("redis://[zz::1]", "'[zz::1]' is not an IPv6 address", NULL);
    refused("redis://[]:1", "'[]' is not an IPv6 address", NULL);
    refused("redis://[1234]", "'[1234]' is not an IPv6 address", NULL);
    refused("redis://[::1]x", "unexpected characters after the IPv6 address (expected FORM)",
            NULL);
    refused("redis://::1:6379", "write an IPv6 address in brackets", NULL);
}

Test(url, unix_sockets_with_userinfo_and_a_query)
{
    struct url u = parsed("unix://app:p%40w@/run/redis/redis.sock?db=3");
    cr_expect_str_eq(u.scheme, "unix");
    cr_expect_str_eq(u.user, "app");
    cr_expect_str_eq(u.password, "p@w");
    cr_expect_null(u.host);
    cr_expect_eq(u.port, 0u);
    cr_expect_str_eq(u.path, "/run/redis/redis.sock");
    cr_assert_eq(u.nparams, 1u);
    cr_expect_str_eq(u.params[0].name, "db");
    cr_expect_str_eq(u.params[0].value, "3");
    url_destroy(&u);

    u = parsed("unix:///tmp/r%20s.sock");
    cr_expect_null(u.user);
    cr_expect_str_eq(u.path, "/tmp/r s.sock", "the path is %%-decoded");
    url_destroy(&u);

    u = parsed("unix://:pw@/s");
    cr_expect_str_eq(u.user, "");
    cr_expect_str_eq(u.password, "pw");
    url_destroy(&u);

    static const char *const pw[] = { "pw", NULL };
    refused("unix://relative.sock", "unix:// needs an absolute socket path", NULL);
    refused("unix://u:pw@relative.sock", "unix:// needs an absolute socket path", pw);
    refused("unix://u:pw@", "unix:// needs an absolute socket path", pw);
    refused("unix://host/tmp/x.sock", "unix:// needs an absolute socket path", NULL);
}

Test(url, passwords_with_escapes_and_unescaped_at_signs)
{
    struct url u = parsed("mysql://r%40oot:a%40b%2Fc%3Fd%25@h");
    cr_expect_str_eq(u.user, "r@oot");
    cr_expect_str_eq(u.password, "a@b/c?d%", "%%40, %%2F, %%3F and %%25 decoded");
    cr_expect_str_eq(u.host, "h");
    url_destroy(&u);

    /* the userinfo ends at the authority's last '@', the password starts
     * after its first ':' */
    u = parsed("redis://u:p@ss:w@rd@h:1/0");
    cr_expect_str_eq(u.user, "u");
    cr_expect_str_eq(u.password, "p@ss:w@rd");
    cr_expect_str_eq(u.host, "h");
    cr_expect_eq(u.port, 1u);
    url_destroy(&u);

    u = parsed("redis://a@b@h");
    cr_expect_str_eq(u.user, "a@b");
    cr_expect_null(u.password);
    url_destroy(&u);

    /* An unescaped '/', '?' or '#' in a password ends the authority early:
     * the '@' after it says so, without the password's bytes. */
    static const char *const secret[] = { "Xq", "Zw", "Kj", "Vb", NULL };
    refused("redis://u:Xq/Zw@h:6379", "an '@' after the host part (character 16)", secret);
    refused("mysql://u:Xq?Zw@h", "must be written %2F, %3F or %23", secret);
    refused("mysql://u:Xq#Zw@h", "an '@' after the host part", secret);
    refused("redis://u:Kj/Vb@h:12x", "an '@' after the host part", secret);
    /* and a '@' in a query is no userinfo either */
    refused("redis://h/?a=b@c", "an '@' after the host part", NULL);
}

Test(url, bad_escapes_name_the_part_and_the_position)
{
    static const char *const secret[] = { "s3cr", "zz", NULL };
    refused("mysql://u:s3cr%zz@h", "bad percent escape in the password at character 15 "
            "(expected % and two hex digits)", secret);
    refused("mysql://u:s3cr%4@h", "bad percent escape in the password at character 15", secret);
    refused("mysql://u:s3cr%@h", "bad percent escape in the password", secret);
    refused("mysql://u%4:s3cr@h", "bad percent escape in the user name at character 10", secret);
    refused("mysql://u:s3cr%00@h", "the password holds %00 at character 15", secret);
    refused("unix:///tmp/x%2", "bad percent escape in the path at character 14", NULL);
    refused("redis://h/?db=%0", "bad percent escape in the query", NULL);
    refused("redis://h/?db=%00", "the query holds %00", NULL);

    struct url u = parsed("redis://h/?db=%31&&x&y=%41%2f");
    cr_assert_eq(u.nparams, 3u, "empty pieces are skipped");
    cr_expect_str_eq(u.params[0].value, "1");
    cr_expect_str_eq(u.params[1].name, "x");
    cr_expect_null(u.params[1].value, "no '='");
    cr_expect_str_eq(u.params[2].value, "A/");
    url_destroy(&u);
}

Test(url, hosts_and_ports)
{
    static const char *const pw[] = { "s3cret", NULL };
    refused("redis://", "no host (expected FORM)", NULL);
    refused("redis://u:s3cret@", "no host (expected FORM)", pw);
    refused("redis://:6379", "no host (expected FORM)", NULL);
    refused("redis:///0", "no host", NULL);
    refused("redis://ca che", "invalid character ' ' in the host name (expected FORM)", NULL);
    refused("mysql://u:s3cret@h%41", "invalid character '%' in the host name", pw);
    refused("redis://h:0", "the port must be a number from 1 to 65535", NULL);
    refused("redis://h:65536", "the port must be a number from 1 to 65535", NULL);
    refused("redis://h:123456", "the port must be a number from 1 to 65535", NULL);
    refused("redis://h:", "the port must be a number from 1 to 65535", NULL);
    refused("redis://u:s3cret@h:12x", "the port must be a number from 1 to 65535", pw);
    refused("redis://h:-1", "the port must be a number from 1 to 65535", NULL);
    refused("cache:6379", "not a URL", NULL);
    refused("", "not a URL (scheme://...) (expected FORM)", NULL);
    struct url u = parsed("redis://h:65535");
    cr_expect_eq(u.port, 65535u);
    url_destroy(&u);
    u = parsed("redis://h:1");
    cr_expect_eq(u.port, 1u);
    url_destroy(&u);
    u = parsed("mysql://u@my_host-1.example.com");
    cr_expect_str_eq(u.host, "my_host-1.example.com");
    url_destroy(&u);
}

Test(url, quotable_values)
{
    char buf[64];
    cr_expect_str_eq(url_quotable("redis://u:pw@h", buf, sizeof buf), "redis://u:pw@h",
                     "a URL with a scheme: its password is masked when the message is made");
    cr_expect_str_eq(url_quotable("u:Pa@ss@/run/x", buf, sizeof buf), "...@/run/x");
    cr_expect_str_eq(url_quotable("cache:6379", buf, sizeof buf), "cache:6379");
}
