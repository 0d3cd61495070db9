/* Each municipality against its similar municipalities, and the join with the context. */
#include "benchmark.h"

#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "msg.h"
#include "xalloc.h"

static int compare_region(const void *key, const void *element)
{
	const struct stats_unit *unit = element;

	return strcmp(key, unit->region_code);
}

void stats_peer_period(const struct stats_indicator *indicator, struct stats_unit *units,
		       size_t count)
{
	const struct stats_context *context = indicator->context;
	size_t i, j;

	if (!context || context->region_count == 0 || indicator->published_rate)
		return;
	for (i = 0; i < count; i++) {
		struct stats_unit *unit = &units[i];
		long r = stats_context_region(context, unit->region_code);
		double x = 0, n = 0, peer;

		if (unit->status != STATS_OK || r < 0)
			continue;
		for (j = 0; j < context->similar_count[r]; j++) {
			const char *code = context->region_codes[context->similar[(size_t)r *
									       context->k + j]];
			const struct stats_unit *other =
				bsearch(code, units, count, sizeof(*units), compare_region);

			if (other && other->status == STATS_OK) {
				x += other->numerator.value;
				n += other->denominator.value;
			}
		}
		if (!(n > 0))
			continue;
		peer = x / n * indicator->per;
		unit->peer_value = stats_known(peer);
		if (unit->ci_low.known && unit->ci_high.known)
			unit->peer_flag = unit->ci_low.value > peer ? STATS_FLAG_ABOVE :
					  unit->ci_high.value < peer ? STATS_FLAG_BELOW :
					  STATS_FLAG_WITHIN;
	}
}

/* Up to 10 codes and a count, for messages. */
static char *code_list(char **codes, size_t count)
{
	char *list = jb_xstrdup(""), *joined;
	size_t i;

	for (i = 0; i < count && i < 10; i++) {
		joined = jb_xasprintf("%s%s%s", list, i ? " " : "", codes[i]);
		free(list);
		list = joined;
	}
	if (count > 10) {
		joined = jb_xasprintf("%s ... (%zu in all)", list, count);
		free(list);
		list = joined;
	}
	return list;
}

void stats_context_join_note(const struct stats_indicator *indicator)
{
	const struct stats_context *context = indicator->context;
	const struct stats_unit *units;
	size_t start, count, i, missing = 0, extra = 0;
	char **only_here, **only_there, *list;

	if (!context || context->region_count == 0 || indicator->unit_count == 0)
		return;
	for (start = indicator->unit_count; start > 0 &&
	     strcmp(indicator->units[start - 1].period,
		    indicator->units[indicator->unit_count - 1].period) == 0; start--)
		;
	units = indicator->units + start;
	count = indicator->unit_count - start;
	only_here = jb_xcalloc(count + 1, sizeof(*only_here));
	only_there = jb_xcalloc(context->region_count + 1, sizeof(*only_there));
	for (i = 0; i < count; i++)
		if (stats_context_region(context, units[i].region_code) < 0)
			only_here[missing++] = units[i].region_code;
	for (i = 0; i < context->region_count; i++)
		if (!bsearch(context->region_codes[i], units, count, sizeof(*units),
			     compare_region))
			only_there[extra++] = context->region_codes[i];
	if (missing) {
		list = code_list(only_here, missing);
		jb_warn("%s: %s %s: %zu municipalities without context covariates (no peers, "
			"no expected value): %s", indicator->tidy_path, indicator->name,
			units[0].period, missing, list);
		free(list);
	}
	if (extra) {
		list = code_list(only_there, extra);
		jb_warn("%s: %s %s: %zu regions of the context tables are not in this period: %s",
			indicator->tidy_path, indicator->name, units[0].period, extra, list);
		free(list);
	}
	free(only_here);
	free(only_there);
}
