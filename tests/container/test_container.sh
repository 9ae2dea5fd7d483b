#!/usr/bin/env bash
# test_container.sh - docker/Dockerfile built and run for real, with Podman,
# against the test servers (scripts/servers.sh), as an operator runs it:
#   1. the image builds (base: scripts/container-base.sh); it runs as a
#      user that is not root, has its version in its labels, a HEALTHCHECK,
#      MONGOC_DISABLE_SHM=1, CA certificates and no compiler;
#   2. docker/compose.yml parses, has its five services, and every binbridge
#      option and variable it uses is one binbridge takes;
#   3. the bridge (the image's default command, PID 1, the URLs in its
#      environment, rules in a file mounted at /etc/binbridge/binbridge.conf)
#      replicates a workload into Redis (a hash per row and a change stream)
#      and MongoDB, exactly, and becomes healthy through the image's
#      HEALTHCHECK, which also fails, saying why, without a checkpoint;
#   4. `podman stop` (SIGTERM) stops it at once with exit code 0 and its
#      checkpoint saved past the workload; rows written while it is stopped
#      arrive after `podman start`, nothing lost or doubled (the stream has
#      one entry per row change, no two for the same change);
#   5. `binbridge dump --blocking` as the container's PID 1 prints a change
#      as it happens and stops the same way.
# One line per check; a failure ends with one line saying why.
#
# Usage: tests/container/test_container.sh   (make test-container; as root)
# Environment: the variables of scripts/servers.sh (ports), BB_TOOLS_DIR
#   (scripts/container-base.sh's cache), BB_CONTAINER_IMAGE (the tag built,
#   default localhost/binbridge:test), BB_SKIP_CONTAINER=1 (skip it all).
set -euo pipefail
shopt -s inherit_errexit

prog=test_container.sh
root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd -- "$root"
t_start=$SECONDS

ok() { printf '%s: ok: %s\n' "$prog" "$*"; }
# A failure shows the tail of $context (a log), or of the output of
# container $context_of, then says why in its last line.
fail() {
    if [[ -n ${context_of:-} ]]; then
        context=$tmp/$context_of.log
        podman logs "$context_of" >"$context" 2>&1 || true
    fi
    if [[ -n ${context:-} && -s $context ]]; then
        { printf -- '--- the last lines of %s ---\n' "${context_of:-$context}"; tail -n 30 -- "$context"; } >&2
    fi
    printf '%s: FAILED: %s\n' "$prog" "$*" >&2
    exit 1
}

if [[ ${BB_SKIP_CONTAINER:-} == 1 ]]; then
    printf '%s: skipped (BB_SKIP_CONTAINER=1)\n' "$prog"
    exit 0
fi
((EUID == 0)) || fail "run as root (Podman runs the test containers as root)"
# Exit 77: not run, and test.sh says so in its last line (never a pass).
if ! mountpoint -q /; then
    printf '%s: NOT RUN: / is not a mount point (a chroot?), where Podman cannot unpack images\n' "$prog"
    exit 77
fi
for t in podman mariadb redis-cli /usr/bin/python3; do
    command -v "$t" >/dev/null 2>&1 || fail "$t not found: run scripts/deps.sh first"
done
/usr/bin/python3 -c 'import yaml, pymongo' 2>/dev/null || fail "python3-yaml or python3-pymongo missing: run scripts/deps.sh first"

env_lines=$(scripts/servers.sh env) || fail "scripts/servers.sh env failed"
eval "$env_lines"

IMAGE=${BB_CONTAINER_IMAGE:-localhost/binbridge:test}
BASE=docker.io/library/debian:12-slim
tag=bbct_$$                              # schema, checkpoint, Redis and Mongo names
bridge=bbct-bridge-$$                    # container names
dumper=bbct-dump-$$
bridge_sid=$((0x62640000 | ($$ & 0x7fff)))
dump_sid=$((0x62648000 | ($$ & 0x7fff)))
tmp=$(mktemp -d "${TMPDIR:-/tmp}/binbridge-container.XXXXXX")
context=""                               # a file whose tail a failure shows
context_of=""                            # or a container whose output it shows

