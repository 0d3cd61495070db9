#include "url.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

int jb_url_check_base(const char *base)
{
	CURLU *url = curl_url();
	char *scheme = NULL, *path = NULL, *query = NULL, *user = NULL;
	int rc = -1;

	if (!url)
		return -1;
	if (curl_url_set(url, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_get(url, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0) &&
	    curl_url_get(url, CURLUPART_PATH, &path, 0) == CURLUE_OK &&
	    strcmp(path, "/") == 0 &&
	    curl_url_get(url, CURLUPART_QUERY, &query, 0) == CURLUE_NO_QUERY &&
	    curl_url_get(url, CURLUPART_USER, &user, 0) == CURLUE_NO_USER)
		rc = 0;
	curl_free(scheme);
	curl_free(path);
	curl_free(query);
	curl_free(user);
	curl_url_cleanup(url);
	return rc;
}

static char *escape(const char *text)
{
	char *escaped = curl_easy_escape(NULL, text, 0);
	char *copy;

	if (!escaped)
		return NULL;
	copy = jb_xstrdup(escaped);
	curl_free(escaped);
	return copy;
}

char *jb_url_entity_set(const char *base, const char *catalog, const char *table_id,
			const char *entity_set, const char *filter, const char *select)
{
	size_t base_len = strlen(base);
	char *url, *with_query, *encoded;

	while (base_len > 0 && base[base_len - 1] == '/')
		base_len--;
	url = jb_xasprintf("%.*s/%s/odata/%s/%s", (int)base_len, base, catalog, table_id,
			   entity_set);
	if (filter && *filter) {
		encoded = escape(filter);
		if (!encoded) {
			free(url);
			return NULL;
		}
		with_query = jb_xasprintf("%s?$filter=%s", url, encoded);
		free(encoded);
		free(url);
		url = with_query;
	}
	if (select && *select) {
		encoded = escape(select);
		if (!encoded) {
			free(url);
			return NULL;
		}
		with_query = jb_xasprintf("%s%c$select=%s", url, strchr(url, '?') ? '&' : '?',
					  encoded);
		free(encoded);
		free(url);
		url = with_query;
	}
	return url;
}

static int set_url(CURLU *url, const char *text)
{
	return curl_url_set(url, CURLUPART_URL, text, CURLU_ALLOW_SPACE) == CURLUE_OK ? 0 : -1;
}

/* Copies one part of from into to (absent parts are cleared). */
static int copy_part(CURLU *to, CURLU *from, CURLUPart part)
{
	char *value = NULL;
	CURLUcode got = curl_url_get(from, part, &value, 0);
	int rc;

	if (got == CURLUE_OK)
		rc = curl_url_set(to, part, value, 0) == CURLUE_OK ? 0 : -1;
	else
		rc = curl_url_set(to, part, NULL, 0) == CURLUE_OK ? 0 : -1;
	curl_free(value);
	return rc;
}

int jb_url_resolve_next(const char *href, const char *xml_base, const char *page_url,
			const char *base, char **next)
{
	CURLU *url = curl_url(), *base_url = curl_url();
	char *text = NULL, *with_slash = NULL;
	int rc = -1;

	*next = NULL;
	if (!url || !base_url || set_url(url, page_url) != 0 || set_url(base_url, base) != 0)
		goto done;
	if (xml_base && *xml_base) {
		size_t len = strlen(xml_base);

		with_slash = xml_base[len - 1] == '/' ? jb_xstrdup(xml_base)
						      : jb_xasprintf("%s/", xml_base);
		if (set_url(url, with_slash) != 0)
			goto done;
	}
	if (!*href || set_url(url, href) != 0)
		goto done;
	if (copy_part(url, base_url, CURLUPART_SCHEME) != 0 ||
	    copy_part(url, base_url, CURLUPART_HOST) != 0 ||
	    copy_part(url, base_url, CURLUPART_PORT) != 0 ||
	    curl_url_set(url, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK ||
	    curl_url_get(url, CURLUPART_URL, &text, 0) != CURLUE_OK)
		goto done;
	*next = jb_xstrdup(text);
	rc = 0;
done:
	curl_free(text);
	free(with_slash);
	curl_url_cleanup(url);
	curl_url_cleanup(base_url);
	return rc;
}

int jb_url_resolve(const char *reference, const char *from, char **target)
{
	CURLU *url = curl_url();
	char *text = NULL;
	int rc = -1;

	*target = NULL;
	if (url && set_url(url, from) == 0 && set_url(url, reference) == 0 &&
	    curl_url_get(url, CURLUPART_URL, &text, 0) == CURLUE_OK) {
		*target = jb_xstrdup(text);
		rc = 0;
	}
	curl_free(text);
	curl_url_cleanup(url);
	return rc;
}

int jb_url_host(const char *url_text, char *host, unsigned size)
{
	CURLU *url = curl_url();
	char *value = NULL;
	int rc = -1;

	if (url && set_url(url, url_text) == 0 &&
	    curl_url_get(url, CURLUPART_HOST, &value, 0) == CURLUE_OK &&
	    strlen(value) < size) {
		char *at;

		for (at = value; *at; at++)
			if (*at >= 'A' && *at <= 'Z')
				*at = (char)(*at - 'A' + 'a');
		strcpy(host, value);
		rc = 0;
	}
	curl_free(value);
	curl_url_cleanup(url);
	return rc;
}

/* "scheme://host:port" of url with the default port filled in; the caller owns it. */
static char *origin(const char *url_text)
{
	CURLU *url = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *result = NULL;

	if (url && set_url(url, url_text) == 0 &&
	    curl_url_get(url, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(url, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(url, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
		result = jb_xasprintf("%s://%s:%s", scheme, host, port);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(url);
	return result;
}

int jb_url_same_origin(const char *a, const char *b)
{
	char *origin_a = origin(a), *origin_b = origin(b);
	int same = origin_a && origin_b && strcasecmp(origin_a, origin_b) == 0;

	free(origin_a);
	free(origin_b);
	return same;
}

/* Where the digits of "$skip=" (or "%24skip=") start in url's query; NULL when absent. */
static const char *skip_digits(const char *url)
{
	const char *query = strchr(url, '?'), *at;

	for (at = query; at; at = strchr(at + 1, '&')) {
		const char *value = NULL;

		if (strncmp(at + 1, "$skip=", 6) == 0)
			value = at + 7;
		else if (strncasecmp(at + 1, "%24skip=", 8) == 0)
			value = at + 9;
		if (value && *value >= '0' && *value <= '9')
			return value;
	}
	return NULL;
}

long jb_url_skip(const char *url)
{
	const char *digits = skip_digits(url);

	return digits ? strtol(digits, NULL, 10) : 0;
}

char *jb_url_with_skip(const char *url, long skip)
{
	const char *digits = skip_digits(url), *end;

	if (!digits)
		return NULL;
	for (end = digits; *end >= '0' && *end <= '9'; end++)
		;
	return jb_xasprintf("%.*s%ld%s", (int)(digits - url), url, skip, end);
}
