#include "text.h"

#include <ctype.h>
#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *jb_trim(char *text)
{
	size_t len = strlen(text), start = 0;

	while (len > 0 && is_blank(text[len - 1]))
		len--;
	while (start < len && is_blank(text[start]))
		start++;
	memmove(text, text + start, len - start);
	text[len - start] = '\0';
	return text;
}

size_t jb_measure_stem_len(const char *key)
{
	size_t len = strlen(key), i = len;

	while (i > 0 && isdigit((unsigned char)key[i - 1]))
		i--;
	if (i < len && i > 1 && key[i - 1] == '_')
		return i - 1;
	return len;
}

int jb_measure_matches(const char *key, const char *stem)
{
	size_t len = jb_measure_stem_len(key);

	if (strcmp(key, stem) == 0)
		return 1;
	return strlen(stem) == len && strncmp(key, stem, len) == 0;
}

const char *jb_region_type(const char *code)
{
	static const char *const types[] = { "NL", "LD", "PV", "GM", "WK", "BU" };
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strncmp(code, types[i], 2) == 0)
			return types[i];
	return "other";
}

int jb_starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}
