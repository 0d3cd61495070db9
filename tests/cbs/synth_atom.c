#include "synth_atom.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "msg.h"
#include "odata.h"
#include "xalloc.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_DATA "http://schemas.microsoft.com/ado/2007/08/dataservices"
#define NS_META "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"
#define SCHEME NS_DATA "/scheme"

void synth_xml_text(FILE *fp, const char *text)
{
	const char *at;

	for (at = text; *at; at++) {
		switch (*at) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\r':
			fputs("&#13;", fp);
			break;
		default:
			fputc(*at, fp);
		}
	}
}

char *synth_pad_key(const char *key, size_t width)
{
	size_t len = strlen(key);
	char *padded = jb_xmalloc((len > width ? len : width) + 1);

	memcpy(padded, key, len);
	while (len < width)
		padded[len++] = ' ';
	padded[len] = '\0';
	return padded;
}

int synth_feed_open(struct synth_feed *feed, struct synth_output *output,
		    const char *table_id, const char *entity_set, const char *name,
		    const char *updated)
{
	memset(feed, 0, sizeof(*feed));
	feed->output = output;
	feed->name = jb_xstrdup(name ? name : entity_set);
	feed->table_id = jb_xstrdup(table_id);
	feed->entity_set = jb_xstrdup(entity_set);
	feed->updated = jb_xasprintf("%sZ", updated);
	feed->base = output->feed_base ? output->feed_base : SYNTH_FEED_BASE;
	if (output->print_name) {
		feed->fp = open_memstream(&feed->buffer, &feed->buffer_len);
		if (!feed->fp) {
			jb_error("cannot allocate a response buffer:");
			synth_feed_abort(feed);
			return JB_EXIT_SOFTWARE;
		}
	} else {
		char *path = jb_xasprintf("%s/%s/%s.xml", output->dir, table_id, feed->name);
		int rc = jb_atomic_open(&feed->file, path);

		free(path);
		if (rc != 0) {
			synth_feed_abort(feed);
			return JB_EXIT_CANTCREAT;
		}
		feed->fp = feed->file.fp;
	}
	fprintf(feed->fp,
		"<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"
		"<feed xml:base=\"%s%s/\" xmlns=\"" NS_ATOM "\" "
		"xmlns:d=\"" NS_DATA "\" xmlns:m=\"" NS_META "\">\n"
		"  <id>%s%s/%s</id>\n"
		"  <title type=\"text\">%s</title>\n"
		"  <updated>%s</updated>\n"
		"  <link rel=\"self\" title=\"%s\" href=\"%s\" />\n",
		feed->base, table_id, feed->base, table_id, entity_set, entity_set, feed->updated,
		entity_set, entity_set);
	return 0;
}

static void feed_release(struct synth_feed *feed)
{
	free(feed->name);
	free(feed->table_id);
	free(feed->entity_set);
	free(feed->updated);
	free(feed->buffer);
	memset(feed, 0, sizeof(*feed));
}

void synth_feed_abort(struct synth_feed *feed)
{
	if (feed->output && !feed->output->print_name)
		jb_atomic_abort(&feed->file);
	else if (feed->fp)
		fclose(feed->fp);
	feed_release(feed);
}

static int print_response(struct synth_feed *feed)
{
	int failed = fclose(feed->fp) != 0;

	feed->fp = NULL;
	if (failed) {
		jb_error("cannot build the response %s:", feed->name);
		return JB_EXIT_SOFTWARE;
	}
	if (strcmp(feed->name, feed->output->print_name) != 0)
		return 0;
	feed->output->printed = 1;
	if (fwrite(feed->buffer, 1, feed->buffer_len, stdout) != feed->buffer_len ||
	    fflush(stdout) != 0) {
		jb_error("write error on standard output:");
		return JB_EXIT_IOERR;
	}
	return 0;
}

int synth_feed_close(struct synth_feed *feed, const char *next_href)
{
	int status;

	if (next_href)
		fprintf(feed->fp, "  <link rel=\"next\" href=\"%s\" />\n", next_href);
	fputs("</feed>\n", feed->fp);
	if (feed->output->print_name)
		status = print_response(feed);
	else
		status = jb_atomic_commit(&feed->file) == 0 ? 0 : JB_EXIT_IOERR;
	feed_release(feed);
	return status;
}

void synth_entry_begin(struct synth_feed *feed, const char *category, const char *edit_title,
		       const char *entry_key)
{
	fprintf(feed->fp,
		"  <entry>\n"
		"    <id>%s%s/%s(%s)</id>\n"
		"    <category term=\"%s\" scheme=\"" SCHEME "\" />\n"
		"    <link rel=\"edit\" title=\"%s\" href=\"%s(%s)\" />\n"
		"    <title /><updated>%s</updated><author><name /></author>\n"
		"    <content type=\"application/xml\">\n"
		"      <m:properties>\n",
		feed->base, feed->table_id, feed->entity_set, entry_key, category, edit_title,
		feed->entity_set, entry_key, feed->updated);
}

void synth_entry_end(struct synth_feed *feed)
{
	fputs("      </m:properties>\n    </content>\n  </entry>\n", feed->fp);
}