# Podman as the issue's recipe runs it here: runc, cgroupfs (no systemd).
# Its complaints that no systemd schedules health checks (this test runs
# them with `podman healthcheck run`) go to a log of their own.
pm() { podman --runtime runc --cgroup-manager=cgroupfs "$@" 2>>"$tmp/podman.err"; }
sql() {
    mariadb --no-defaults --protocol=tcp -h"$BB_MARIADB_HOST" -P"$BB_MARIADB_PORT" \
        -u"$BB_MARIADB_USER" -p"$BB_MARIADB_PASSWORD" --batch --skip-column-names "$@"
}
rcli() { redis-cli -h "$BB_REDIS_HOST" -p "$BB_REDIS_PORT" "$@"; }

cleanup() {
    set +e
    podman rm -f -t 0 "$bridge" "$dumper" >/dev/null 2>&1
    sql -e "DROP DATABASE IF EXISTS $tag" >/dev/null 2>&1
    rcli DEL "binbridge:checkpoint:$tag" "$tag:t" >/dev/null 2>&1
    rcli --scan --pattern "$tag:t:*" | xargs -r redis-cli -h "$BB_REDIS_HOST" -p "$BB_REDIS_PORT" DEL >/dev/null 2>&1
    /usr/bin/python3 - "$BB_MONGO_URL" "$tag" >/dev/null 2>&1 <<'PY'
import sys, pymongo
c = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=3000)
c.drop_database(sys.argv[2])
c.binbridge.binbridge.delete_one({"_id": sys.argv[2]})
PY
    rm -rf -- "$tmp"
}
trap cleanup EXIT

# wait_for SECONDS WHAT COMMAND...: until COMMAND succeeds, or fail.
wait_for() {
    local seconds=$1 what=$2 deadline
    shift 2
    deadline=$((SECONDS + seconds))
    until "$@"; do
        ((SECONDS < deadline)) || fail "$what: not within $seconds s"
        sleep 0.2
    done
}

# ---------------------------------------------------------------- 1. the image

scripts/container-base.sh >"$tmp/base.log" 2>&1 || { context=$tmp/base.log; fail "scripts/container-base.sh failed"; }
context=$tmp/build.log
t0=$SECONDS
# The build stage is tagged too ($IMAGE-build), so that the images this
# build replaced can be removed (the prune) without its cache.
for target in build ""; do
    nice -n 19 podman build --format docker --pull=never --isolation chroot \
        ${target:+--target "$target"} -f docker/Dockerfile -t "$IMAGE${target:+-$target}" . \
        >>"$tmp/build.log" 2>&1 || fail "podman build -f docker/Dockerfile ${target:+--target $target }failed"
done
build_s=$((SECONDS - t0))
# Images of earlier builds, and bases scripts/container-base.sh replaced.
for label in org.opencontainers.image.title=binbridge org.binbridge.base-recipe; do
    podman image prune -f --filter "label=$label" >/dev/null 2>&1 || true
done
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$BASE")
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
ok "podman build in $build_s s: image $(mb "$size"), base $BASE $(mb "$base_size"), binbridge adds $(mb $((size - base_size)))"

context=$tmp/podman.err
user=$(podman image inspect --format '{{.Config.User}}' "$IMAGE")
[[ $user =~ ^[1-9][0-9]*(:[0-9]+)?$ ]] || fail "the image's user is '$user', not a numeric user other than root"
uid=$(pm run --rm --entrypoint /usr/bin/id "$IMAGE" -u) || fail "id in the image failed"
[[ $uid != 0 ]] || fail "the image runs as root"
ok "runs as user $user (uid $uid), not root"

