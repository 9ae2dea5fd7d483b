/* test_redis_slots.c - Redis Cluster's key space (sinks/redis/redis_slots.h):
 * CRC16 and hash slots against the specification's vectors and what
 * redis-server 7.0's CLUSTER KEYSLOT answers, hash tags, the slot tags of
 * the position markers, redirections and CLUSTER NODES. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "binbridge.h"
#include "base/error.h"
#include "sinks/redis/redis_slots.h"

Test(redis_slots, crc16_is_the_specifications)
{
    /* The specification: "The CRC16 of '123456789' is 0x31C3". */
    cr_assert_eq(redis_crc16("123456789", 9), 0x31C3);
    cr_assert_eq(redis_crc16("", 0), 0);
    cr_assert_eq(redis_crc16("A", 1), 0x58E5);
}

Test(redis_slots, key_slots_are_cluster_keyslots)
{
    /* What CLUSTER KEYSLOT of redis-server 7.0.15 answered for each. */
    static const struct {
        const char *key;
        unsigned slot;
    } v[] = {
        { "foo", 12182 }, { "bar", 5061 }, { "hello", 866 }, { "somekey", 11058 },
        { "123456789", 12739 }, { "{user1000}.following", 3443 },
        { "foo{}{bar}", 8363 },         /* "{}": no tag, the whole key */
        { "foo{{bar}}zap", 4015 },      /* the tag is "{bar" */
        { "foo{bar}{zap}", 5061 },      /* the first tag: "bar" */
        { "{}", 15257 }, { "{", 4092 }, { "a{b", 13340 }, { "x}{y}", 12222 }, { "", 0 },
    };
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        cr_expect_eq(redis_key_slot(v[i].key, strlen(v[i].key)), v[i].slot, "%s: %u, not %u",
                     v[i].key, redis_key_slot(v[i].key, strlen(v[i].key)), v[i].slot);
    cr_assert_eq(redis_key_slot("{user1000}.following", 20),
                 redis_key_slot("{user1000}.followers", 20));
    /* Binary keys: a NUL is a byte like any other. */
    cr_assert_eq(redis_key_slot("a\0{x}", 5), redis_key_slot("x", 1));
}

Test(redis_slots, every_slot_has_a_tag_that_lands_in_it)
{
    size_t longest = 0;
    for (unsigned s = 0; s < REDIS_SLOTS; s++) {
        const char *t = redis_slot_tag(s);
        cr_assert_not_null(t, "slot %u has no tag", s);
        char key[64];
        int n = snprintf(key, sizeof key, "binbridge:checkpoint:x:{%s}", t);
        cr_assert_eq(redis_key_slot(key, (size_t)n), s, "tag %s of slot %u", t, s);
        if (strlen(t) > longest)
            longest = strlen(t);
    }
    cr_assert_leq(longest, 6u);
    cr_assert_null(redis_slot_tag(REDIS_SLOTS));
    /* Stable: the markers are named with these. */
    cr_assert_str_eq(redis_slot_tag(redis_key_slot("0", 1)), "0");
}

