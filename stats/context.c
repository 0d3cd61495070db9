#include "context.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"
#include "nearest.h"
#include "xalloc.h"

static int compare_codes(const void *left, const void *right)
{
	return strcmp(*(char *const *)left, *(char *const *)right);
}

static int read_spec(const struct jb_config *config, const char *name,
		     struct stats_covariate_spec *spec, const char **table_id)
{
	char *section = jb_config_section_name("covariate", name);
	const char *table = jb_config_require(config, section, "table");
	char *table_section = jb_config_section_name("table", table ? table : "");
	int rc = 0;

	spec->name = name;
	spec->title = jb_config_get(config, section, "title");
	spec->numerator = jb_config_require(config, section, "numerator");
	spec->denominator = jb_config_get(config, section, "denominator");
	*table_id = jb_config_get(config, table_section, "id");
	if (!table || !spec->numerator ||
	    jb_config_double(config, section, "per", 100, 1e-9, 1e9, &spec->per) != 0)
		rc = -1;
	else if (!*table_id)
		rc = jb_error("%s:%u: [%s]: table '%s' has no [table %s] with an id", config->path,
			      jb_config_line(config, section, "table"), section, table, table);
	free(table_section);
	free(section);
	return rc;
}

/* The covariate names of a [stats] key as indexes; -1 with file:line for an unknown name. */
static int covariate_list(const struct jb_config *config, const struct stats_context *context,
			  const char *key, size_t *indexes, size_t *count)
{
	const char *value = jb_config_get(config, "stats", key);
	char **words;
	size_t n, i, c;
	int rc = 0;

	*count = 0;
	if (!value)
		return 0;
	n = jb_config_words(value, &words);
	for (i = 0; i < n && rc == 0; i++) {
		for (c = 0; c < context->covariate_count; c++)
			if (strcmp(context->specs[c].name, words[i]) == 0)
				break;
		if (c == context->covariate_count || *count == STATS_MAX_COVARIATES)
			rc = jb_error("%s:%u: [stats] %s: no [covariate %s]", config->path,
				      jb_config_line(config, "stats", key), key, words[i]);
		else
			indexes[(*count)++] = c;
	}
	jb_config_words_free(words, n);
	return rc;
}

static int covariate_named(const struct jb_config *config, const struct stats_context *context,
			   const char *key, long *index)
{
	size_t indexes[STATS_MAX_COVARIATES], count;

	*index = -1;
	if (covariate_list(config, context, key, indexes, &count) != 0)
		return -1;
	if (count > 1)
		return jb_error("%s:%u: [stats] %s: one covariate expected", config->path,
				jb_config_line(config, "stats", key), key);
	if (count == 1)
		*index = (long)indexes[0];
	return 0;
}

static void collect_regions(struct stats_context *context)
{
	size_t total = 0, c, i, kept = 0;

	for (c = 0; c < context->covariate_count; c++)
		total += context->covariates[c].count;
	context->region_codes = jb_xcalloc(total ? total : 1, sizeof(*context->region_codes));
	for (c = 0; c < context->covariate_count; c++)
		for (i = 0; i < context->covariates[c].count; i++)
			context->region_codes[context->region_count++] =
				context->covariates[c].region_codes[i];
	qsort(context->region_codes, context->region_count, sizeof(char *), compare_codes);
	for (i = 0; i < context->region_count; i++)
		if (kept == 0 || strcmp(context->region_codes[kept - 1], context->region_codes[i]) != 0)
			context->region_codes[kept++] = context->region_codes[i];
	context->region_count = kept;
	for (i = 0; i < kept; i++)
		context->region_codes[i] = jb_xstrdup(context->region_codes[i]);
}

