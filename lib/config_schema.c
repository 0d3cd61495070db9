/* Every key config/jeugdbench.ini may hold; README's configuration table mirrors it. */
#include "config.h"

const struct jb_config_key jb_config_schema[] = {
	{ "jeugdbench", "title", "name of the benchmark on every report page" },
	{ "jeugdbench", "boundary_year", "municipal boundaries to harmonise to (2020-2025)" },
	{ "jeugdbench", "snapshot", "folder of the bundled CBS snapshot (offline runs)" },
	{ "jeugdbench", "seed", "seed of every random number (synthetic data, simulations)" },

	{ "fetch", "base", "scheme and host of CBS; CBS_BASE overrides it" },
	{ "fetch", "max_per_host", "parallel transfers per host (1-16)" },
	{ "fetch", "attempts", "attempts per request before giving up (1-20)" },
	{ "fetch", "retry_max_seconds", "longest total wait for retries of one request" },
	{ "fetch", "connect_timeout", "seconds to wait for a connection" },
	{ "fetch", "low_speed_time", "seconds below 1 byte/s before a transfer is abandoned" },
	{ "fetch", "allowed_hosts", "hosts that may be fetched besides the base's" },

	{ "table", "id", "CBS table identifier, for instance 84799NED" },
	{ "table", "title", "short name of the table in reports" },
	{ "table", "catalog", "service path before /odata/: ODataFeed (default)" },
	{ "table", "format", "atom (default), json (v3 $format=json) or v4" },
	{ "table", "origin", "cbs (fetched live), synthetic or reconstructed (snapshot only)" },
	{ "table", "dimensions", "dimension entity sets to fetch, for instance RegioS Perioden" },
	{ "table", "filter", "OData $filter on the data set (keys as users type them)" },
	{ "table", "select", "topic keys or stems to fetch ($select); all when empty" },
	{ "table", "period", "period key for a table without a time dimension, for instance 2020JJ00" },

	{ "indicator", "title", "name of the indicator in reports" },
	{ "indicator", "description", "one sentence on what it measures" },
	{ "indicator", "table", "the [table NAME] holding its measures" },
	{ "indicator", "numerator", "measure stem (key without _NN) or title counted" },
	{ "indicator", "denominator", "measure stem of the population at risk" },
	{ "indicator", "value", "measure stem of a published rate (no counts available)" },
	{ "indicator", "per", "rate per: 100 (percent) or 1000" },
	{ "indicator", "unit", "unit shown beside values" },
	{ "indicator", "period_label", "label of the period when the year is not verified" },
	{ "indicator", "higher_is", "better, worse or neutral: wording of flags" },
	{ "indicator", "numerator_category", "category keys summed for the numerator (KEY or KEY*WEIGHT)" },
	{ "indicator", "denominator_category", "category keys summed for the denominator (KEY or KEY*WEIGHT)" },
	{ "indicator", "denominator_table", "the [table NAME] of the denominator, joined on region and period" },
	{ "indicator", "kind", "proportion (default: binomial statistics) or ratio (value, references, trend, peers)" },
	{ "indicator", "target", "reference line in the indicator's unit, for instance 14.3 (one in seven)" },
	{ "indicator", "composition", "category keys whose shares are compared, optionally 'of TOTALKEY'" },

	{ "stats", "confidence", "level of intervals (default 0.95)" },
	{ "stats", "funnel_levels", "funnel control limits (default 0.95 0.998)" },
	{ "stats", "peers_k", "number of similar municipalities" },
	{ "stats", "peer_covariates", "context measures that define similar municipalities" },
	{ "stats", "simulations", "replicates for rank intervals" },

	{ "group", "title", "name of a named peer group" },
	{ "group", "members", "region codes of its members" },

	{ "report", "title", "title of the overview page" },
	{ "report", "keep_runs", "report runs kept besides latest" },

	{ "pipeline", "lock_wait", "seconds a run waits for another run's lock" },
	{ "pipeline", "stale_days", "warn when a table has not changed for this many days" },

	{ "covariate", "table", "the [table NAME] holding the context measure (for instance kerncijfers)" },
	{ "covariate", "numerator", "measure stem (or title) of the count or value" },
	{ "covariate", "denominator", "measure stem of the base: value = numerator / denominator x per" },
	{ "covariate", "per", "scale of a ratio covariate (default 100)" },
	{ "covariate", "title", "name of the covariate in reports" },
	{ "stats", "size_covariate", "covariate holding the population (size classes of peers)" },
	{ "stats", "urbanity_covariate", "covariate holding urbanity 1-5 (urbanity classes of peers)" },
	{ "stats", "model_covariates", "covariates of the expected-value model (default peer_covariates)" },
	{ "table", "data", "data entity set: TypedDataSet (default), UntypedDataSet, Observations (v4)" },
	{ NULL, NULL, NULL }
};
