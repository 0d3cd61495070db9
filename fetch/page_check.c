#include "page_check.h"

#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xalloc.h"

#define ATOM_NS "http://www.w3.org/2005/Atom"
#define DATA_NS "http://schemas.microsoft.com/ado/2007/08/dataservices"

struct reader_error {
	char message[200];
	int line;
	int seen;
};

static void note_error(void *context, const xmlError *error)
{
	struct reader_error *first = context;
	size_t len;

	if (first->seen || !error || error->level < XML_ERR_ERROR)
		return;
	first->seen = 1;
	first->line = error->line;
	snprintf(first->message, sizeof(first->message), "%s",
		 error->message ? error->message : "malformed XML");
	len = strlen(first->message);
	while (len > 0 && (first->message[len - 1] == '\n' || first->message[len - 1] == ' '))
		first->message[--len] = '\0';
}

static void structured_error(void *context, xmlErrorPtr error)
{
	note_error(context, error);
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

static int is_element(xmlTextReaderPtr reader, const char *ns, const char *name)
{
	const xmlChar *node_ns = xmlTextReaderConstNamespaceUri(reader);
	const xmlChar *local = xmlTextReaderConstLocalName(reader);

	return xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT && node_ns && local &&
	       strcmp((const char *)node_ns, ns) == 0 && strcmp((const char *)local, name) == 0;
}

static char *owned_string(xmlChar *value)
{
	char *copy = value ? jb_xstrdup((const char *)value) : NULL;

	xmlFree(value);
	return copy;
}

/* Looks at one node; returns -1 with why filled when the page is wrong. */
static int check_node(xmlTextReaderPtr reader, const char *expected_title,
		      struct jb_page_info *info, int *saw_title, char *why, size_t why_size)
{
	int type = xmlTextReaderNodeType(reader), depth = xmlTextReaderDepth(reader);

	if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
		snprintf(why, why_size, "a document type declaration (DTD) is refused");
		return -1;
	}
	if (type != XML_READER_TYPE_ELEMENT)
		return 0;
	if (depth == 0) {
		if (!is_element(reader, ATOM_NS, "feed")) {
			snprintf(why, why_size, "root element <%s> is not an Atom <feed>",
				 (const char *)xmlTextReaderConstName(reader));
			return -1;
		}
		info->xml_base = owned_string(xmlTextReaderGetAttributeNs(
			reader, BAD_CAST "base", XML_XML_NAMESPACE));
	} else if (depth == 1 && is_element(reader, ATOM_NS, "title")) {
		char *title = owned_string(xmlTextReaderReadString(reader));

		*saw_title = 1;
		if (!title || strcmp(title, expected_title) != 0) {
			snprintf(why, why_size, "feed title is '%.60s', expected '%s'",
				 title ? title : "", expected_title);
			free(title);
			return -1;
		}
		free(title);
	} else if (depth == 1 && is_element(reader, ATOM_NS, "entry")) {
		info->entries++;
	} else if (depth == 1 && is_element(reader, ATOM_NS, "link")) {
		xmlChar *rel = xmlTextReaderGetAttribute(reader, BAD_CAST "rel");

		if (rel && strcmp((const char *)rel, "next") == 0) {
			if (info->next_href) {
				xmlFree(rel);
				snprintf(why, why_size, "more than one next link");
				return -1;
			}
			info->next_href = owned_string(
				xmlTextReaderGetAttribute(reader, BAD_CAST "href"));
			if (!info->next_href) {
				xmlFree(rel);
				snprintf(why, why_size, "next link without href");
				return -1;
			}
		}
		xmlFree(rel);
	} else if (depth > 1 && is_element(reader, DATA_NS, "Key")) {
		xmlChar *key = xmlTextReaderReadString(reader);
		size_t width = key ? (size_t)xmlUTF8Strlen(key) : 0;

		if (width > info->key_width)
			info->key_width = width;
		xmlFree(key);
	} else if (!info->modified && is_element(reader, DATA_NS, "Modified")) {
		info->modified = owned_string(xmlTextReaderReadString(reader));
	}
	return 0;
}

int jb_page_check(const char *body, size_t len, const char *expected_title,
		  struct jb_page_info *info, char *why, size_t why_size)
{
	struct reader_error error = { "", 0, 0 };
	xmlTextReaderPtr reader;
	int ret, failed = 0, saw_title = 0;

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
	reader = xmlReaderForMemory(body, (int)len, NULL, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!reader) {
		snprintf(why, why_size, "cannot create an XML reader");
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(reader, structured_error, &error);
	while ((ret = xmlTextReaderRead(reader)) == 1) {
		if (check_node(reader, expected_title, info, &saw_title, why, why_size) != 0) {
			failed = 1;
			break;
		}
	}
	if (!failed && ret != 0) {
		if (error.seen)
			snprintf(why, why_size, "line %d: malformed XML: %s", error.line,
				 error.message);
		else
			snprintf(why, why_size, "malformed XML");
		failed = 1;
	}
	if (!failed && !saw_title) {
		snprintf(why, why_size, "feed has no <title>, expected '%s'", expected_title);
		failed = 1;
	}
	xmlFreeTextReader(reader);
	if (failed) {
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