void synth_prop_int(struct synth_feed *feed, const char *name, long long value)
{
	const char *type = value >= -2147483648LL && value <= 2147483647LL ? "Edm.Int32"
									  : "Edm.Int64";

	fprintf(feed->fp, "        <d:%s m:type=\"%s\">%lld</d:%s>\n", name, type, value, name);
}

void synth_prop_number(struct synth_feed *feed, const char *name, const char *edm_type,
		       const char *text)
{
	size_t start = strspn(text, " "), len = strlen(text + start);

	while (len > 0 && text[start + len - 1] == ' ')
		len--;
	fprintf(feed->fp, "        <d:%s m:type=\"%s\">%.*s</d:%s>\n", name, edm_type, (int)len,
		text + start, name);
}

void synth_prop_string(struct synth_feed *feed, const char *name, const char *text)
{
	size_t len = strlen(text);
	int padded = len > 0 && (text[0] == ' ' || text[len - 1] == ' ');

	fprintf(feed->fp, "        <d:%s%s>", name, padded ? " xml:space=\"preserve\"" : "");
	synth_xml_text(feed->fp, text);
	fprintf(feed->fp, "</d:%s>\n", name);
}

void synth_prop_null(struct synth_feed *feed, const char *name, const char *edm_type)
{
	if (edm_type)
		fprintf(feed->fp, "        <d:%s m:type=\"%s\" m:null=\"true\" />\n", name,
			edm_type);
	else
		fprintf(feed->fp, "        <d:%s m:null=\"true\" />\n", name);
}

void synth_prop_datetime(struct synth_feed *feed, const char *name, const char *datetime)
{
	synth_prop_number(feed, name, "Edm.DateTime", datetime);
}

void synth_pages_init(struct synth_pages *pages, struct synth_output *output,
		      const char *table_id, const char *updated)
{
	memset(pages, 0, sizeof(*pages));
	pages->output = output;
	pages->table_id = table_id;
	pages->updated = updated;
}

static char *page_name(long skip)
{
	struct jb_odata_ref ref = { "", "TypedDataSet", skip };
	char *file = jb_odata_file_name(&ref, "xml");

	file[strlen(file) - 4] = '\0';
	return file;
}

int synth_pages_entry_begin(struct synth_pages *pages, long id)
{
	char *entry_key;
	int status;

	if (pages->open && pages->entry_count % JB_ODATA_PAGE_SIZE == 0) {
		char *next = jb_xasprintf("%s%s/TypedDataSet?$skip=%ld", pages->page.base,
					  pages->table_id, pages->entry_count);

		status = synth_feed_close(&pages->page, next);
		free(next);
		pages->open = 0;
		if (status != 0)
			return status;
	}
	if (!pages->open) {
		char *name = page_name(pages->entry_count);

		status = synth_feed_open(&pages->page, pages->output, pages->table_id,
					 "TypedDataSet", name, pages->updated);
		free(name);
		if (status != 0)
			return status;
		pages->open = 1;
	}
	entry_key = jb_xasprintf("%ld", id);
	synth_entry_begin(&pages->page, "Cbs.OData.TData", "TData", entry_key);
	free(entry_key);
	synth_prop_int(&pages->page, "ID", id);
	pages->entry_count++;
	return 0;
}

void synth_pages_entry_end(struct synth_pages *pages)
{
	synth_entry_end(&pages->page);
}

/* Removes TypedDataSet.skipN.xml with N beyond last_skip, left by an earlier run. */
static int remove_stale_pages(const struct synth_pages *pages, long last_skip)
{
	char *folder = jb_xasprintf("%s/%s", pages->output->dir, pages->table_id);
	DIR *dir = opendir(folder);
	struct dirent *item;
	int status = 0;

	if (!dir) {
		jb_error("%s: cannot list:", folder);
		free(folder);
		return JB_EXIT_IOERR;
	}
	while ((item = readdir(dir)) != NULL) {
		char *end, *path;
		long skip;

		if (strncmp(item->d_name, "TypedDataSet.skip", 17) != 0)
			continue;
		skip = strtol(item->d_name + 17, &end, 10);
		if (strcmp(end, ".xml") != 0 || skip <= last_skip)
			continue;
		path = jb_xasprintf("%s/%s", folder, item->d_name);
		if (unlink(path) != 0 && errno != ENOENT) {
			jb_warn("%s: cannot remove a stale page:", path);
			status = JB_EXIT_IOERR;
		}
		free(path);
	}
	closedir(dir);
	free(folder);
	return status;
}

int synth_pages_finish(struct synth_pages *pages)
{
	long last_skip = 0;
	int status = 0;

	if (!pages->open) {
		/* an empty data set is one page without entries */
		status = synth_feed_open(&pages->page, pages->output, pages->table_id,
					 "TypedDataSet", NULL, pages->updated);
		if (status != 0)
			return status;
		pages->open = 1;
	} else {
		last_skip = (pages->entry_count - 1) / JB_ODATA_PAGE_SIZE * JB_ODATA_PAGE_SIZE;
	}
	pages->open = 0;
	status = synth_feed_close(&pages->page, NULL);
	if (status == 0 && !pages->output->print_name)
		status = remove_stale_pages(pages, last_skip);
	return status;
}

void synth_pages_abort(struct synth_pages *pages)
{
	if (pages->open)
		synth_feed_abort(&pages->page);
	pages->open = 0;
}
