#include "run.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "benchmark_write.h"
#include "composition.h"
#include "context.h"
#include "csvio.h"
#include "exitcode.h"
#include "indicator_load.h"
#include "msg.h"
#include "parallel.h"
#include "peers_write.h"
#include "tidy_table.h"
#include "xalloc.h"

#define MAX_INDICATORS 256

static int read_funnel_levels(const struct jb_config *config, struct stats_settings *settings)
{
	const char *value = jb_config_get(config, "stats", "funnel_levels");
	unsigned line = jb_config_line(config, "stats", "funnel_levels");
	char **words;
	size_t count, i;
	int rc = 0;

	settings->funnel_level[0] = 0.95;
	settings->funnel_level[1] = 0.998;
	if (!value)
		return 0;
	count = jb_config_words(value, &words);
	if (count != STATS_FUNNEL_LEVELS)
		rc = -1;
	for (i = 0; i < count && rc == 0; i++) {
		char *end;

		errno = 0;
		settings->funnel_level[i] = strtod(words[i], &end);
		if (errno || *end || !(settings->funnel_level[i] > 0 && settings->funnel_level[i] < 1))
			rc = -1;
	}
	if (rc == 0 && settings->funnel_level[0] >= settings->funnel_level[1])
		rc = -1;
	jb_config_words_free(words, count);
	if (rc != 0)
		return jb_error("%s:%u: [stats] funnel_levels = '%s': expected two increasing "
				"levels between 0 and 1, such as 0.95 0.998", config->path, line,
				value);
	return 0;
}

int stats_settings_read(const struct jb_config *config, struct stats_settings *settings)
{
	long seed;
	size_t i;

	if (jb_config_double(config, "stats", "confidence", 0.95, 0.5, 0.999999,
			     &settings->confidence) != 0 ||
	    read_funnel_levels(config, settings) != 0 ||
	    jb_config_long(config, "jeugdbench", "seed", 20150101, 0, 4294967295L, &seed) != 0 ||
	    jb_config_long(config, "stats", "simulations", 1000, 0, 1000000,
			   &settings->simulations) != 0)
		return -1;
	settings->seed = (unsigned long)seed;
	if (stats_normal_quantile(settings->confidence, &settings->z_confidence) != 0)
		return jb_error("%s: [stats] confidence: no normal quantile", config->path);
	for (i = 0; i < STATS_FUNNEL_LEVELS; i++)
		if (stats_normal_quantile(settings->funnel_level[i], &settings->z_funnel[i]) != 0)
			return jb_error("%s: [stats] funnel_levels: no normal quantile",
					config->path);
	if (settings->funnel_level[0] != 0.95 || settings->funnel_level[1] != 0.998)
		jb_warn("%s:%u: [stats] funnel_levels: the columns limit95_* and limit998_* "
			"hold the levels %g and %g", config->path,
			jb_config_line(config, "stats", "funnel_levels"),
			settings->funnel_level[0], settings->funnel_level[1]);
	return 0;
}

/* The output files of a run: the benchmark, and the models when there is a context. */
struct run_output {
	FILE *benchmark, *models, *composition, *targets;
	const char *benchmark_path, *models_path, *composition_path, *targets_path;
};

/*
 * targets.csv: per unit of an indicator with a target, where it lies: above
 * or below when its Wilson interval (kind = ratio: its value) lies above or
 * below the target, else within.
 */
