/* sinks.c - the registry: every kind of sink binbridge knows, one line
 * each. The configuration, the command line (--<name> URL, the help) and
 * the bridge loop over it; a sink's type is defined in its folder
 * (sinks/<name>/<name>_sink.c). */
#include "sinks/sink.h"

/* One line per sink: X(<name>_sink_type). The order is that of the
 * option listing, of --help and of the sinks' commits. */
#define SINK_TYPES(X) \
    X(redis_sink_type) \
    X(mongo_sink_type)

#define DECLARE(t) extern const struct sink_type t;
SINK_TYPES(DECLARE)

#define TYPE(t) &t,
const struct sink_type *const sink_types[] = { SINK_TYPES(TYPE) };

#define CONFIG(t) &t.config,
const struct config_sink *const sink_configs[] = { SINK_TYPES(CONFIG) };

const size_t sink_ntypes = sizeof sink_types / sizeof sink_types[0];

_Static_assert(sizeof sink_types / sizeof sink_types[0] <= SINKS_MAX, "raise SINKS_MAX");

int sinks_config_init(struct bb_config *cfg)
{
    return bb_config_init(cfg, sink_configs, sink_ntypes);
}
