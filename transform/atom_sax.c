#include "atom_sax.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "exitcode.h"
#include "msg.h"
#include "text.h"
#include "xalloc.h"

/* A property value longer than this is not an OData value. */
#define MAX_VALUE_BYTES (1UL << 20)
#define READ_CHUNK 65536

/* A property slot, reused from entry to entry. */
struct property_slot {
	char *name;
	size_t name_capacity;
	char *value;
	size_t value_len, value_capacity;
	int is_null;
	enum jb_edm_type type;
	unsigned long line, column;
};

/* The last pointers the parser used for a namespace and for another one. */
struct namespace_seen {
	const xmlChar *same, *other;
};

struct jb_atom_reader {
	char *name;
	jb_atom_entry_fn each_entry;
	void *context;
	xmlParserCtxtPtr parser;
	int status;        /* first error: 0 while all is well */
	int depth;         /* of the element being read; root = 1 */
	int saw_root;      /* the root element has started */
	int entry_depth;   /* 0 when outside an entry */
	int properties_depth;
	int property_depth;
	unsigned long entry_line;
	struct property_slot *slots;
	size_t slot_count, slot_capacity;
	struct jb_atom_property *properties; /* handed to the callback */
	size_t properties_capacity;
	char *next_link;
	/* the parser's own copies of the namespaces, once seen (libxml2 interns them) */
	struct namespace_seen atom_ns, data_ns, meta_ns;
};

/* The type named by the len bytes at name. */
static enum jb_edm_type edm_type_span(const char *name, size_t len)
{
#define EDM(text, type) { text, sizeof(text) - 1, type }
	static const struct {
		const char *name;
		size_t len;
		enum jb_edm_type type;
	} types[] = {
		EDM("Edm.Int32", JB_EDM_INT32),       EDM("Edm.Double", JB_EDM_DOUBLE),
		EDM("Edm.String", JB_EDM_STRING),     EDM("Edm.Int64", JB_EDM_INT64),
		EDM("Edm.DateTime", JB_EDM_DATETIME), EDM("Edm.Boolean", JB_EDM_BOOLEAN),
	};
#undef EDM
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (len == types[i].len && memcmp(name, types[i].name, len) == 0)
			return types[i].type;
	return JB_EDM_OTHER;
}

enum jb_edm_type jb_edm_type_parse(const char *name)
{
	return edm_type_span(name, strlen(name));
}

static unsigned long reader_line(const struct jb_atom_reader *reader)
{
	int line = xmlSAX2GetLineNumber(reader->parser);

	return line > 0 ? (unsigned long)line : 0;
}

static unsigned long reader_column(const struct jb_atom_reader *reader)
{
	int column = xmlSAX2GetColumnNumber(reader->parser);

	return column > 0 ? (unsigned long)column : 0;
}