static int write_targets(FILE *fp, const char *path, const struct stats_indicator *indicator,
			 double target)
{
	size_t i;

	for (i = 0; i < indicator->unit_count; i++) {
		const struct stats_unit *unit = &indicator->units[i];
		const char *fields[7] = { indicator->name, unit->period, unit->region_code, "", "",
					  "", stats_status_name(unit->status) };
		char value[64], target_text[64];
		double low = unit->ci_low.value, high = unit->ci_high.value;

		if (stats_format_number(target, target_text, sizeof(target_text)) != 0)
			return JB_EXIT_SOFTWARE;
		fields[4] = target_text;
		if (unit->status == STATS_OK && unit->value.known) {
			if (stats_format_number(unit->value.value, value, sizeof(value)) != 0)
				return JB_EXIT_SOFTWARE;
			fields[3] = value;
			if (indicator->ratio || !unit->ci_low.known || !unit->ci_high.known)
				low = high = unit->value.value;
			fields[5] = low > target ? "above" : high < target ? "below" : "within";
		}
		if (jb_csv_write_row(fp, fields, 7) != 0) {
			jb_warn("%s: write error:", path);
			return JB_EXIT_IOERR;
		}
	}
	return JB_EXIT_OK;
}

/* A tidy table read once for every indicator on it, freed after the last one. */
struct run_table {
	const char *id;       /* borrowed from the configuration */
	const char *stems[3 * MAX_INDICATORS];
	size_t stem_count, last_indicator;
	struct stats_tidy_table table;
	int loaded;
};

static const char *indicator_table_id(const struct jb_config *config, const char *name)
{
	char *section = jb_config_section_name("indicator", name);
	const char *table = jb_config_get(config, section, "table");
	char *table_section = jb_config_section_name("table", table ? table : "");
	const char *table_id = jb_config_get(config, table_section, "id");

	free(table_section);
	free(section);
	return table_id;
}

/* One entry per distinct table id of the indicators, with the stems they use. */
static size_t plan_tables(const struct jb_config *config, const char *const *names, size_t count,
			  struct run_table *tables)
{
	size_t table_count = 0, i, t;

	for (i = 0; i < count; i++) {
		char *section = jb_config_section_name("indicator", names[i]);
		const char *id = indicator_table_id(config, names[i]);
		const char *roles[3] = { jb_config_get(config, section, "value"), NULL, NULL };
		size_t r;

		const char *denominator_table = jb_config_get(config, section, "denominator_table");

		if (!roles[0]) {
			roles[0] = jb_config_get(config, section, "numerator");
			roles[1] = jb_config_get(config, section, "denominator");
		}
		if (denominator_table && roles[1]) {
			/* the denominator's stem belongs to the other table */
			char *other_section = jb_config_section_name("table", denominator_table);
			const char *other_id = jb_config_get(config, other_section, "id");

			free(other_section);
			if (other_id) {
				for (t = 0; t < table_count && strcmp(tables[t].id, other_id) != 0; t++)
					;
				if (t == table_count) {
					memset(&tables[t], 0, sizeof(tables[t]));
					tables[t].id = other_id;
					table_count++;
				}
				tables[t].last_indicator = i;
				tables[t].stems[tables[t].stem_count++] = roles[1];
			}
			roles[1] = NULL;
		}
		free(section);
		if (!id)
			continue;
		for (t = 0; t < table_count && strcmp(tables[t].id, id) != 0; t++)
			;
		if (t == table_count) {
			memset(&tables[t], 0, sizeof(tables[t]));
			tables[t].id = id;
			table_count++;
		}
		tables[t].last_indicator = i;
		for (r = 0; r < 3; r++)
			if (roles[r])
				tables[t].stems[tables[t].stem_count++] = roles[r];
	}
	return table_count;
}

/* One indicator: its units from its table, computed, its rows appended to the outputs. */

static int run_indicator(const struct jb_config *config, const char *name,
			 const struct stats_settings *settings, const char *tidy_dir,
			 const struct stats_context *context, const struct run_output *out,
			 struct run_table *tables, size_t table_count)
{
	char *section = jb_config_section_name("indicator", name);
	const char *table = jb_config_get(config, section, "table");
	char *table_section = jb_config_section_name("table", table ? table : "");
	const char *table_id = jb_config_get(config, table_section, "id");
	const char *origin = jb_config_get(config, table_section, "origin");
	const char *title = jb_config_get(config, section, "title");
	struct stats_measures measures;
	struct stats_indicator indicator;
	char *tidy_path = NULL, *info_path = NULL;
	struct run_table *cached = tables;
	int rc;

