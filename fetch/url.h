/* CBS OData URLs: building them from the config, following next links. */
#ifndef JB_FETCH_URL_H
#define JB_FETCH_URL_H

/* 0 when base is http(s)://host[:port] with nothing after but one '/'. */
int jb_url_check_base(const char *base);

/*
 * <base>/<catalog>/odata/<table>/<entity_set>[?$filter=..&$select=..] with
 * filter and select (may be NULL) URL-encoded; the caller owns it.
 */
char *jb_url_entity_set(const char *base, const char *catalog, const char *table_id,
			const char *entity_set, const char *filter, const char *select);

/*
 * Resolves a next link href against xml_base (may be NULL; a missing
 * trailing '/' is added, as OData service roots end in one) or else the
 * page's own URL, then replaces scheme, host and port by base's.  The
 * caller owns *next.  -1 when href is not a URL.
 */
int jb_url_resolve_next(const char *href, const char *xml_base, const char *page_url,
			const char *base, char **next);

/* Resolves a redirect target against the URL that answered it; the caller owns *target. */
int jb_url_resolve(const char *reference, const char *from, char **target);

/* The host of url (lower case, without port) into host; -1 when there is none. */
int jb_url_host(const char *url, char *host, unsigned size);

/* 1 when a and b have the same scheme, host and port. */
int jb_url_same_origin(const char *a, const char *b);

/*
 * url with the value of its $skip query option replaced by skip; NULL when
 * url has no $skip=<digits>.  The caller owns it.
 */
char *jb_url_with_skip(const char *url, long skip);
/* The value of $skip=<digits> in url's query; 0 when absent. */
long jb_url_skip(const char *url);

#endif