/* Records a data error at the parser's position and stops the parser. */
static void reader_fail(struct jb_atom_reader *reader, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void reader_fail(struct jb_atom_reader *reader, const char *fmt, ...)
{
	char message[512];
	va_list ap;

	if (reader->status)
		return;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	jb_error("%s:%lu:%lu: %s", reader->name, reader_line(reader), reader_column(reader),
		 message);
	reader->status = JB_EXIT_DATAERR;
	xmlStopParser(reader->parser);
}

static void reader_stop(struct jb_atom_reader *reader, int status)
{
	if (reader->status)
		return;
	reader->status = status;
	xmlStopParser(reader->parser);
}

/* 1 when uri is want; seen keeps the parser's copies so that the next test is a pointer compare. */
static int same_namespace(const xmlChar *uri, const char *want, struct namespace_seen *seen)
{
	if (!uri)
		return 0;
	if (uri == seen->same)
		return 1;
	if (uri == seen->other)
		return 0;
	if (strcmp((const char *)uri, want) != 0) {
		seen->other = uri;
		return 0;
	}
	seen->same = uri;
	return 1;
}

static int is_element(const xmlChar *uri, const xmlChar *localname, const char *want_uri,
		      struct namespace_seen *seen, const char *want_name)
{
	return same_namespace(uri, want_uri, seen) &&
	       strcmp((const char *)localname, want_name) == 0;
}

/* The value of the attribute {uri}name (uri NULL: no namespace), or NULL; the caller owns it. */
static char *attribute_value(int count, const xmlChar **attributes, const char *uri,
			     const char *name)
{
	int i;

	for (i = 0; i < count; i++) {
		const xmlChar **attribute = attributes + 5 * i;
		int same_uri = uri ? attribute[2] && strcmp((const char *)attribute[2], uri) == 0
				   : attribute[2] == NULL;

		if (same_uri && strcmp((const char *)attribute[0], name) == 0)
			return jb_xstrndup((const char *)attribute[3],
					   (size_t)(attribute[4] - attribute[3]));
	}
	return NULL;
}

/* m:null="true" and m:type of a property, in one pass over its attributes. */
static void property_attributes(struct jb_atom_reader *reader, struct property_slot *slot,
				int count, const xmlChar **attributes)
{
	int i;

	slot->is_null = 0;
	slot->type = JB_EDM_NONE;
	for (i = 0; i < count; i++) {
		const xmlChar **attribute = attributes + 5 * i;
		const char *name = (const char *)attribute[0], *value = (const char *)attribute[3];
		size_t len = (size_t)(attribute[4] - attribute[3]);
		int is_type = strcmp(name, "type") == 0;

		if (!is_type && strcmp(name, "null") != 0)
			continue;
		if (!same_namespace(attribute[2], JB_ODATA_META_NS, &reader->meta_ns))
			continue;
		if (is_type)
			slot->type = edm_type_span(value, len);
		else
			slot->is_null = len == 4 && memcmp(value, "true", 4) == 0;
	}
}

static void start_property(struct jb_atom_reader *reader, const char *name, int attribute_count,
			   const xmlChar **attributes)
{
	struct property_slot *slot;
	size_t len = strlen(name);

	if (reader->slot_count == reader->slot_capacity) {
		size_t old = reader->slot_capacity;

		jb_grow((void **)&reader->slots, &reader->slot_capacity, old + 1,
			sizeof(*reader->slots));
		memset(reader->slots + old, 0,
		       (reader->slot_capacity - old) * sizeof(*reader->slots));
	}
	slot = &reader->slots[reader->slot_count++];
	jb_grow((void **)&slot->name, &slot->name_capacity, len + 1, 1);
	memcpy(slot->name, name, len + 1);
	jb_grow((void **)&slot->value, &slot->value_capacity, 1, 1);
	slot->value_len = 0;
	slot->value[0] = '\0';
	property_attributes(reader, slot, attribute_count, attributes);
	slot->line = reader_line(reader);
	slot->column = reader_column(reader);
}

static void start_feed_element(struct jb_atom_reader *reader, const xmlChar *localname,
			       const xmlChar *uri, int attribute_count,
			       const xmlChar **attributes)
{
	char *rel, *href;

	if (!is_element(uri, localname, JB_ATOM_NS, &reader->atom_ns, "link"))
		return;
	rel = attribute_value(attribute_count, attributes, NULL, "rel");
	href = attribute_value(attribute_count, attributes, NULL, "href");
	if (rel && strcmp(rel, "next") == 0) {
		if (!href || reader->next_link)
			reader_fail(reader, "a next link without href, or more than one");
		else {
			reader->next_link = href;
			href = NULL;
		}
	}
	free(rel);
	free(href);
}

static void on_start(void *context, const xmlChar *localname, const xmlChar *prefix,
		     const xmlChar *uri, int namespace_count, const xmlChar **namespaces,
		     int attribute_count, int defaulted_count, const xmlChar **attributes)
{
	struct jb_atom_reader *reader = context;
	const char *name = (const char *)localname;

	(void)prefix, (void)namespace_count, (void)namespaces, (void)defaulted_count;
	if (reader->status)
		return;
	reader->depth++;
	if (reader->depth == 1) {
		reader->saw_root = 1;
		if (!is_element(uri, localname, JB_ATOM_NS, &reader->atom_ns, "feed") &&
		    !is_element(uri, localname, JB_ATOM_NS, &reader->atom_ns, "entry"))
			reader_fail(reader, "the document is <%s> in namespace %s, not an Atom feed",
				    name, uri ? (const char *)uri : "(none)");
	}
	if (reader->property_depth) {
		reader_fail(reader, "unexpected element <%s> inside property %s", name,
			    reader->slots[reader->slot_count - 1].name);
	} else if (reader->properties_depth) {
		if (!same_namespace(uri, JB_ODATA_DATA_NS, &reader->data_ns))
			reader_fail(reader,
				    "property <%s> is in namespace %s, expected %s",
				    name, uri ? (const char *)uri : "(none)", JB_ODATA_DATA_NS);
		else {
			reader->property_depth = reader->depth;
			start_property(reader, name, attribute_count, attributes);
		}
	} else if (reader->entry_depth) {
		if (is_element(uri, localname, JB_ODATA_META_NS, &reader->meta_ns, "properties")) {
			if (reader->slot_count)
				reader_fail(reader, "an entry with two <m:properties>");
			reader->properties_depth = reader->depth;
		}
	} else if (is_element(uri, localname, JB_ATOM_NS, &reader->atom_ns, "entry") &&
		   reader->depth <= 2) {
		reader->entry_depth = reader->depth;
		reader->entry_line = reader_line(reader);
		reader->slot_count = 0;
	} else if (reader->depth == 2) {
		start_feed_element(reader, localname, uri, attribute_count, attributes);
	}
}

static int hand_over_entry(struct jb_atom_reader *reader)
{
	struct jb_atom_entry entry;
	size_t i;

	jb_grow((void **)&reader->properties, &reader->properties_capacity,
		reader->slot_count + 1, sizeof(*reader->properties));
	for (i = 0; i < reader->slot_count; i++) {
		const struct property_slot *slot = &reader->slots[i];

		reader->properties[i] = (struct jb_atom_property){
			.name = slot->name,
			.value = slot->is_null ? "" : slot->value,
			.is_null = slot->is_null,
			.type = slot->type,
			.line = slot->line,
			.column = slot->column,
		};
	}
	entry.file = reader->name;
	entry.properties = reader->properties;
	entry.count = reader->slot_count;
	entry.line = reader->entry_line;
	return reader->each_entry(&entry, reader->context);
}

static void on_end(void *context, const xmlChar *localname, const xmlChar *prefix,
		   const xmlChar *uri)
{
	struct jb_atom_reader *reader = context;
	int status;

	(void)localname, (void)prefix, (void)uri;
	if (reader->status)
		return;
	if (reader->depth == reader->property_depth)
		reader->property_depth = 0;
	else if (reader->depth == reader->properties_depth)
		reader->properties_depth = 0;
	else if (reader->depth == reader->entry_depth) {
		reader->entry_depth = 0;
		status = hand_over_entry(reader);
		reader->slot_count = 0;
		if (status)
			reader_stop(reader, status);
	}
	reader->depth--;
}

static void on_text(void *context, const xmlChar *text, int len)
{
	struct jb_atom_reader *reader = context;
	struct property_slot *slot;

	if (reader->status || !reader->property_depth || len <= 0)
		return;
	slot = &reader->slots[reader->slot_count - 1];
	if (slot->value_len + (size_t)len > MAX_VALUE_BYTES) {
		reader_fail(reader, "the value of %s is longer than %lu bytes", slot->name,
			    MAX_VALUE_BYTES);
		return;
	}
	jb_grow((void **)&slot->value, &slot->value_capacity, slot->value_len + (size_t)len + 1, 1);
	memcpy(slot->value + slot->value_len, text, (size_t)len);
	slot->value_len += (size_t)len;
	slot->value[slot->value_len] = '\0';
}

static void on_doctype(void *context, const xmlChar *name, const xmlChar *external_id,
		       const xmlChar *system_id)
{
	(void)name, (void)external_id, (void)system_id;
	reader_fail(context, "a DOCTYPE is not allowed in an OData feed (entities are refused)");
}

static void on_entity_declaration(void *context, const xmlChar *name, int type,
				  const xmlChar *public_id, const xmlChar *system_id,
				  xmlChar *content)
{
	(void)type, (void)public_id, (void)system_id, (void)content;
	reader_fail(context, "entity declaration %s is not allowed", (const char *)name);
}

static void on_processing_instruction(void *context, const xmlChar *target,
				      const xmlChar *data)
{
	(void)context, (void)target, (void)data;
}

/* libxml2's own errors: the first one of level error or worse is reported. */
static void on_xml_error(void *context, xmlErrorPtr error)
{
	struct jb_atom_reader *reader = context;
	char message[512];
	size_t len;

	if (!error || error->level < XML_ERR_ERROR || reader->status)
		return;
	snprintf(message, sizeof(message), "%s", error->message ? error->message : "xml error");
	len = strlen(message);
	while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == ' '))
		message[--len] = '\0';
	if (error->code == XML_ERR_DOCUMENT_END && reader->depth > 0)
		snprintf(message, sizeof(message), "premature end of data: %d element%s not closed",
			 reader->depth, reader->depth == 1 ? "" : "s");
	message[0] = (char)tolower((unsigned char)message[0]);
	jb_error("%s:%d:%d: %s", reader->name, error->line, error->int2, message);
	reader->status = JB_EXIT_DATAERR;
	if (reader->parser)
		xmlStopParser(reader->parser);
}