	memset(&indicator, 0, sizeof(indicator));
	indicator.name = name;
	indicator.context = context;
	indicator.title = title ? title : name;
	const char *kind = jb_config_get(config, section, "kind");
	const char *denominator_table = jb_config_get(config, section, "denominator_table");
	struct run_table *joined = NULL;
	struct stats_composition composition = {
		name, title ? title : name, NULL, jb_config_get(config, section, "numerator"),
		jb_config_get(config, section, "composition"), 100
	};

	measures.numerator = jb_config_get(config, section, "numerator");
	measures.denominator = jb_config_get(config, section, "denominator");
	measures.value = jb_config_get(config, section, "value");
	measures.numerator_category = jb_config_get(config, section, "numerator_category");
	measures.denominator_category = jb_config_get(config, section, "denominator_category");
	measures.ratio = kind && strcmp(kind, "ratio") == 0;
	indicator.ratio = measures.ratio;
	if (kind && strcmp(kind, "ratio") != 0 && strcmp(kind, "proportion") != 0) {
		rc = JB_EXIT_CONFIG;
		jb_warn("%s:%u: [%s] kind = '%s': expected proportion or ratio", config->path,
			jb_config_line(config, section, "kind"), section, kind);
		goto done;
	}
	if (!table_id) {
		rc = JB_EXIT_CONFIG;
		jb_warn("%s:%u: [%s]: its table has no id", config->path,
			jb_config_line(config, section, "table"), section);
		goto done;
	}
	if (jb_config_double(config, section, "per", 100, 1, 1e6, &indicator.per) != 0) {
		rc = JB_EXIT_CONFIG;
		goto done;
	}
	composition.per = indicator.per;
	if (composition.spec && !composition.stem) {
		rc = JB_EXIT_CONFIG;
		jb_warn("%s:%u: [%s]: a composition needs numerator (the counted measure)",
			config->path, jb_config_line(config, section, "composition"), section);
		goto done;
	}
	tidy_path = jb_xasprintf("%s/%s.csv", tidy_dir, table_id);
	info_path = jb_xasprintf("%s/%s.info.csv", tidy_dir, table_id);
	indicator.tidy_path = tidy_path;
	while (cached < tables + table_count && strcmp(cached->id, table_id) != 0)
		cached++;
	if (denominator_table) {
		char *other_section = jb_config_section_name("table", denominator_table);
		const char *other_id = jb_config_get(config, other_section, "id");

		free(other_section);
		for (joined = tables; other_id && joined < tables + table_count &&
		     strcmp(joined->id, other_id) != 0; joined++)
			;
		if (!other_id || joined == tables + table_count) {
			rc = JB_EXIT_CONFIG;
			jb_warn("%s:%u: [%s] denominator_table = '%s': no such [table] with an id",
				config->path, jb_config_line(config, section, "denominator_table"),
				section, denominator_table);
			goto done;
		}
		if (!joined->loaded) {
			char *other_path = jb_xasprintf("%s/%s.csv", tidy_dir, other_id);

			joined->loaded = 1;
			rc = stats_tidy_table_load(other_path, joined->stems, joined->stem_count, name,
						   &joined->table);
			free(other_path);
			if (rc != JB_EXIT_OK)
				goto done;
		}
	}
	if (cached == tables + table_count)
		rc = stats_indicator_load(tidy_path, &measures, &indicator);
	else {
		rc = JB_EXIT_OK;
		if (!cached->loaded) {
			rc = stats_tidy_table_load(tidy_path, cached->stems, cached->stem_count,
						   name, &cached->table);
			cached->loaded = 1;
		}
		if (rc == JB_EXIT_OK && composition.spec) {
			rc = stats_info_source(info_path, origin ? origin : "cbs",
					       &composition.source);
			if (rc == JB_EXIT_OK)
				rc = stats_write_composition(out->composition,
							     out->composition_path,
							     &cached->table, &composition,
							     settings);
			goto done;
		}
		if (rc == JB_EXIT_OK)
			rc = stats_tidy_table_units_joined(&cached->table,
							   joined ? &joined->table : NULL,
							   &measures, &indicator);
	}
	if (rc == JB_EXIT_OK)
		rc = stats_info_source(info_path, origin ? origin : "cbs", &indicator.source);
	if (rc == JB_EXIT_OK) {
		if (indicator.unit_count == 0)
			jb_warn("%s: %s: no municipality (GM) rows", tidy_path, name);
		stats_benchmark_compute(&indicator, settings);
		rc = stats_write_indicator(out->benchmark, out->benchmark_path, &indicator);
		if (rc == JB_EXIT_OK && out->targets && jb_config_get(config, section, "target")) {
			double target;

			if (jb_config_double(config, section, "target", 0, -1e12, 1e12, &target) != 0)
				rc = JB_EXIT_CONFIG;
			else
				rc = write_targets(out->targets, out->targets_path, &indicator, target);
		}
		if (rc == JB_EXIT_OK && out->models)
			rc = stats_write_models(out->models, out->models_path, &indicator);
	}
	stats_indicator_free(&indicator);
done:
	free(tidy_path);
	free(info_path);
	free(table_section);
	free(section);
	return rc;
}

