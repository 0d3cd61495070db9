/* CBS period keys: 8 characters, year + type + number ("2021JJ00"). */
#ifndef JB_PERIOD_H
#define JB_PERIOD_H

enum jb_period_type {
	JB_PERIOD_YEAR,      /* JJ00 */
	JB_PERIOD_HALF,      /* HJ01, HJ02 */
	JB_PERIOD_QUARTER,   /* KW01-KW04 */
	JB_PERIOD_MONTH      /* MM01-MM12 */
};

struct jb_period {
	int year;
	enum jb_period_type type;
	int number;
};

/* Parses a trimmed key; -1 (without a message) when it is not a period. */
int jb_period_parse(const char *key, struct jb_period *period);

#endif
