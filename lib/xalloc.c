#include "xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcode.h"
#include "msg.h"

void *jb_xmalloc(size_t size)
{
	void *ptr = malloc(size ? size : 1);

	if (!ptr)
		jb_die(JB_EXIT_SOFTWARE, "out of memory allocating %zu bytes", size);
	return ptr;
}

void *jb_xcalloc(size_t count, size_t size)
{
	void *ptr = calloc(count ? count : 1, size ? size : 1);

	if (!ptr)
		jb_die(JB_EXIT_SOFTWARE, "out of memory allocating %zu x %zu bytes", count, size);
	return ptr;
}

void *jb_xrealloc(void *ptr, size_t size)
{
	void *grown = realloc(ptr, size ? size : 1);

	if (!grown)
		jb_die(JB_EXIT_SOFTWARE, "out of memory allocating %zu bytes", size);
	return grown;
}

void jb_grow(void **items, size_t *capacity, size_t need, size_t size)
{
	size_t wanted = *capacity ? *capacity : 16;

	if (need <= *capacity)
		return;
	while (wanted < need) {
		if (wanted > SIZE_MAX / 2 / size)
			jb_die(JB_EXIT_SOFTWARE, "out of memory growing a list to %zu items", need);
		wanted *= 2;
	}
	*items = jb_xrealloc(*items, wanted * size);
	*capacity = wanted;
}

char *jb_xstrdup(const char *text)
{
	return jb_xstrndup(text, strlen(text));
}

char *jb_xstrndup(const char *text, size_t len)
{
	char *copy = jb_xmalloc(len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

char *jb_xasprintf(const char *fmt, ...)
{
	va_list ap;
	int len;
	char *text;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		jb_die(JB_EXIT_SOFTWARE, "cannot format a message");
	text = jb_xmalloc((size_t)len + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	va_end(ap);
	return text;
}