version=$(pm run --rm "$IMAGE" --version | sed -n '1s/^binbridge //p')
label=$(podman image inspect --format '{{index .Config.Labels "org.opencontainers.image.version"}}' "$IMAGE")
[[ -n $version && $label == "$version" ]] || fail "label org.opencontainers.image.version is '$label', binbridge --version says '$version'"
ok "label org.opencontainers.image.version $label = binbridge --version"

health=$(podman image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE")
[[ $health == *'"Test":'*status* ]] || fail "no HEALTHCHECK running binbridge status in the image (built without --format docker?): $health"
ok "HEALTHCHECK runs binbridge status"

envs=$(podman image inspect --format '{{json .Config.Env}}' "$IMAGE")
[[ $envs == *'"MONGOC_DISABLE_SHM=1"'* ]] || fail "MONGOC_DISABLE_SHM=1 is not in the image's environment: $envs"
extra=$(pm run --rm --entrypoint /bin/sh "$IMAGE" -c \
    'for t in gcc cc make pkg-config; do command -v $t; done; ls /usr/include 2>/dev/null | head -n 3' || true)
[[ -z $extra ]] || fail "the runtime image has build tools or headers: $(echo $extra)"
pm run --rm --entrypoint /bin/sh "$IMAGE" -c 'test -s /etc/ssl/certs/ca-certificates.crt' \
    || fail "no CA certificates in the image (/etc/ssl/certs/ca-certificates.crt)"
ok "MONGOC_DISABLE_SHM=1, CA certificates, no compiler or headers in the runtime image"

# ---------------------------------------------------------------- 2. docker/compose.yml

# The services that run the image, one line each: name, the command as
# JSON (null: the image's default), a file of their environment
# (podman run --env-file) and the file mounted as the configuration or "".
/usr/bin/python3 - docker/compose.yml "$tmp" >"$tmp/compose.txt" 2>"$tmp/compose.err" <<'PY' || { context=$tmp/compose.err; fail "docker/compose.yml: $(tail -n 1 "$tmp/compose.err")"; }
import json, os, sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
services = doc.get("services") or {}
need = {"mysql": "mysql:8.4", "redis": "redis", "mongo": "mongo"}
for name, image in need.items():
    if name not in services:
        sys.exit(f"no service {name}")
    if not str(services[name].get("image", "")).startswith(image):
        sys.exit(f"service {name} runs {services[name].get('image')}, not {image}")
ours = {n: s for n, s in services.items()
        if (s.get("build") or {}).get("dockerfile") == "docker/Dockerfile"}
commands = {n: s.get("command") for n, s in ours.items()}
if not any(c and c[0] == "dump" and "--blocking" in c for c in commands.values()):
    sys.exit("no service runs binbridge dump --blocking")
if not any(c is None or c[0] == "run" for c in commands.values()):
    sys.exit("no service runs the bridge (binbridge run)")
for n, s in ours.items():
    env = s.get("environment") or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) for e in env)
    path = os.path.join(sys.argv[2], f"compose-{n}.env")
    with open(path, "w") as f:
        for k, v in env.items():
            f.write(f"{k}={v}\n")
    conf = ""
    for v in s.get("volumes") or []:
        src, _, dst = str(v).partition(":")
        if dst.split(":")[0] == "/etc/binbridge/binbridge.conf":
            conf = os.path.join(os.path.dirname(os.path.abspath(sys.argv[1])), src)
    print(n, json.dumps(commands[n]), path, conf, sep="\t")
