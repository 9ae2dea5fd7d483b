/* test_url.c - the userinfo of URLs, password masking in messages and
 * scrubbing of command-line arguments (issue 8, "Secrets"). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