/* A file beside output_path: "data/stats/benchmark.csv" + "peers.csv" -> "data/stats/peers.csv". */
static char *beside(const char *output_path, const char *name)
{
	const char *slash = strrchr(output_path, '/');

	if (!slash)
		return jb_xstrdup(name);
	return jb_xasprintf("%.*s/%s", (int)(slash - output_path), output_path, name);
}

static int run_indicators(const struct jb_config *config, const struct stats_settings *settings,
			  const char *tidy_dir, const struct stats_context *context,
			  const char *output_path)
{
	const char *names[MAX_INDICATORS];
	size_t count = jb_config_sections(config, "indicator", names, MAX_INDICATORS), i, t;
	struct run_table *tables = jb_xcalloc(count + 1, sizeof(*tables));
	size_t table_count = plan_tables(config, names, count, tables);
	struct jb_atomic output, models;
	struct run_output out = { NULL, NULL, NULL, NULL, output_path, NULL, NULL, NULL };
	struct jb_atomic composition, targets;
	char *models_path = NULL, *composition_path = NULL, *targets_path = NULL;
	int rc = JB_EXIT_OK;

	if (count == 0)
		jb_warn("%s: no [indicator NAME] section: the benchmark has a header only",
			config->path);
	if (jb_atomic_open(&output, output_path) != 0) {
		free(tables);
		return JB_EXIT_CANTCREAT;
	}
	out.benchmark = output.fp;
	if (context->covariate_count > 0) {
		models_path = beside(output_path, "models.csv");
		if (jb_atomic_open(&models, models_path) != 0) {
			jb_atomic_abort(&output);
			free(models_path);
			free(tables);
			return JB_EXIT_CANTCREAT;
		}
		out.models = models.fp;
		out.models_path = models_path;
	}
	for (i = 0; i < count && !composition_path; i++) {
		char *section = jb_config_section_name("indicator", names[i]);

		if (jb_config_get(config, section, "composition"))
			composition_path = beside(output_path, "composition.csv");
		free(section);
	}
	for (i = 0; i < count && !targets_path; i++) {
		char *section = jb_config_section_name("indicator", names[i]);

		if (jb_config_get(config, section, "target"))
			targets_path = beside(output_path, "targets.csv");
		free(section);
	}
	if (targets_path) {
		if (jb_atomic_open(&targets, targets_path) != 0) {
			free(targets_path);
			targets_path = NULL;
			rc = JB_EXIT_CANTCREAT;
		} else {
			out.targets = targets.fp;
			out.targets_path = targets_path;
		}
	}
	if (composition_path) {
		if (jb_atomic_open(&composition, composition_path) != 0) {
			if (out.models)
				jb_atomic_abort(&models);
			jb_atomic_abort(&output);
			free(models_path);
			free(composition_path);
			free(tables);
			return JB_EXIT_CANTCREAT;
		}
		out.composition = composition.fp;
		out.composition_path = composition_path;
	}
	if (rc == JB_EXIT_OK)
		rc = stats_write_header(output.fp, output_path);
	if (rc == JB_EXIT_OK && out.targets) {
		const char *const columns[] = { "indicator", "period", "region_code", "value",
						"target", "target_flag", "status" };

		if (jb_csv_write_row(out.targets, columns, 7) != 0)
			rc = JB_EXIT_IOERR;
	}
	if (rc == JB_EXIT_OK && out.composition)
		rc = stats_write_composition_header(out.composition, composition_path);
	if (rc == JB_EXIT_OK && out.models)
		rc = stats_write_models_header(out.models, models_path);
	for (i = 0; i < count && rc == JB_EXIT_OK; i++) {
		rc = run_indicator(config, names[i], settings, tidy_dir, context, &out, tables,
				   table_count);
		for (t = 0; t < table_count; t++)
			if (tables[t].loaded && tables[t].last_indicator == i) {
				stats_tidy_table_free(&tables[t].table);
				tables[t].loaded = 0;
			}
	}
	for (t = 0; t < table_count; t++)
		if (tables[t].loaded)
			stats_tidy_table_free(&tables[t].table);
	free(tables);
	if (rc == JB_EXIT_OK && out.models && jb_atomic_commit(&models) != 0)
		rc = JB_EXIT_IOERR;
	else if (rc != JB_EXIT_OK && out.models)
		jb_atomic_abort(&models);
	free(models_path);
	if (rc == JB_EXIT_OK && out.composition && jb_atomic_commit(&composition) != 0)
		rc = JB_EXIT_IOERR;
	else if (rc != JB_EXIT_OK && out.composition)
		jb_atomic_abort(&composition);
	free(composition_path);
	if (rc == JB_EXIT_OK && out.targets && jb_atomic_commit(&targets) != 0)
		rc = JB_EXIT_IOERR;
	else if (rc != JB_EXIT_OK && out.targets)
		jb_atomic_abort(&targets);
	free(targets_path);
	if (rc != JB_EXIT_OK) {
		jb_atomic_abort(&output);
		return rc;
	}
	return jb_atomic_commit(&output) == 0 ? JB_EXIT_OK : JB_EXIT_IOERR;
}