PY
nservices=0
while IFS=$'\t' read -r name command envfile conf; do
    nservices=$((nservices + 1))
    if [[ $command == null ]]; then
        mapfile -t args < <(podman image inspect --format '{{range .Config.Cmd}}{{println .}}{{end}}' "$IMAGE" | sed '/^$/d')
    else
        mapfile -t args < <(/usr/bin/python3 -c 'import json, sys; print("\n".join(json.loads(sys.argv[1])))' "$command")
    fi
    sub=${args[0]}
    help=$(pm run --rm "$IMAGE" "$sub" --help) || fail "compose service $name: binbridge $sub --help failed"
    for a in "${args[@]}"; do
        [[ $a == --* ]] || continue
        grep -q -- "${a%%=*}\b" <<<"$help" || fail "compose service $name: binbridge $sub has no option ${a%%=*}"
    done
    # The whole command line parses (getopt reaches --help after them).
    pm run --rm "$IMAGE" "${args[@]}" --help >/dev/null || fail "compose service $name: '${args[*]} --help' does not parse"
    # Its command line, environment and file as binbridge takes them, with
    # no network: exit 1 (nothing to connect to), not 2 (refused), and no
    # variable binbridge does not read. run would wait for its stores:
    # status reads the same configuration and gives up at once.
    [[ $sub == run ]] && args=(status)
    mount=()
    [[ -n $conf ]] && mount=(-v "$conf:/etc/binbridge/binbridge.conf:ro")
    rc=0
    podman --runtime runc --cgroup-manager=cgroupfs run --rm --network none --env-file "$envfile" \
        "${mount[@]}" "$IMAGE" "${args[@]}" >/dev/null 2>"$tmp/conf.err" || rc=$?
    context=$tmp/conf.err
    ((rc == 1)) || fail "compose service $name: binbridge ${args[*]} with its environment exited $rc, not 1 (2: its configuration is refused)"
    ! grep -q "is not a variable binbridge reads" "$tmp/conf.err" || fail "compose service $name: $(grep -m 1 "is not a variable" "$tmp/conf.err")"
    context=$tmp/podman.err
done <"$tmp/compose.txt"
ok "docker/compose.yml parses: MySQL 8.4, Redis, MongoDB and $nservices binbridge services whose options and environment binbridge takes"

# ---------------------------------------------------------------- 3. replication

# The bridge's configuration: where from and where to in the environment,
# the tables and their shapes in a file mounted where the image reads it.
cat >"$tmp/binbridge.conf" <<EOF
# test_container.sh: the rules, mounted at /etc/binbridge/binbridge.conf
include_schemas = [ "$tag" ];
rules = ( { match = "$tag.*"; redis = ( {}, { shape = "stream"; } ); mongo = {}; } );
EOF
chmod 644 "$tmp/binbridge.conf"
bridge_env=(-e "BINBRIDGE_SOURCE=mysql://bbrepl@$BB_MARIADB_HOST:$BB_MARIADB_PORT"
    -e BINBRIDGE_PASSWORD=bbrepl -e "BINBRIDGE_REDIS=$BB_REDIS_URL" -e "BINBRIDGE_MONGO=$BB_MONGO_URL"
    -e "BINBRIDGE_SOURCE_SERVER_ID=$bridge_sid")

