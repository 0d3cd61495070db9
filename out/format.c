#include "format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "report.h"

char *jb_format_number(char *buf, size_t size, double value, int decimals)
{
	char digits[64];
	const char *point, *p;
	size_t used = 0, int_len, i;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (!isfinite(value))
		return buf;
	snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(value));
	if (value < 0 && strspn(digits, "0.") != strlen(digits) && used + 1 < size)
		buf[used++] = '-';
	point = strchr(digits, '.');
	int_len = point ? (size_t)(point - digits) : strlen(digits);
	for (i = 0; i < int_len && used + 2 < size; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			buf[used++] = '.';
		buf[used++] = digits[i];
	}
	if (point && used + 1 < size) {
		buf[used++] = ',';
		for (p = point + 1; *p && used + 1 < size; p++)
			buf[used++] = *p;
	}
	buf[used] = '\0';
	return buf;
}

char *jb_format_value(char *buf, size_t size, double value, const char *unit)
{
	size_t len;

	jb_format_number(buf, size, value, 1);
	len = strlen(buf);
	if (len && unit && *unit)
		snprintf(buf + len, size - len, "%s%s", strcmp(unit, "%") == 0 ? "\u00a0" : " ",
			 unit);
	return buf;
}

char *jb_format_period(char *buf, size_t size, const char *period)
{
	static const char *const halves[] = { "", "eerste halfjaar", "tweede halfjaar" };
	struct jb_period parsed;

	if (jb_period_parse(period, &parsed) != 0) {
		snprintf(buf, size, "%s", period);
		return buf;
	}
	switch (parsed.type) {
	case JB_PERIOD_YEAR:
		snprintf(buf, size, "%d", parsed.year);
		break;
	case JB_PERIOD_HALF:
		snprintf(buf, size, "%d %s", parsed.year, halves[parsed.number]);
		break;
	case JB_PERIOD_QUARTER:
		snprintf(buf, size, "%d kwartaal %d", parsed.year, parsed.number);
		break;
	case JB_PERIOD_MONTH:
		snprintf(buf, size, "%d maand %d", parsed.year, parsed.number);
		break;
	}
	return buf;
}

int jb_is_provisional(const char *period_status)
{
	return period_status && strstr(period_status, "voorlopig") != NULL;
}

char *jb_format_view_period(char *buf, size_t size, const struct jb_indicator_view *view)
{
	size_t len;

	if (view->period_label)
		snprintf(buf, size, "%s", view->period_label);
	else
		jb_format_period(buf, size, view->period ? view->period : "");
	len = strlen(buf);
	if (jb_is_provisional(view->period_status) && len + 1 < size)
		snprintf(buf + len, size - len, "*");
	return buf;
}

static int is(const char *flag, const char *word)
{
	return flag && strcmp(flag, word) == 0;
}

const char *jb_flag_words(const char *flag95, const char *flag998)
{
	if (is(flag998, "above"))
		return "hoger dan verwacht (99,8%)";
	if (is(flag998, "below"))
		return "lager dan verwacht (99,8%)";
	if (is(flag95, "above"))
		return "hoger dan verwacht (95%)";
	if (is(flag95, "below"))
		return "lager dan verwacht (95%)";
	if (is(flag95, "within"))
		return "binnen de grenzen";
	return "";
}

const char *jb_flag_class(const char *flag95, const char *flag998)
{
	if (is(flag998, "above"))
		return "f-above998";
	if (is(flag998, "below"))
		return "f-below998";
	if (is(flag95, "above"))
		return "f-above95";
	if (is(flag95, "below"))
		return "f-below95";
	if (is(flag95, "within"))
		return "f-within";
	return "f-none";
}

const char *jb_status_words(const char *status)
{
	if (!status || !*status || strcmp(status, "ok") == 0)
		return NULL;
	if (strcmp(status, "suppressed") == 0)
		return "niet gepubliceerd (kleine aantallen)";
	if (strcmp(status, "no_denominator") == 0)
		return "geen noemer";
	if (strcmp(status, "zero_denominator") == 0)
		return "noemer is 0";
	return "niet berekend";
}

const char *jb_quartile_words(double value, double q1, double median, double q3)
{
	if (isnan(value) || isnan(q1) || isnan(median) || isnan(q3))
		return "";
	if (value <= q1)
		return "laagste kwart";
	if (value <= median)
		return "tweede kwart";
	if (value <= q3)
		return "derde kwart";
	return "hoogste kwart";
}