int stats_run(const char *config_path, const char *tidy_dir, const char *output_path)
{
	struct jb_config config;
	struct stats_settings settings;
	struct stats_context context;
	int rc;

	gsl_set_error_handler_off();
	stats_threads_init();
	/*
	 * Every indicator allocates and frees arrays of the same large sizes:
	 * keep them in the heap instead of mapping fresh (zeroed, faulted-in)
	 * pages each time.
	 */
	mallopt(M_MMAP_THRESHOLD, 1 << 30);
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	if (jb_config_load(config_path, &config) != 0)
		return JB_EXIT_CONFIG;
	memset(&context, 0, sizeof(context));
	if (jb_config_check(&config) != 0 || stats_settings_read(&config, &settings) != 0)
		rc = JB_EXIT_CONFIG;
	else
		rc = stats_context_load(&config, tidy_dir, &context);
	if (rc == JB_EXIT_OK && context.covariate_count > 0) {
		char *peers_path = beside(output_path, "peers.csv");

		if (jb_mkdirs_for(peers_path) != 0)
			rc = JB_EXIT_CANTCREAT;
		else
			rc = stats_write_peers(peers_path, &config, &context);
		free(peers_path);
	}
	if (rc == JB_EXIT_OK)
		rc = run_indicators(&config, &settings, tidy_dir, &context, output_path);
	stats_context_free(&context);
	jb_config_free(&config);
	return rc;
}