Test(redis_slots, redirections)
{
    struct redis_redirect r;
    const char *m = "MOVED 3999 127.0.0.1:6381";
    cr_assert_eq(redis_redirect_parse(m, strlen(m), &r), 1);
    cr_assert_eq(r.kind, REDIS_REDIRECT_MOVED);
    cr_assert_eq(r.slot, 3999u);
    cr_assert_str_eq(r.host, "127.0.0.1");
    cr_assert_eq(r.port, 6381);
    m = "ASK 16383 ::1:7002";
    cr_assert_eq(redis_redirect_parse(m, strlen(m), &r), 1);
    cr_assert_eq(r.kind, REDIS_REDIRECT_ASK);
    cr_assert_eq(r.slot, 16383u);
    cr_assert_str_eq(r.host, "::1");
    cr_assert_eq(r.port, 7002);
    m = "MOVED 12 [fe80::1]:7000";
    cr_assert_eq(redis_redirect_parse(m, strlen(m), &r), 1);
    cr_assert_str_eq(r.host, "fe80::1");
    m = "MOVED 5 :7005";                /* no endpoint known: the host that answered */
    cr_assert_eq(redis_redirect_parse(m, strlen(m), &r), 1);
    cr_assert_str_eq(r.host, "");
    cr_assert_eq(r.port, 7005);
    m = "MOVED 5 node-3.example:7005";
    cr_assert_eq(redis_redirect_parse(m, strlen(m), &r), 1);
    cr_assert_str_eq(r.host, "node-3.example");
    /* not redirections */
    static const char *const no[] = {
        "ERR unknown command", "MOVEDX 1 a:1", "ASKING",
        "TRYAGAIN Multiple keys request during rehashing of slot",
        "CLUSTERDOWN The cluster is down", "",
    };
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        cr_assert_eq(redis_redirect_parse(no[i], strlen(no[i]), &r), 0, "%s", no[i]);
    /* malformed */
    static const char *const bad[] = { "MOVED 16384 a:1", "MOVED x a:1", "MOVED 1", "MOVED 1 a",
                                       "ASK 1 a:", "ASK 1 a:99999", "MOVED 1 a:0", "ASK  1 a:1" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_eq(redis_redirect_parse(bad[i], strlen(bad[i]), &r), -1, "%s", bad[i]);
    /* every truncation of a good one fails cleanly (or is another good one:
     * "...:638" is port 638) */
    m = "MOVED 3999 127.0.0.1:6381";
    for (size_t n = 0; n < strlen(m); n++) {
        int rc = redis_redirect_parse(m, n, &r);
        cr_assert(rc == -1 || (rc == 0 && n < 6) || (rc == 1 && r.port < 6381), "%.*s", (int)n, m);
    }
}

/* What a 3-master, 3-replica cluster of redis-server 7.0 says, a slot in
 * migration and a replica failed. */
static const char nodes_text[] =
    "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001 myself,master - 0 0 1 "
    "connected 0-5460 [5461->-67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1]\n"
    "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@40002,node-2.example master - 0 "
    "1426238316232 2 connected 5461-10922\n"
    "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@40003 master - 0 1426238318243 3 "
    "connected 10923-16383\n"
    "6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@40005 slave "
    "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 0 1426238316232 5 connected\n"
    "824fe116063bc5fcf9f4ffd895bc17aee7731ac3 127.0.0.1:30006@40006 slave,fail "
    "292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 0 1426238317741 6 disconnected\n"
    "e4a5b2c6f5d0d8ef1e7d1eecce10fd6bb5eb35b9 127.0.0.1:30004@40004 slave "
    "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected\n";

Test(redis_slots, cluster_nodes)
{
    struct redis_topology t;
    struct bb_error err = { 0 };
    cr_assert_eq(redis_topology_parse(&t, nodes_text, strlen(nodes_text), "10.0.0.1", &err), 0,
                 "%s", err.msg);
    cr_assert_eq(t.n, 6u);
    cr_assert(t.nodes[0].myself && t.nodes[0].master);
    cr_assert_str_eq(t.nodes[0].host, "127.0.0.1");
    cr_assert_eq(t.nodes[0].port, 30001);
    cr_assert_str_eq(t.nodes[1].hostname, "node-2.example");
    cr_assert_eq(t.owner[0], 0);
    cr_assert_eq(t.owner[5460], 0);
    cr_assert_eq(t.owner[5461], 1);
    cr_assert_eq(t.owner[10922], 1);
    cr_assert_eq(t.owner[16383], 2);
    cr_assert_eq(t.migrating, 1u);
    cr_assert_eq(t.replicas[0], 1);
    cr_assert_eq(t.replicas[1], 1);
    cr_assert_eq(t.replicas[2], 0, "a failed replica is not counted");
    cr_assert(t.nodes[4].fail && !t.nodes[4].connected);
    cr_assert_str_eq(t.nodes[3].master_id, "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1");
    char buf[64];
    cr_assert_eq(redis_topology_uncovered(&t, buf, sizeof buf), 0u);
    redis_topology_free(&t);

    /* A node that knows no other yet shows no ip: the host that answered. */
    const char *alone = "151f2422b6f03049641b95abeaa5eb41ba4e8fcc :64001@54001 myself,master - "
                        "0 0 0 connected\n";
    cr_assert_eq(redis_topology_parse(&t, alone, strlen(alone), "127.0.0.1", &err), 0);
    cr_assert_str_eq(t.nodes[0].host, "127.0.0.1");
    cr_assert_eq(t.nodes[0].port, 64001);
    cr_assert_eq(redis_topology_uncovered(&t, buf, sizeof buf), 16384u);
    cr_assert_str_eq(buf, "0-16383");
    redis_topology_free(&t);

    /* Holes in the coverage, named. */
    const char *holes = "a 127.0.0.1:1@2 myself,master - 0 0 1 connected 0-99 101-16000 16002\n";
    cr_assert_eq(redis_topology_parse(&t, holes, strlen(holes), NULL, &err), 0);
    cr_assert_eq(redis_topology_uncovered(&t, buf, sizeof buf), 1u + 1u + 381u);
    cr_assert_str_eq(buf, "100, 16001, 16003-16383");
    redis_topology_free(&t);

    /* A failed master's slots are served by no one until its replica
     * takes over. */
    const char *failed = "a 127.0.0.1:1@2 master,fail - 0 0 1 disconnected 0-16383\n";
    cr_assert_eq(redis_topology_parse(&t, failed, strlen(failed), NULL, &err), 0);
    cr_assert_eq(redis_topology_uncovered(&t, buf, sizeof buf), 16384u);
    redis_topology_free(&t);
}

Test(redis_slots, cluster_nodes_that_cannot_be_read)
{
    static const char *const bad[] = {
        "a 127.0.0.1:1@2 master - 0 0 1\n",                         /* too few fields */
        "a 127.0.0.1@2 master - 0 0 1 connected\n",                 /* no port */
        "a 127.0.0.1:1@2 master - 0 0 1 connected 0-16384\n",       /* past the last slot */
        "a 127.0.0.1:1@2 master - 0 0 1 connected 9-3\n",           /* backwards */
        "a 127.0.0.1:1@2 master - 0 0 1 connected x\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        struct redis_topology t;
        struct bb_error err = { 0 };
        cr_assert_eq(redis_topology_parse(&t, bad[i], strlen(bad[i]), NULL, &err), BB_ERR_SERVER,
                     "%s", bad[i]);
        cr_assert(strstr(err.msg, "CLUSTER NODES"), "%s", err.msg);
        cr_assert_null(strchr(err.msg, '\n'));
        redis_topology_free(&t);
    }
    /* every truncation of a good text parses or fails cleanly */
    for (size_t n = 0; n < sizeof nodes_text - 1; n += 7) {
        struct redis_topology t;
        struct bb_error err = { 0 };
        (void)redis_topology_parse(&t, nodes_text, n, NULL, &err);
        redis_topology_free(&t);
    }
}