changes=0        # row changes written: the stream's length to expect
# Run each argument (statements separated by ';', in one session) with a
# ROW_COUNT() after every INSERT, UPDATE and DELETE, and add the counts up
# (rows an UPDATE leaves as they were are neither counted nor logged).
dml() {
    local script stmt body out n
    for script in "$@"; do
        body=""
        IFS=';' read -ra stmts <<<"$script"
        for stmt in "${stmts[@]}"; do
            body+="$stmt;"
            [[ $stmt =~ ^[[:space:]]*(INSERT|UPDATE|DELETE) ]] && body+=" SELECT ROW_COUNT();"
        done
        out=$(sql -D "$tag" -e "$body") || fail "SQL failed: $script"
        for n in $out; do
            [[ $n =~ ^[0-9]+$ ]] || fail "not a row count: '$n' after: $script"
            changes=$((changes + n))
        done
    done
}
# The table as MariaDB has it, and as Redis and MongoDB have it: "id v n"
# lines by id, NULL as NULL.
rows_mariadb() { sql -D "$tag" -e "SELECT id, v, n FROM t ORDER BY id" | tr '\t' ' '; }
rows_redis() {
    local keys
    keys=$(rcli --scan --pattern "$tag:t:*" | sort -t: -k3,3n)
    [[ -n $keys ]] || return 0
    # shellcheck disable=SC2086
    printf 'HMGET %s id v n\n' $keys | rcli | paste -d ' ' - - - | sed -e 's/^ /NULL /' -e 's/  / NULL /g' -e 's/ $/ NULL/'
}
rows_mongo() {
    /usr/bin/python3 - "$BB_MONGO_URL" "$tag" <<'PY'
import sys, pymongo
c = pymongo.MongoClient(sys.argv[1], serverSelectionTimeoutMS=5000)
for d in c[sys.argv[2]].t.find().sort("_id"):
    print(" ".join("NULL" if d.get(k) is None else str(d.get(k)) for k in ("id", "v", "n")))
PY
}
# The change stream: "entries distinct" (distinct by file, pos and row).
stream_counts() {
    rcli EVAL "local e = redis.call('XRANGE', KEYS[1], '-', '+')
        local seen, u = {}, 0
        for _, it in ipairs(e) do
            local f, m = it[2], {}
            for i = 1, #f, 2 do m[f[i]] = f[i + 1] end
            local k = tostring(m['file']) .. ':' .. tostring(m['pos']) .. ':' .. tostring(m['row'])
            if not seen[k] then seen[k] = true; u = u + 1 end
        end
        return {#e, u}" 1 "$tag:t" | xargs
}
same_everywhere() {
    rows_mariadb >"$tmp/want"
    rows_redis >"$tmp/redis" && rows_mongo >"$tmp/mongo" 2>/dev/null || return 1
    cmp -s "$tmp/want" "$tmp/redis" && cmp -s "$tmp/want" "$tmp/mongo" &&
        [[ $(stream_counts) == "$changes $changes" ]]
}
# Until Redis and MongoDB hold what MariaDB does, or fail saying how they differ.
wait_same() {
    local seconds=$1 what=$2 deadline=$((SECONDS + $1))
    until same_everywhere; do
        ((SECONDS < deadline)) || fail "$what, after $seconds s: $(explain_difference | head -n 1)"
        sleep 0.3
    done
}
explain_difference() {
    local s
    s=$(stream_counts)
    printf 'MariaDB %s rows, Redis %s, MongoDB %s; the stream has %s entries (distinct: %s), %s changes were written\n' \
        "$(wc -l <"$tmp/want")" "$(wc -l <"$tmp/redis")" "$(wc -l <"$tmp/mongo")" "${s% *}" "${s#* }" "$changes"
    diff "$tmp/want" "$tmp/redis" | head -n 5 | sed 's/^/redis: /'
    diff "$tmp/want" "$tmp/mongo" | head -n 5 | sed 's/^/mongo: /'
}
# Has container $1 printed $2? (Not `| grep -q`: its early exit would
# fail podman logs, which pipefail counts.)
log_has() {
    local out
    out=$(podman logs "$1" 2>&1) || return 1
    [[ $out == *"$2"* ]]
}
has_checkpoint() { [[ -n $(rcli HGET "binbridge:checkpoint:$tag" pos) ]]; }

sql -e "DROP DATABASE IF EXISTS $tag" || fail "cannot reach MariaDB at $BB_MARIADB_HOST:$BB_MARIADB_PORT (scripts/servers.sh start)"
rcli DEL "binbridge:checkpoint:$tag" "$tag:t" >/dev/null || fail "cannot reach Redis at $BB_REDIS_HOST:$BB_REDIS_PORT"

pm run -d --name "$bridge" --network host "${bridge_env[@]}" -e "BINBRIDGE_CHECKPOINT=$tag" \
    -v "$tmp/binbridge.conf:/etc/binbridge/binbridge.conf:ro" "$IMAGE" >/dev/null \
    || fail "podman run of the bridge failed"
context_of=$bridge
wait_for 30 "the bridge connecting (its log saying so)" log_has "$bridge" "connected to"
pid1=$(pm exec "$bridge" cat /proc/1/comm) || fail "podman exec in the bridge failed"
[[ $pid1 == binbridge ]] || fail "PID 1 of the bridge's container is '$pid1', not binbridge"
# Its starting position saved (at its first heartbeat): the schema made
# from now on is replicated from its beginning.
wait_for 30 "the bridge saving its starting position" has_checkpoint
ok "bridge container up (the image's default command, PID 1 binbridge, URLs from the environment, rules from /etc/binbridge/binbridge.conf)"

sql -e "CREATE DATABASE $tag; CREATE TABLE $tag.t (id INT PRIMARY KEY, v VARCHAR(40) NOT NULL, n INT NULL)"
dml "INSERT INTO t SELECT seq, CONCAT('row', seq), IF(seq % 3 = 0, NULL, seq) FROM seq_1_to_100"
for i in $(seq 101 120); do dml "INSERT INTO t VALUES ($i, 'single$i', $i)"; done
dml "UPDATE t SET v = CONCAT(v, '-u'), n = id * 2 WHERE id % 10 = 0" \
    "DELETE FROM t WHERE id % 7 = 0" \
    "BEGIN; UPDATE t SET n = NULL WHERE id BETWEEN 40 AND 49; DELETE FROM t WHERE id = 41; INSERT INTO t VALUES (1000, 'in-txn', 1); COMMIT"
read -r end_file end_pos < <(sql -e "SHOW MASTER STATUS" | awk '{ print $1, $2 }')
t0=$SECONDS
wait_same 60 "the workload in Redis and MongoDB"
ok "workload replicated exactly: $(wc -l <"$tmp/want") rows in Redis hashes and MongoDB documents, $changes stream entries for $changes row changes (in $((SECONDS - t0)) s)"

hc=$(pm healthcheck run "$bridge" 2>&1) || fail "podman healthcheck run: '$hc'"
status=$(podman inspect --format '{{.State.Health.Status}}' "$bridge")
[[ $status == healthy ]] || fail "health status '$status' after podman healthcheck run said '$hc'"
ok "healthy through the image's HEALTHCHECK (binbridge status --max-lag)"

# And not healthy without a checkpoint: the image's check in a container
# that runs no bridge (sleep), configured with a checkpoint nobody saved.
# So that the first failure counts (no start period, one retry), the check
# is given again with those settings (Podman 4.3 ignores them alone): the
# image's command without its "CMD", which Podman would split at spaces.
health_cmd=$(podman image inspect --format '{{json .Config.Healthcheck.Test}}' "$IMAGE" |
    /usr/bin/python3 -c 'import json, sys; t = json.load(sys.stdin); print(json.dumps(t[1:] if t[0] == "CMD" else t))')
pm run -d --name "$dumper" --network host "${bridge_env[@]}" -e "BINBRIDGE_CHECKPOINT=${tag}_none" \
    --entrypoint /bin/sleep --health-cmd "$health_cmd" --health-start-period 0s --health-retries 1 \
    -v "$tmp/binbridge.conf:/etc/binbridge/binbridge.conf:ro" "$IMAGE" 600 >/dev/null \
    || fail "podman run of a container without a bridge failed"
rc=0
hc=$(pm healthcheck run "$dumper" 2>&1) || rc=$?
status=$(podman inspect --format '{{.State.Health.Status}}' "$dumper")
health_log=$(podman inspect --format '{{range .State.Health.Log}}{{.Output}}{{end}}' "$dumper")
reason=$(grep "^binbridge: " <<<"$health_log" | head -n 1 || true)
pm rm -f -t 0 "$dumper" >/dev/null || fail "podman rm of the container without a bridge failed"
[[ $rc != 0 && $status == unhealthy ]] \
    || fail "no checkpoint, yet podman healthcheck run exited $rc ('$hc') and the status is '$status'"
[[ $reason == *"has no checkpoint"* ]] || fail "the health log does not say why: '$reason'"
ok "unhealthy without a checkpoint, saying why: ${reason#binbridge: }"

# ---------------------------------------------------------------- 4. stop, write, start

# The time podman stop takes, and how the container ended.
stop_container() {
    local name=$1 t0 ns
    t0=$(date +%s%N)
    pm stop -t 30 "$name" >/dev/null || fail "podman stop $name failed"
    ns=$(($(date +%s%N) - t0))
    stop_s=$(awk -v n="$ns" 'BEGIN { printf "%.1f", n / 1e9 }')
    exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$name")
    [[ $exit_code == 0 ]] || fail "$name exited $exit_code after SIGTERM (podman stop), not 0"
    ((ns < 10000000000)) || fail "$name took $stop_s s to stop after SIGTERM (killed at the timeout?)"
}
stop_container "$bridge"
read -r cp_file cp_pos < <(rcli HMGET "binbridge:checkpoint:$tag" file pos | xargs)
[[ $cp_file > $end_file || ($cp_file == "$end_file" && $cp_pos -ge $end_pos) ]] \
    || fail "checkpoint after the stop at $cp_file:$cp_pos, before the workload's end $end_file:$end_pos"
ok "podman stop: exit 0 in $stop_s s, checkpoint $cp_file:$cp_pos saved (the workload ended at $end_file:$end_pos)"

dml "INSERT INTO t SELECT seq, CONCAT('later', seq), seq FROM seq_121_to_160" \
    "UPDATE t SET v = CONCAT(v, '-v') WHERE id % 10 = 5" \
    "DELETE FROM t WHERE id BETWEEN 1 AND 5"
for i in $(seq 161 170); do dml "INSERT INTO t VALUES ($i, 'while-stopped$i', NULL)"; done

pm start "$bridge" >/dev/null || fail "podman start of the bridge failed"
wait_for 30 "the restarted bridge resuming (its log saying so)" log_has "$bridge" "resuming by GTID after"
t0=$SECONDS
wait_same 60 "the rows written while stopped, in Redis and MongoDB after the restart"
ok "restarted: resumed at its checkpoint; $(wc -l <"$tmp/want") rows exact, $changes stream entries for $changes changes: nothing lost or doubled (in $((SECONDS - t0)) s)"
dml "UPDATE t SET n = 7 WHERE id = 1000"
wait_same 30 "a change after the restart"
stop_container "$bridge"
ok "podman stop again: exit 0 in $stop_s s"

# ---------------------------------------------------------------- 5. dump as PID 1

pm run -d --name "$dumper" --network host -e BINBRIDGE_PASSWORD=bbrepl "$IMAGE" \
    dump --source "mysql://bbrepl@$BB_MARIADB_HOST:$BB_MARIADB_PORT" --blocking --format json \
    --server-id "$dump_sid" --only-schemas "$tag" >/dev/null || fail "podman run of dump failed"
context_of=$dumper
wait_for 30 "dump --blocking connecting (its first events)" log_has "$dumper" FORMAT_DESCRIPTION_EVENT
pid1=$(pm exec "$dumper" cat /proc/1/comm) || fail "podman exec in the dump container failed"
[[ $pid1 == binbridge ]] || fail "PID 1 of the dump container is '$pid1', not binbridge"
dml "INSERT INTO t VALUES (2000, 'dumped-$$', 1)"
wait_for 30 "dump --blocking printing the row as it happens" log_has "$dumper" "dumped-$$"
stop_container "$dumper"
ok "dump --blocking as PID 1: printed the change at once; podman stop: exit 0 in $stop_s s"

context="" context_of=""
printf '%s: all checks passed in %d s\n' "$prog" $((SECONDS - t_start))
