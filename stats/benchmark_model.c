/* The context-adjusted expectation of one period: logistic model, expected counts, O/E. */
#include "benchmark.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "glm.h"
#include "nearest.h"
#include "poisson.h"
#include "xalloc.h"

static void add_model_row(struct stats_indicator *indicator, const char *period, const char *term,
			  double coefficient, double se, size_t n, const struct stats_glm *fit)
{
	struct stats_model_row *row;

	jb_grow((void **)&indicator->model_rows, &indicator->model_row_capacity,
		indicator->model_row_count + 1, sizeof(*indicator->model_rows));
	row = &indicator->model_rows[indicator->model_row_count++];
	row->period = jb_xstrdup(period);
	row->term = term;
	row->coefficient = coefficient;
	row->se = se;
	row->n = n;
	row->deviance = fit->deviance;
	row->dispersion = fit->dispersion;
	row->aic = fit->aic;
	row->iterations = fit->iterations;
}

/* Expected count, O/E and its exact interval of each fitted unit. */
static void set_expected(const struct stats_indicator *indicator, struct stats_unit *units,
			 const size_t *which, size_t used, const struct stats_glm *fit,
			 const struct stats_settings *settings)
{
	size_t i;

	for (i = 0; i < used; i++) {
		struct stats_unit *unit = &units[which[i]];
		double expected = unit->denominator.value * fit->fitted[i];
		struct stats_interval interval;

		if (!(expected > 0) || !isfinite(expected))
			continue;
		unit->expected = stats_known(expected);
		unit->oe_ratio = stats_known(unit->numerator.value / expected);
		if (stats_garwood(unit->numerator.value, settings->confidence, &interval) != 0)
			continue;
		unit->oe_low = stats_known(interval.low / expected);
		unit->oe_high = stats_known(interval.high / expected);
		unit->oe_flag = interval.low / expected > 1 ? STATS_FLAG_ABOVE :
				interval.high / expected < 1 ? STATS_FLAG_BELOW : STATS_FLAG_WITHIN;
	}
	(void)indicator;
}

void stats_model_period(struct stats_indicator *indicator, struct stats_unit *units,
			size_t count, const struct stats_settings *settings)
{
	const struct stats_context *context = indicator->context;
	size_t covariates = context ? context->model_count : 0, terms, used = 0, i, c;
	double *x, *n, *design, *columns;
	size_t *which;
	struct stats_glm fit;
	enum stats_glm_result result;
	const char *why = NULL;

	if (!context || covariates == 0 || indicator->published_rate || count == 0)
		return;
	x = jb_xcalloc(count, sizeof(*x));
	n = jb_xcalloc(count, sizeof(*n));
	which = jb_xcalloc(count, sizeof(*which));
	columns = jb_xcalloc(count * covariates, sizeof(*columns));
	design = jb_xcalloc(count * (covariates + 1), sizeof(*design));
	for (i = 0; i < count; i++) {
		long r = stats_context_region(context, units[i].region_code);

		if (units[i].status != STATS_OK || r < 0)
			continue;
		for (c = 0; c < covariates; c++)
			if (stats_context_value(context, context->model[c], (size_t)r,
						&columns[used * covariates + c]) != 0)
				break;
		if (c < covariates)
			continue;
		x[used] = units[i].numerator.value;
		n[used] = units[i].denominator.value;
		which[used++] = i;
	}
	terms = covariates + 1;
	if (used == 0) {
		stats_note(indicator, units[0].period,
			   "no municipality with counts and every model covariate: no expected values");
		goto done;
	}
	if (used <= terms)
		why = "too few municipalities for the covariates";
	else if (stats_standardise(columns, used, covariates) != 0)
		why = "a model covariate without spread";
	for (;;) {
		for (i = 0; i < used; i++) {
			design[i * terms] = 1;
			for (c = 1; c < terms; c++)
				design[i * terms + c] = columns[i * covariates + c - 1];
		}
		result = why ? STATS_GLM_SINGULAR : stats_glm_logit(x, n, design, used, terms, &fit);
		if (result == STATS_GLM_SINGULAR && terms > 1) {
			char *what = jb_xasprintf("%s: the expected values use the national "
						  "proportion only (intercept model)",
						  why ? why : "singular design");

			stats_note(indicator, units[0].period, what);
			free(what);
			why = NULL;
			terms = 1;
			continue;
		}
		break;
	}
	if (result != STATS_GLM_OK) {
		stats_note(indicator, units[0].period,
			   "the logistic model does not converge: no expected values");
		goto done;
	}
	for (c = 0; c < terms; c++)
		add_model_row(indicator, units[0].period,
			      c == 0 ? "intercept" : context->specs[context->model[c - 1]].name,
			      fit.coefficients[c], fit.se[c], used, &fit);
	set_expected(indicator, units, which, used, &fit, settings);
	stats_glm_free(&fit);
done:
	free(x);
	free(n);
	free(which);
	free(columns);
	free(design);
}
