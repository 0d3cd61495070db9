#include "period.h"

#include <ctype.h>
#include <string.h>

int jb_period_parse(const char *key, struct jb_period *period)
{
	static const struct {
		const char *code;
		enum jb_period_type type;
		int min, max;
	} types[] = {
		{ "JJ", JB_PERIOD_YEAR, 0, 0 },
		{ "HJ", JB_PERIOD_HALF, 1, 2 },
		{ "KW", JB_PERIOD_QUARTER, 1, 4 },
		{ "MM", JB_PERIOD_MONTH, 1, 12 },
	};
	size_t i;
	int number;

	if (strlen(key) != 8)
		return -1;
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)key[i]))
			return -1;
	if (!isdigit((unsigned char)key[6]) || !isdigit((unsigned char)key[7]))
		return -1;
	number = (key[6] - '0') * 10 + (key[7] - '0');
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strncmp(key + 4, types[i].code, 2) != 0)
			continue;
		if (number < types[i].min || number > types[i].max)
			return -1;
		period->year = (key[0] - '0') * 1000 + (key[1] - '0') * 100 +
			       (key[2] - '0') * 10 + (key[3] - '0');
		period->type = types[i].type;
		period->number = number;
		return 0;
	}
	return -1;
}
