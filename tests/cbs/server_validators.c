/* HTTP validators of jb-cbs-server: ETag, Last-Modified and the 304 decision. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "server.h"

void cbs_etag_of(const char *body, size_t len, char *etag, size_t size)
{
	unsigned long crc = crc32(0L, Z_NULL, 0);
	size_t done = 0;

	while (done < len) {
		size_t slice = len - done > 0x40000000u ? 0x40000000u : len - done;

		crc = crc32(crc, (const Bytef *)body + done, (uInt)slice);
		done += slice;
	}
	snprintf(etag, size, "W/\"%08lx-%zx\"", crc & 0xffffffffUL, len);
}

void cbs_http_date(time_t when, char *text, size_t size)
{
	struct tm utc;

	if (!gmtime_r(&when, &utc) || strftime(text, size, "%a, %d %b %Y %H:%M:%S GMT", &utc) == 0)
		snprintf(text, size, "Thu, 01 Jan 1970 00:00:00 GMT");
}

/* The opaque part of an entity tag: without W/ (weak comparison). */
static const char *opaque(const char *tag, size_t *len)
{
	while (*tag == ' ' || *tag == '\t')
		tag++;
	if (strncmp(tag, "W/", 2) == 0)
		tag += 2;
	*len = strcspn(tag, ", \t");
	return tag;
}

static int etag_listed(const char *list, const char *etag)
{
	size_t want_len, len;
	const char *want = opaque(etag, &want_len);

	while (*list) {
		const char *tag = opaque(list, &len);

		if ((len == 1 && *tag == '*') || (len == want_len && strncmp(tag, want, len) == 0))
			return 1;
		list = tag + len;
		while (*list == ',' || *list == ' ' || *list == '\t')
			list++;
	}
	return 0;
}

int cbs_not_modified(const char *if_none_match, const char *if_modified_since, const char *etag,
		     time_t mtime)
{
	struct tm when;
	const char *end;
	time_t since;

	if (if_none_match)
		return etag_listed(if_none_match, etag);
	if (!if_modified_since)
		return 0;
	memset(&when, 0, sizeof(when));
	end = strptime(if_modified_since, "%a, %d %b %Y %H:%M:%S GMT", &when);
	if (!end || *end)
		return 0;
	since = timegm(&when);
	return since != (time_t)-1 && mtime <= since;
}
