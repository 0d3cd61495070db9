/* Numbers, periods and flags as Dutch readers expect them. */
#ifndef JB_OUT_FORMAT_H
#define JB_OUT_FORMAT_H

#include <stddef.h>

struct jb_indicator_view;

/* "12.345,6": decimal comma, thousands dot; "" for NAN. Returns buf. */
char *jb_format_number(char *buf, size_t size, double value, int decimals);
/* A value of an indicator with its unit ("12,3 %"); "" for NAN. Returns buf. */
char *jb_format_value(char *buf, size_t size, double value, const char *unit);
/* "2024", "2024 kwartaal 1", ...; the key itself when it is no CBS period. */
char *jb_format_period(char *buf, size_t size, const char *period);
/* The indicator's period as shown: period_label or the period, "*" when provisional. */
char *jb_format_view_period(char *buf, size_t size, const struct jb_indicator_view *view);
/* 1 when a period status is provisional ("voorlopig", "nader voorlopig"). */
int jb_is_provisional(const char *period_status);
/* Dutch words for a funnel flag pair (flag95, flag998) and a CSS class. */
const char *jb_flag_words(const char *flag95, const char *flag998);
const char *jb_flag_class(const char *flag95, const char *flag998);
/* Dutch words for a benchmark status other than ok, or NULL for ok. */
const char *jb_status_words(const char *status);
/* Which quarter of the distribution a value falls in, in words. */
const char *jb_quartile_words(double value, double q1, double median, double q3);

#endif
