#include "filter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static int is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Length of "<dimension> eq '" at text (operator eq or ne), or 0. */
static size_t comparison_prefix(const char *filter, const char *text, const char *dimension)
{
	size_t len = strlen(dimension);
	const char *at = text + len;

	if (strncmp(text, dimension, len) != 0 || (text > filter && is_name_char(text[-1])) ||
	    is_name_char(*at))
		return 0;
	if (*at != ' ')
		return 0;
	while (*at == ' ')
		at++;
	if (strncmp(at, "eq ", 3) != 0 && strncmp(at, "ne ", 3) != 0)
		return 0;
	at += 3;
	while (*at == ' ')
		at++;
	return *at == '\'' ? (size_t)(at + 1 - text) : 0;
}

char *jb_filter_pad(const char *filter, const char *dimension, size_t width)
{
	size_t capacity = 0, used = 0, in = 0, len = strlen(filter);
	char *out = NULL;

	jb_grow((void **)&out, &capacity, len + 1, 1);
	while (in < len) {
		size_t prefix = comparison_prefix(filter, filter + in, dimension);
		const char *value, *close;
		size_t value_len, pad = 0;

		if (!prefix || !(close = strchr(filter + in + prefix, '\''))) {
			if (filter[in] == '\'') { /* skip a string literal whole */
				const char *end = strchr(filter + in + 1, '\'');
				size_t literal = end ? (size_t)(end - (filter + in)) + 1 : len - in;

				jb_grow((void **)&out, &capacity, used + literal + 1, 1);
				memcpy(out + used, filter + in, literal);
				used += literal;
				in += literal;
				continue;
			}
			jb_grow((void **)&out, &capacity, used + 2, 1);
			out[used++] = filter[in++];
			continue;
		}
		value = filter + in + prefix;
		value_len = (size_t)(close - value);
		if (value_len < width)
			pad = width - value_len;
		jb_grow((void **)&out, &capacity, used + prefix + value_len + pad + 2, 1);
		memcpy(out + used, filter + in, prefix + value_len);
		used += prefix + value_len;
		memset(out + used, ' ', pad);
		used += pad;
		out[used++] = '\'';
		in += prefix + value_len + 1;
	}
	out[used] = '\0';
	return out;
}