struct jb_atom_reader *jb_atom_reader_new(const char *name, jb_atom_entry_fn each_entry,
					  void *context)
{
	struct jb_atom_reader *reader = jb_xcalloc(1, sizeof(*reader));
	xmlSAXHandler sax;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.internalSubset = on_doctype;
	sax.externalSubset = on_doctype;
	sax.entityDecl = on_entity_declaration;
	sax.processingInstruction = on_processing_instruction;
	sax.serror = on_xml_error;
	reader->name = jb_xstrdup(name);
	reader->each_entry = each_entry;
	reader->context = context;
	reader->parser = xmlCreatePushParserCtxt(&sax, reader, NULL, 0, name);
	if (!reader->parser) {
		jb_error("%s: cannot create an XML parser", name);
		free(reader->name);
		free(reader);
		return NULL;
	}
	/*
	 * CBS serves UTF-8; switching to a declared encoding (utf-7, ...) can halt
	 * libxml2 2.9 without an error through serror, so the declaration is ignored.
	 */
	xmlCtxtUseOptions(reader->parser, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	return reader;
}

int jb_atom_reader_push(struct jb_atom_reader *reader, const char *bytes, size_t len, int last)
{
	int rc;

	if (reader->status)
		return reader->status;
	while (len > 0 || last) {
		int part = len > READ_CHUNK ? READ_CHUNK : (int)len;
		int final = last && (size_t)part == len;

		rc = xmlParseChunk(reader->parser, bytes, part, final);
		if (reader->status)
			return reader->status;
		if (rc != 0) {
			reader_fail(reader, "xml error %d", rc);
			return reader->status;
		}
		bytes += part;
		len -= (size_t)part;
		if (final)
			break;
	}
	if (last && reader->depth != 0) {
		reader_fail(reader, "unexpected end of feed");
		return reader->status;
	}
	/* a halted parser may report no error through serror */
	if (last && (!reader->saw_root || !reader->parser->wellFormed)) {
		reader_fail(reader, "not a well-formed XML document (libxml2 error %d)",
			    reader->parser->errNo);
		return reader->status;
	}
	return 0;
}

const char *jb_atom_reader_next_link(const struct jb_atom_reader *reader)
{
	return reader->next_link;
}

void jb_atom_reader_free(struct jb_atom_reader *reader)
{
	size_t i;

	if (!reader)
		return;
	if (reader->parser) {
		xmlFreeDoc(reader->parser->myDoc);
		xmlFreeParserCtxt(reader->parser);
	}
	for (i = 0; i < reader->slot_capacity; i++) {
		free(reader->slots[i].name);
		free(reader->slots[i].value);
	}
	free(reader->slots);
	free(reader->properties);
	free(reader->next_link);
	free(reader->name);
	free(reader);
}

int jb_atom_read_file(const char *path, jb_atom_entry_fn each_entry, void *context,
		      char **next_link)
{
	struct jb_atom_reader *reader;
	char buffer[READ_CHUNK];
	FILE *fp = fopen(path, "rb");
	int status = 0;
	size_t got;

	if (next_link)
		*next_link = NULL;
	if (!fp) {
		jb_error("%s: cannot open:", path);
		return JB_EXIT_NOINPUT;
	}
	reader = jb_atom_reader_new(path, each_entry, context);
	if (!reader) {
		fclose(fp);
		return JB_EXIT_SOFTWARE;
	}
	do {
		got = fread(buffer, 1, sizeof(buffer), fp);
		if (ferror(fp)) {
			jb_error("%s: read error:", path);
			status = JB_EXIT_NOINPUT;
			break;
		}
		status = jb_atom_reader_push(reader, buffer, got, got < sizeof(buffer) && feof(fp));
	} while (status == 0 && !feof(fp));
	if (status == 0 && next_link && reader->next_link)
		*next_link = jb_xstrdup(reader->next_link);
	jb_atom_reader_free(reader);
	fclose(fp);
	return status;
}

/* The text of the named property of entry, or NULL when absent or null. */
const char *jb_atom_entry_text(const struct jb_atom_entry *entry, const char *name)
{
	size_t i;

	for (i = 0; i < entry->count; i++)
		if (strcmp(entry->properties[i].name, name) == 0)
			return entry->properties[i].is_null ? NULL : entry->properties[i].value;
	return NULL;
}

/* A trimmed copy of the property's text ("" when absent); the caller owns it. */
char *jb_atom_entry_copy(const struct jb_atom_entry *entry, const char *name)
{
	const char *text = jb_atom_entry_text(entry, name);

	return jb_trim(jb_xstrdup(text ? text : ""));
}