/* Regions with every peer covariate, standardised, then their k nearest. */
static void find_similar(struct stats_context *context, const char *config_path)
{
	size_t dims = context->peer_count, used = 0, r, d, j, found;
	double *matrix, *distance;
	size_t *rows, *nearest;

	context->similar = jb_xcalloc(context->region_count * context->k + 1, sizeof(size_t));
	context->distance = jb_xcalloc(context->region_count * context->k + 1, sizeof(double));
	context->similar_count = jb_xcalloc(context->region_count + 1, sizeof(size_t));
	if (dims == 0 || context->k == 0)
		return;
	matrix = jb_xcalloc(context->region_count * dims + 1, sizeof(*matrix));
	rows = jb_xcalloc(context->region_count + 1, sizeof(*rows));
	for (r = 0; r < context->region_count; r++) {
		for (d = 0; d < dims; d++)
			if (stats_context_value(context, context->peer[d], r,
						&matrix[used * dims + d]) != 0)
				break;
		if (d == dims)
			rows[used++] = r;
	}
	if (used < context->region_count)
		jb_warn("%s: [stats] peer_covariates: %zu of %zu regions lack a covariate and have "
			"no similar municipalities", config_path, context->region_count - used,
			context->region_count);
	if (stats_standardise(matrix, used, dims) != 0) {
		jb_warn("%s: [stats] peer_covariates: fewer than 2 regions, or a covariate "
			"without spread: no similar municipalities", config_path);
		free(matrix);
		free(rows);
		return;
	}
	nearest = jb_xcalloc(used * context->k + 1, sizeof(*nearest));
	distance = jb_xcalloc(used * context->k + 1, sizeof(*distance));
	found = stats_nearest(matrix, used, dims, context->k, nearest, distance);
	for (r = 0; r < used; r++) {
		context->similar_count[rows[r]] = found;
		for (j = 0; j < found; j++) {
			context->similar[rows[r] * context->k + j] = rows[nearest[r * context->k + j]];
			context->distance[rows[r] * context->k + j] = distance[r * context->k + j];
		}
	}
	free(nearest);
	free(distance);
	free(matrix);
	free(rows);
}

int stats_context_load(const struct jb_config *config, const char *tidy_dir,
		       struct stats_context *context)
{
	const char *names[STATS_MAX_COVARIATES + 1];
	size_t count = jb_config_sections(config, "covariate", names, STATS_MAX_COVARIATES + 1);
	long k;
	size_t c;
	int rc;

	memset(context, 0, sizeof(*context));
	context->size_covariate = context->urbanity_covariate = -1;
	if (count > STATS_MAX_COVARIATES) {
		jb_warn("%s: more than %d [covariate NAME] sections", config->path,
			STATS_MAX_COVARIATES);
		return JB_EXIT_CONFIG;
	}
	if (jb_config_long(config, "stats", "peers_k", 10, 1, 1000, &k) != 0)
		return JB_EXIT_CONFIG;
	context->k = (size_t)k;
	for (c = 0; c < count; c++) {
		const char *table_id;
		char *path;

		if (read_spec(config, names[c], &context->specs[c], &table_id) != 0)
			return JB_EXIT_CONFIG;
		path = jb_xasprintf("%s/%s.csv", tidy_dir, table_id);
		rc = stats_covariate_load(path, &context->specs[c], &context->covariates[c]);
		free(path);
		if (rc != JB_EXIT_OK)
			return rc;
		context->covariate_count++;
	}
	if (covariate_list(config, context, "peer_covariates", context->peer,
			   &context->peer_count) != 0 ||
	    covariate_list(config, context, "model_covariates", context->model,
			   &context->model_count) != 0 ||
	    covariate_named(config, context, "size_covariate", &context->size_covariate) != 0 ||
	    covariate_named(config, context, "urbanity_covariate",
			    &context->urbanity_covariate) != 0)
		return JB_EXIT_CONFIG;
	if (!jb_config_get(config, "stats", "model_covariates")) {
		memcpy(context->model, context->peer, sizeof(context->peer));
		context->model_count = context->peer_count;
	}
	collect_regions(context);
	find_similar(context, config->path);
	return JB_EXIT_OK;
}

void stats_context_free(struct stats_context *context)
{
	size_t i;

	for (i = 0; i < context->covariate_count; i++)
		stats_covariate_free(&context->covariates[i]);
	for (i = 0; i < context->region_count; i++)
		free(context->region_codes[i]);
	free(context->region_codes);
	free(context->similar);
	free(context->distance);
	free(context->similar_count);
	memset(context, 0, sizeof(*context));
}

long stats_context_region(const struct stats_context *context, const char *region_code)
{
	char *const *found = context->region_count ?
			     bsearch(&region_code, context->region_codes, context->region_count,
				     sizeof(char *), compare_codes) : NULL;

	return found ? (long)(found - context->region_codes) : -1;
}

int stats_context_value(const struct stats_context *context, size_t c, size_t r, double *value)
{
	const struct stats_covariate *covariate = &context->covariates[c];
	long i = stats_covariate_find(covariate, context->region_codes[r]);

	if (i < 0 || !covariate->known[i])
		return -1;
	*value = covariate->values[i];
	return 0;
}

const char *stats_size_class(double population)
{
	if (population < 20000)
		return "0-20k";
	if (population < 50000)
		return "20k-50k";
	if (population < 100000)
		return "50k-100k";
	return "100k+";
}
