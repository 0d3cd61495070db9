#include "page_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"
#include "xml_library.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define DATA_NS "http://schemas.microsoft.com/ado/2007/08/dataservices"

/* The longest text kept of an element whose content is read (title, Key, Modified). */
#define TEXT_MAX 1024
#define CHUNK ((size_t)1 << 16)

enum capture { CAPTURE_NONE, CAPTURE_TITLE, CAPTURE_KEY, CAPTURE_MODIFIED };

/* What the SAX callbacks know while one page is parsed. */
struct feed_scan {
	xmlParserCtxtPtr parser;
	const char *expected_title;
	struct jb_page_info *info;
	char *why;
	size_t why_size;
	int failed, saw_title;
	int depth;                 /* of the element being read: the root is 0 */
	enum capture capture;      /* an element whose text is gathered ... */
	int capture_depth;         /* ... at this depth */
	int captured;              /* text arrived */
	char text[TEXT_MAX + 1];
	size_t text_len;
	int text_cut;              /* longer than TEXT_MAX */
	char error[200];           /* the parser's first error */
	int error_line, error_seen;
	int root_ended;            /* the root element was closed */
};

static void fail(struct feed_scan *scan, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Notes the first reason and stops the parser. */
static void fail(struct feed_scan *scan, const char *format, ...)
{
	va_list args;

	if (scan->failed)
		return;
	scan->failed = 1;
	va_start(args, format);
	vsnprintf(scan->why, scan->why_size, format, args);
	va_end(args);
	jb_xml.stop_parser(scan->parser);
}

static void note_error(void *context, xmlErrorPtr error)
{
	struct feed_scan *scan = context;
	size_t len;

	if (scan->error_seen || !error || error->level < XML_ERR_ERROR)
		return;
	scan->error_seen = 1;
	scan->error_line = error->line;
	snprintf(scan->error, sizeof(scan->error), "%s",
		 error->message ? error->message : "malformed XML");
	len = strlen(scan->error);
	while (len > 0 && (scan->error[len - 1] == '\n' || scan->error[len - 1] == ' '))
		scan->error[--len] = '\0';
}

/* 1 when the body starts (after blanks and an XML declaration) like an HTML page. */
static int looks_like_html(const char *body, size_t len)
{
	size_t at = 0;

	while (at < len && strchr(" \t\r\n", body[at]))
		at++;
	if (len - at >= 3 && memcmp(body + at, "\xEF\xBB\xBF", 3) == 0)
		at += 3;
	return (len - at >= 14 && strncasecmp(body + at, "<!DOCTYPE html", 14) == 0) ||
	       (len - at >= 5 && strncasecmp(body + at, "<html", 5) == 0);
}

static int named(const xmlChar *uri, const xmlChar *local, const char *ns, const char *name)
{
	return uri && strcmp((const char *)uri, ns) == 0 && strcmp((const char *)local, name) == 0;
}

/*
 * A copy of an attribute value as SAX2 hands it over.  Without entity
 * substitution the parser writes a '&' of the value as "&#38;" (the tree
 * builder decodes it later); the copy has the '&'.
 */
static char *attribute_value(const xmlChar *value, const xmlChar *end)
{
	size_t len = (size_t)(end - value), from, to = 0;
	char *copy = jb_xmalloc(len + 1);

	for (from = 0; from < len; from++) {
		if (value[from] == '&' && len - from >= 5 && memcmp(value + from, "&#38;", 5) == 0) {
			copy[to++] = '&';
			from += 4;
		} else {
			copy[to++] = (char)value[from];
		}
	}
	copy[to] = '\0';
	return copy;
}

/* The value of the attribute local (no namespace when ns is NULL), or NULL. */
static char *attribute(int count, const xmlChar **attributes, const char *ns, const char *local)
{
	int i;

	for (i = 0; i < count; i++) {
		const xmlChar **attr = attributes + 5 * i; /* local, prefix, URI, value, end */

		if (strcmp((const char *)attr[0], local) != 0)
			continue;
		if (ns ? attr[2] && strcmp((const char *)attr[2], ns) == 0 : attr[1] == NULL)
			return attribute_value(attr[3], attr[4]);
	}
	return NULL;
}

static void capture(struct feed_scan *scan, enum capture what)
{
	scan->capture = what;
	scan->capture_depth = scan->depth;
	scan->captured = scan->text_cut = 0;
	scan->text_len = 0;
}

static void on_root(struct feed_scan *scan, const xmlChar *local, const xmlChar *prefix,
		    const xmlChar *uri, int attribute_count, const xmlChar **attributes)
{
	if (!named(uri, local, ATOM_NS, "feed")) {
		fail(scan, "root element <%s%s%s> is not an Atom <feed>",
		     prefix ? (const char *)prefix : "", prefix ? ":" : "", (const char *)local);
		return;
	}
	scan->info->xml_base =
		attribute(attribute_count, attributes, (const char *)XML_XML_NAMESPACE, "base");
}

static void on_link(struct feed_scan *scan, int attribute_count, const xmlChar **attributes)
{
	char *rel = attribute(attribute_count, attributes, NULL, "rel");
	int next = rel && strcmp(rel, "next") == 0;

	free(rel);
	if (!next)
		return;
	if (scan->info->next_href) {
		fail(scan, "more than one next link");
		return;
	}
	scan->info->next_href = attribute(attribute_count, attributes, NULL, "href");
	if (!scan->info->next_href)
		fail(scan, "next link without href");
}

static void start_element(void *context, const xmlChar *local, const xmlChar *prefix,
			  const xmlChar *uri, int namespace_count, const xmlChar **namespaces,
			  int attribute_count, int defaulted, const xmlChar **attributes)
{
	struct feed_scan *scan = context;
	int depth = ++scan->depth;

	(void)namespace_count;
	(void)namespaces;
	(void)defaulted;
	if (scan->failed)
		return;
	if (depth == 0) {
		on_root(scan, local, prefix, uri, attribute_count, attributes);
	} else if (scan->capture != CAPTURE_NONE) {
		return; /* inside a title, Key or Modified: its text is gathered */
	} else if (depth == 1 && named(uri, local, ATOM_NS, "title")) {
		capture(scan, CAPTURE_TITLE);
	} else if (depth == 1 && named(uri, local, ATOM_NS, "entry")) {
		scan->info->entries++;
	} else if (depth == 1 && named(uri, local, ATOM_NS, "link")) {
		on_link(scan, attribute_count, attributes);
	} else if (depth > 1 && named(uri, local, DATA_NS, "Key")) {
		capture(scan, CAPTURE_KEY);
	} else if (!scan->info->modified && named(uri, local, DATA_NS, "Modified")) {
		capture(scan, CAPTURE_MODIFIED);
	}
}

static void characters(void *context, const xmlChar *text, int len)
{
	struct feed_scan *scan = context;
	size_t room = TEXT_MAX - scan->text_len, take = (size_t)len;

	if (scan->capture == CAPTURE_NONE || len <= 0)
		return;
	scan->captured = 1;
	if (take > room) {
		take = room;
		scan->text_cut = 1;
	}
	memcpy(scan->text + scan->text_len, text, take);
	scan->text_len += take;
}

/* The element whose text was gathered ended: use the text. */
static void captured(struct feed_scan *scan)
{
	enum capture what = scan->capture;
	size_t width;

	scan->capture = CAPTURE_NONE;
	scan->text[scan->text_len] = '\0';
	if (what == CAPTURE_TITLE) {
		scan->saw_title = 1;
		if (scan->text_cut || strcmp(scan->text, scan->expected_title) != 0)
			fail(scan, "feed title is '%.60s', expected '%s'", scan->text,
			     scan->expected_title);
	} else if (what == CAPTURE_KEY) {
		width = scan->captured ? (size_t)jb_xml.utf8_strlen((const xmlChar *)scan->text) : 0;
		if (scan->text_cut)
			width = TEXT_MAX; /* a key this long is no key: the widest anyway */
		if (width > scan->info->key_width)
			scan->info->key_width = width;
	} else if (what == CAPTURE_MODIFIED && scan->captured) {
		scan->info->modified = jb_xstrdup(scan->text); /* an empty one: look further */
	}
}

static void end_element(void *context, const xmlChar *local, const xmlChar *prefix,
			const xmlChar *uri)
{
	struct feed_scan *scan = context;

	(void)local;
	(void)prefix;
	(void)uri;
	if (!scan->failed && scan->capture != CAPTURE_NONE && scan->depth == scan->capture_depth)
		captured(scan);
	if (scan->depth-- == 0)
		scan->root_ended = 1;
}

static void document_type(void *context, const xmlChar *name, const xmlChar *external_id,
			  const xmlChar *system_id)
{
	(void)name;
	(void)external_id;
	(void)system_id;
	fail(context, "a document type declaration (DTD) is refused");
}

static void quiet(void *context, const char *format, ...)
{
	(void)context;
	(void)format;
}

/* Feeds body to a SAX2 parser in chunks; the scan holds the outcome. */
static void scan_feed(struct feed_scan *scan, const char *body, size_t len)
{
	xmlSAXHandler handler;
	size_t first = len < 4 ? len : 4, at = first;
	int result = 0;

	jb_xml.set_generic_error_func(NULL, quiet); /* this thread's: errors come through serror */
	memset(&handler, 0, sizeof(handler));
	handler.initialized = XML_SAX2_MAGIC;
	handler.startElementNs = start_element;
	handler.endElementNs = end_element;
	handler.characters = characters;
	handler.cdataBlock = characters;
	handler.ignorableWhitespace = characters;
	handler.internalSubset = document_type;
	handler.serror = note_error;
	scan->parser = jb_xml.create_push_parser_ctxt(&handler, scan, body, (int)first, NULL);
	if (!scan->parser) {
		fail(scan, "cannot create an XML parser");
		return;
	}
	jb_xml.ctxt_use_options(scan->parser, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	while (!scan->failed && at < len && result == 0) {
		size_t slice = len - at < CHUNK ? len - at : CHUNK;

		result = jb_xml.parse_chunk(scan->parser, body + at, (int)slice, 0);
		at += slice;
	}
	if (!scan->failed && result == 0)
		result = jb_xml.parse_chunk(scan->parser, NULL, 0, 1);
	/* libxml2 2.9 may halt on an encoding error without marking the document */
	if (!scan->failed && (result != 0 || !scan->parser->wellFormed ||
			      scan->parser->errNo != 0 || !scan->root_ended)) {
		if (scan->error_seen)
			fail(scan, "line %d: malformed XML: %s", scan->error_line, scan->error);
		else
			fail(scan, "malformed XML");
	}
	jb_xml.free_parser_ctxt(scan->parser);
	scan->parser = NULL;
}

int jb_page_check(const char *body, size_t len, const char *expected_title,
		  struct jb_page_info *info, char *why, size_t why_size)
{
	struct feed_scan scan;

	memset(info, 0, sizeof(*info));
	if (len == 0) {
		snprintf(why, why_size, "empty body");
		return -1;
	}
	if (looks_like_html(body, len)) {
		snprintf(why, why_size, "an HTML page (maintenance page?) instead of an Atom feed");
		return -1;
	}
	if (len > (size_t)0x7fffffff) {
		snprintf(why, why_size, "page larger than 2 GB");
		return -1;
	}
	jb_xml_library_load(); /* at once when loaded; see xml_library.h for threads */
	memset(&scan, 0, sizeof(scan));
	scan.expected_title = expected_title;
	scan.info = info;
	scan.why = why;
	scan.why_size = why_size;
	scan.depth = -1;
	scan_feed(&scan, body, len);
	if (!scan.failed && !scan.saw_title) {
		snprintf(why, why_size, "feed has no <title>, expected '%s'", expected_title);
		scan.failed = 1;
	}
	if (scan.failed) {
		jb_page_info_free(info);
		return -1;
	}
	return 0;
}

void jb_page_info_free(struct jb_page_info *info)
{
	free(info->next_href);
	free(info->xml_base);
	free(info->modified);
	memset(info, 0, sizeof(*info));
}

int jb_page_content_type_ok(const char *content_type)
{
	static const char *const accepted[] = { "application/atom+xml", "application/xml",
						"text/xml", NULL };
	const char *const *type;
	size_t len;

	if (!content_type)
		return 0;
	while (*content_type == ' ')
		content_type++;
	len = strcspn(content_type, "; \t");
	for (type = accepted; *type; type++)
		if (len == strlen(*type) && strncasecmp(content_type, *type, len) == 0)
			return 1;
	return 0;
}
