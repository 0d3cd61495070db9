/* Unit tests of jb-transform: the SAX2 Atom reader on awkward chunks, page names, info paths. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../transform/atom_sax.h"
#include "../../transform/json_page.h"
#include "exitcode.h"
#include "odata.h"
#include "../../transform/metadata.h"
#include "../../transform/metadata_v4.h"
#include "msg.h"
#include "xalloc.h"
#include "../../transform/pages.h"
#include "../../transform/tidy_write.h"
#include "../../transform/harmonise.h"
#include "../../transform/reorganisations.h"

#define FEED_OPEN                                                                          \
	"<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"                   \
	"<feed xml:base=\"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/\" "             \
	"xmlns=\"http://www.w3.org/2005/Atom\" "                                            \
	"xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" "                \
	"xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\n"     \
	"  <id>https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet</id>\n"        \
	"  <title type=\"text\">TypedDataSet</title>\n"

static const char feed[] =
	FEED_OPEN
	"  <entry>\n"
	"    <id>https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet(10000)</id>\n"
	"    <title /><author><name /></author>\n"
	"    <content type=\"application/xml\">\n"
	"      <m:properties>\n"
	"        <d:ID m:type=\"Edm.Int32\">10000</d:ID>\n"
	"        <d:RegioS xml:space=\"preserve\">GM0363    </d:RegioS>\n"
	"        <d:Perioden>2021JJ00</d:Perioden>\n"
	"        <d:JongerenTot18Jaar_1 m:type=\"Edm.Int32\">160315</d:JongerenTot18Jaar_1>\n"
	"        <d:JongerenMetJeugdhulp_2 m:type=\"Edm.Int32\" m:null=\"true\" />\n"
	"      </m:properties>\n"
	"    </content>\n"
	"  </entry>\n"
	"  <entry><content type=\"application/xml\"><m:properties>"
	"<d:Title>Rijen &amp; kolommen &#233;&lt;x&gt;</d:Title>"
	"<d:Aandeel m:type=\"Edm.Double\">12.5</d:Aandeel>"
	"<d:Code><![CDATA[a<b]]></d:Code>"
	"</m:properties></content></entry>\n"
	"  <link rel=\"next\" href=\"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=20000\" />\n"
	"</feed>\n";

/* What the reader must hand over for feed, written out by hand. */
static const char feed_expected[] =
	"entry\n"
	"ID=[10000] type 2\n"
	"RegioS=[GM0363    ] type 0\n"
	"Perioden=[2021JJ00] type 0\n"
	"JongerenTot18Jaar_1=[160315] type 2\n"
	"JongerenMetJeugdhulp_2=null type 2\n"
	"entry\n"
	"Title=[Rijen & kolommen \xc3\xa9<x>] type 0\n"
	"Aandeel=[12.5] type 4\n"
	"Code=[a<b] type 0\n";

struct collected {
	char text[4096];
	size_t len;
	int stop_after; /* stop with 74 after this many entries (0: never) */
	int entries;
};

static int collect(const struct jb_atom_entry *entry, void *context)
{
	struct collected *out = context;
	size_t i;

	out->len += (size_t)snprintf(out->text + out->len, sizeof(out->text) - out->len, "entry\n");
	for (i = 0; i < entry->count; i++) {
		const struct jb_atom_property *p = &entry->properties[i];

		if (p->is_null)
			out->len += (size_t)snprintf(out->text + out->len, sizeof(out->text) - out->len,
						     "%s=null type %d\n", p->name, (int)p->type);
		else
			out->len += (size_t)snprintf(out->text + out->len, sizeof(out->text) - out->len,
						     "%s=[%s] type %d\n", p->name, p->value,
						     (int)p->type);
	}
	out->entries++;
	return out->stop_after && out->entries >= out->stop_after ? JB_EXIT_IOERR : 0;
}

/* Feeds document in pieces cut at the given offsets; returns the reader's status. */
static int read_in_pieces(const char *document, const size_t *cuts, size_t cut_count,
			  struct collected *out, char **next_link)
{
	struct jb_atom_reader *reader = jb_atom_reader_new("test.xml", collect, out);
	size_t len = strlen(document), at = 0, i;
	int status = 0;

	ck_assert_ptr_nonnull(reader);
	for (i = 0; i <= cut_count && status == 0; i++) {
		size_t end = i < cut_count ? cuts[i] : len;

		status = jb_atom_reader_push(reader, document + at, end - at, i == cut_count);
		at = end;
	}
	if (next_link) {
		const char *link = jb_atom_reader_next_link(reader);

		*next_link = link ? strdup(link) : NULL;
	}
	jb_atom_reader_free(reader);
	return status;
}

START_TEST(reader_hands_over_properties)
{
	struct collected out = { 0 };
	char *next = NULL;

	ck_assert_int_eq(read_in_pieces(feed, NULL, 0, &out, &next), 0);
	ck_assert_str_eq(out.text, feed_expected);
	ck_assert_str_eq(next, "https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=20000");
	free(next);
}
END_TEST

/* Every split into two chunks: mid-tag, mid-attribute, mid-entity, mid-CDATA, mid-UTF-8. */
START_TEST(reader_same_for_every_two_chunk_split)
{
	size_t cut;

	for (cut = 0; cut <= strlen(feed); cut++) {
		struct collected out = { 0 };

		ck_assert_int_eq(read_in_pieces(feed, &cut, 1, &out, NULL), 0);
		ck_assert_msg(strcmp(out.text, feed_expected) == 0, "differs when cut at %zu", cut);
	}
}
END_TEST

START_TEST(reader_same_byte_by_byte)
{
	size_t len = strlen(feed), i;
	size_t *cuts = malloc(len * sizeof(*cuts));
	struct collected out = { 0 };

	for (i = 0; i < len; i++)
		cuts[i] = i + 1;
	ck_assert_int_eq(read_in_pieces(feed, cuts, len - 1, &out, NULL), 0);
	ck_assert_str_eq(out.text, feed_expected);
	free(cuts);
}
END_TEST

START_TEST(reader_ignores_prefixes)
{
	static const char other_prefixes[] =
		"<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\" "
		"xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" "
		"xmlns:meta=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">"
		"<a:entry><a:content><meta:properties>"
		"<RegioS>NL01  </RegioS><Waarde meta:type=\"Edm.Int64\" meta:null=\"true\"/>"
		"</meta:properties></a:content></a:entry></a:feed>";
	struct collected out = { 0 };

	ck_assert_int_eq(read_in_pieces(other_prefixes, NULL, 0, &out, NULL), 0);
	ck_assert_str_eq(out.text, "entry\nRegioS=[NL01  ] type 0\nWaarde=null type 3\n");
}
END_TEST

START_TEST(reader_refuses_bad_documents)
{
	static const char *const bad[] = {
		/* truncated */
		FEED_OPEN "  <entry><content><m:properties><d:RegioS>GM03",
		/* prefix d bound to another namespace */
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://example.org/d\" "
		"xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">"
		"<entry><content><m:properties><d:RegioS>GM0363</d:RegioS>"
		"</m:properties></content></entry></feed>",
		/* billion laughs */
		"<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\">&b;</feed>",
		/* external entity */
		"<!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">&x;</feed>",
		/* undeclared entity */
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>",
		/* not Atom */
		"<rss><channel/></rss>",
		/* an element inside a property */
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" "
		"xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">"
		"<entry><content><m:properties><d:A><d:B>1</d:B></d:A></m:properties></content></entry></feed>",
		"",
	};
	size_t i;

	jb_quiet = 1;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct collected out = { 0 };
		size_t cut = strlen(bad[i]) / 2;

		ck_assert_msg(read_in_pieces(bad[i], NULL, 0, &out, NULL) == JB_EXIT_DATAERR,
			      "document %zu accepted", i);
		ck_assert_msg(read_in_pieces(bad[i], &cut, 1, &out, NULL) == JB_EXIT_DATAERR,
			      "document %zu accepted in two chunks", i);
		ck_assert_msg(strstr(out.text, "aaaa") == NULL && strstr(out.text, "root") == NULL,
			      "document %zu leaked an entity", i);
	}
	jb_quiet = 0;
}
END_TEST

START_TEST(reader_stops_with_the_callback_status)
{
	struct collected out = { .stop_after = 1 };

	ck_assert_int_eq(read_in_pieces(feed, NULL, 0, &out, NULL), JB_EXIT_IOERR);
	ck_assert_int_eq(out.entries, 1);
}
END_TEST

START_TEST(edm_types)
{
	ck_assert_int_eq(jb_edm_type_parse("Edm.Int32"), JB_EDM_INT32);
	ck_assert_int_eq(jb_edm_type_parse("Edm.Int64"), JB_EDM_INT64);
	ck_assert_int_eq(jb_edm_type_parse("Edm.Double"), JB_EDM_DOUBLE);
	ck_assert_int_eq(jb_edm_type_parse("Edm.String"), JB_EDM_STRING);
	ck_assert_int_eq(jb_edm_type_parse("Edm.DateTime"), JB_EDM_DATETIME);
	ck_assert_int_eq(jb_edm_type_parse("Edm.Boolean"), JB_EDM_BOOLEAN);
	ck_assert_int_eq(jb_edm_type_parse("Edm.Decimal"), JB_EDM_OTHER);
}
END_TEST

START_TEST(page_names_give_their_skip)
{
	ck_assert_int_eq(jb_page_skip("TypedDataSet.xml", "TypedDataSet"), 0);
	ck_assert_int_eq(jb_page_skip("TypedDataSet.skip10000.xml", "TypedDataSet"), 10000);
	ck_assert_int_eq(jb_page_skip("TypedDataSet.skip120000.xml", "TypedDataSet"), 120000);
	ck_assert_int_eq(jb_page_skip("TypedDataSet.skip010.xml", "TypedDataSet"), -1);
	ck_assert_int_eq(jb_page_skip("TypedDataSet.skip.xml", "TypedDataSet"), -1);
	ck_assert_int_eq(jb_page_skip("TypedDataSet.skip10000.xml.tmp.abc", "TypedDataSet"), -1);
	ck_assert_int_eq(jb_page_skip("UntypedDataSet.xml", "TypedDataSet"), -1);
	ck_assert_int_eq(jb_page_skip("RegioS.xml", "TypedDataSet"), -1);
}
END_TEST

START_TEST(info_path_beside_the_data)
{
	char *path = jb_tidy_info_path("data/tidy/85099SYN.csv");

	ck_assert_str_eq(path, "data/tidy/85099SYN.info.csv");
	free(path);
	ck_assert_ptr_null(jb_tidy_info_path("data/tidy/85099SYN"));
	ck_assert_ptr_null(jb_tidy_info_path("data/tidy/.csv"));
}
END_TEST

START_TEST(synthetic_from_any_text)
{
	struct jb_table_meta meta = { 0 };

	meta.title = "Jongeren met jeugdzorg";
	meta.source = "CBS";
	ck_assert_int_eq(jb_metadata_is_synthetic(&meta), 0);
	meta.title = "SYNTHETISCH: jongeren";
	ck_assert_int_eq(jb_metadata_is_synthetic(&meta), 1);
	meta.title = "Jongeren";
	meta.description = "Made of Synthetic data";
	ck_assert_int_eq(jb_metadata_is_synthetic(&meta), 1);
	meta.description = "Synthese van bronnen";
	ck_assert_int_eq(jb_metadata_is_synthetic(&meta), 0);
}
END_TEST

#define CBS_JSON "tests/transform/data/cbs-json/"

/* Counts rows and keeps chosen properties of chosen rows as "row:name=[value] type T". */
struct json_rows {
	size_t rows, topics;
	size_t want_row[3];
	const char *want_name[3];
	char got[3][128];
};

static int count_rows(const struct jb_atom_entry *entry, void *context)
{
	struct json_rows *out = context;
	size_t i, w;

	out->rows++;
	for (i = 0; i < entry->count; i++) {
		const struct jb_atom_property *p = &entry->properties[i];

		if (strcmp(p->name, "Type") == 0 && strcmp(p->value, "Topic") == 0)
			out->topics++;
		for (w = 0; w < 3; w++)
			if (out->want_name[w] && out->want_row[w] == out->rows &&
			    strcmp(out->want_name[w], p->name) == 0)
				snprintf(out->got[w], sizeof(out->got[w]), "%s=[%s]%s type %d", p->name,
					 p->value, p->is_null ? " null" : "", (int)p->type);
	}
	return 0;
}

START_TEST(json_untyped_pages_with_next_link)
{
	struct json_rows page1 = { .want_row = { 1, 1, 10000 },
				   .want_name = { "RegioS", "OpenstaandeVacatures_1", "RegioS" } };
	struct json_rows page2 = { .want_row = { 1, 5504, 1 },
				   .want_name = { "OpenstaandeVacatures_1", "RegioS", "Perioden" } };
	struct jb_odata_ref ref;
	char *next = NULL;

	ck_assert_int_eq(jb_feed_read_file(CBS_JSON "83599NED.UntypedDataSet.json", count_rows,
					   &page1, &next), 0);
	ck_assert_uint_eq(page1.rows, 10000);
	ck_assert_str_eq(page1.got[0], "RegioS=[NL01  ] type 0");
	ck_assert_str_eq(page1.got[1], "OpenstaandeVacatures_1=[   135.5] type 0");
	ck_assert_str_eq(page1.got[2], "RegioS=[PV23  ] type 0");
	ck_assert_ptr_nonnull(next);
	ck_assert_int_eq(jb_odata_parse_url(next, &ref), 0);
	ck_assert_str_eq(ref.entity_set, "UntypedDataSet");
	ck_assert_int_eq(ref.skip, 10000);
	free(next);
	ck_assert_int_eq(jb_feed_read_file(CBS_JSON "83599NED.UntypedDataSet.skip10000.json",
					   count_rows, &page2, &next), 0);
	ck_assert_uint_eq(page2.rows, 5504);
	ck_assert_uint_eq(page1.rows + page2.rows, 15504);
	ck_assert_str_eq(page2.got[0], "OpenstaandeVacatures_1=[     1.0] type 0");
	ck_assert_str_eq(page2.got[1], "RegioS=[PV31  ] type 0");
	ck_assert_str_eq(page2.got[2], "Perioden=[2012KW03] type 0");
	ck_assert_ptr_null(next);
}
END_TEST

START_TEST(json_typed_numbers_and_metadata)
{
	struct json_rows data = { .want_row = { 1, 1, 675 },
				  .want_name = { "Werknemers_5", "ID", "Persoonskenmerken" } };
	struct json_rows info = { .want_row = { 1 }, .want_name = { "Title" } };
	struct json_rows properties = { .want_row = { 5 }, .want_name = { "Key" } };

	ck_assert_int_eq(jb_feed_read_file(CBS_JSON "80137ned.TypedDataSet.json", count_rows,
					   &data, NULL), 0);
	ck_assert_uint_eq(data.rows, 675);
	ck_assert_str_eq(data.got[0], "Werknemers_5=[5858.4] type 4");
	ck_assert_str_eq(data.got[1], "ID=[0] type 3");
	ck_assert_int_eq(strncmp(data.got[2], "Persoonskenmerken=[", 19), 0);
	ck_assert_int_eq(jb_feed_read_file(CBS_JSON "80137ned.TableInfos.json", count_rows, &info,
					   NULL), 0);
	ck_assert_uint_eq(info.rows, 1);
	ck_assert_str_eq(info.got[0],
			 "Title=[Arbeidsrekeningen; leeftijd en opleidingsniveau] type 0");
	ck_assert_int_eq(jb_feed_read_file(CBS_JSON "80137ned.DataProperties.json", count_rows,
					   &properties, NULL), 0);
	ck_assert_uint_eq(properties.rows, 19);
	ck_assert_uint_eq(properties.topics, 12);
	ck_assert_str_eq(properties.got[0], "Key=[Totaal_1] type 0");
}
END_TEST

START_TEST(json_refuses_bad_responses)
{
	static const char *const bad[] = {
		"{\"value\": [{\"RegioS\": \"GM0363\"}",
		"{\"d\": {\"results\": []}}",
		"{\"value\": [{\"RegioS\": {\"nested\": 1}}]}",
		"{\"value\": [1, 2]}",
	};
	char path[] = "/tmp/jbjson.XXXXXX.json";
	size_t i;

	jb_quiet = 1;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct json_rows out = { 0 };
		int fd = mkstemps(path, 5);
		FILE *fp;

		ck_assert_int_ge(fd, 0);
		fp = fdopen(fd, "w");
		fputs(bad[i], fp);
		fclose(fp);
		ck_assert_msg(jb_feed_read_file(path, count_rows, &out, NULL) == JB_EXIT_DATAERR,
			      "response %zu accepted", i);
		unlink(path);
		strcpy(path, "/tmp/jbjson.XXXXXX.json");
	}
	jb_quiet = 0;
}
END_TEST

static const struct jb_reorg_share *share_of(const struct jb_reorg_share *shares, size_t count,
					     const char *code)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strcmp(shares[i].code, code) == 0)
			return &shares[i];
	return NULL;
}

START_TEST(reorganisations_of_the_config)
{
	struct jb_reorganisations reorg;
	struct jb_reorg_share *shares;
	size_t count;

	ck_assert_int_eq(jb_reorg_load("config/reorganisations.csv", &reorg), 0);
	/* Eemsdelta was formed on 2021-01-01; Amsterdam existed before Weesp joined */
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1979"), 20210101);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM0363"), 0);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM0439"), 0);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM0865"), 0);
	ck_assert_int_eq(jb_reorg_end(&reorg, "GM0457"), 20220324);
	ck_assert(jb_reorg_exists(&reorg, "GM0457", 20220101));
	ck_assert(!jb_reorg_exists(&reorg, "GM0457", 20230101));
	ck_assert(!jb_reorg_exists(&reorg, "GM1979", 20200101));
	ck_assert(jb_reorg_exists(&reorg, "GM1979", 20210101));
	count = jb_reorg_successors(&reorg, "GM0788", 20240101, &shares);
	ck_assert_uint_eq(count, 4);
	ck_assert_int_eq(share_of(shares, count, "GM0824")->weight, 409100);
	ck_assert_int_eq(share_of(shares, count, "GM0865")->weight, 338800);
	ck_assert_int_eq(share_of(shares, count, "GM0757")->weight, 150100);
	ck_assert_int_eq(share_of(shares, count, "GM0855")->weight, 102000);
	free(shares);
	count = jb_reorg_successors(&reorg, "GM0788", 20200101, &shares);
	ck_assert_uint_eq(count, 1);
	ck_assert_str_eq(shares[0].code, "GM0788");
	free(shares);
	count = jb_reorg_successors(&reorg, "GM0457", 20230101, &shares);
	ck_assert_uint_eq(count, 1);
	ck_assert_str_eq(shares[0].code, "GM0363");
	ck_assert_int_eq(shares[0].weight, JB_WEIGHT_ONE);
	free(shares);
	ck_assert_str_eq(jb_reorg_name(&reorg, "GM1992"), "Voorne aan Zee");
	jb_reorg_free(&reorg);
}
END_TEST

/* The changes of 2015-2019: renames with a new code, chains, splits into new codes. */
START_TEST(reorganisations_since_2015)
{
	struct jb_reorganisations reorg;
	struct jb_reorg_share *shares;
	size_t count;

	ck_assert_int_eq(jb_reorg_load("config/reorganisations.csv", &reorg), 0);
	/* a new name with a new code creates the code: De Fryske Marren on 1 July 2015 */
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1940"), 20150701);
	ck_assert_int_eq(jb_reorg_end(&reorg, "GM1921"), 20150701);
	/* Groesbeek took in Millingen and Ubbergen (2015), then became Berg en Dal (2016) */
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM0241"), 0);
	ck_assert_int_eq(jb_reorg_end(&reorg, "GM0241"), 20160101);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1945"), 20160101);
	count = jb_reorg_successors(&reorg, "GM0265", 20240101, &shares);
	ck_assert_uint_eq(count, 1);
	ck_assert_str_eq(shares[0].code, "GM1945");
	ck_assert_int_eq(shares[0].weight, JB_WEIGHT_ONE);
	free(shares);
	count = jb_reorg_successors(&reorg, "GM0265", 20150101, &shares);
	ck_assert_uint_eq(count, 1);
	ck_assert_str_eq(shares[0].code, "GM0241");
	free(shares);
	/* hosts that list themselves existed before; codes formed with a share of a split are new */
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM0014"), 0);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM0080"), 0);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1900"), 0);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1949"), 20180101);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1966"), 20190101);
	ck_assert_int_eq(jb_reorg_start(&reorg, "GM1969"), 20190101);
	ck_assert(!jb_reorg_exists(&reorg, "GM1969", 20180101));
	/* Littenseradiel (2018) over three municipalities; the weights add up to 1 */
	count = jb_reorg_successors(&reorg, "GM0140", 20240101, &shares);
	ck_assert_uint_eq(count, 3);
	ck_assert_int_eq(share_of(shares, count, "GM0080")->weight, 297400);
	ck_assert_int_eq(share_of(shares, count, "GM1900")->weight, 541400);
	ck_assert_int_eq(share_of(shares, count, "GM1949")->weight, 161200);
	free(shares);
	/* Winsum (2019) into two new municipalities */
	count = jb_reorg_successors(&reorg, "GM0053", 20240101, &shares);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(share_of(shares, count, "GM1966")->weight, 885300);
	ck_assert_int_eq(share_of(shares, count, "GM1969")->weight, 114700);
	free(shares);
	/* Maasdonk (2015) into two existing ones */
	count = jb_reorg_successors(&reorg, "GM1671", 20240101, &shares);
	ck_assert_uint_eq(count, 2);
	ck_assert_int_eq(share_of(shares, count, "GM0796")->weight, 589300);
	ck_assert_int_eq(share_of(shares, count, "GM0828")->weight, 410700);
	free(shares);
	/* a 2014 municipality through two mergers: Vlist (2015) -> Krimpenerwaard */
	count = jb_reorg_successors(&reorg, "GM0623", 20240101, &shares);
	ck_assert_uint_eq(count, 1);
	ck_assert_str_eq(shares[0].code, "GM1931");
	free(shares);
	jb_reorg_free(&reorg);
}
END_TEST

START_TEST(only_counts_are_summed)
{
	struct jb_topic count = { "JongerenMetJeugdhulp_2", "Jongeren met jeugdhulp", "aantal",
				  "Long", 3 };
	struct jb_topic percent = { "k_0Tot15Jaar_3", "0 tot 15 jaar", "%", "Long", 3 };
	struct jb_topic density = { "Bevolkingsdichtheid_33", "Bevolkingsdichtheid",
				    "aantal inwoners per km\xc2\xb2", "Long", 3 };
	struct jb_topic mean = { "GemiddeldeHuishoudensgrootte_32",
				 "Gemiddelde huishoudensgrootte", "aantal", "Double", 3 };
	struct jb_topic mean_long = { "GemiddeldeWoningwaarde_35", "Gemiddelde woningwaarde",
				      "x 1 000 euro", "Long", 3 };
	struct jb_topic area = { "OppervlakteLand_111", "Oppervlakte land", "ha", "Long", 3 };
	struct jb_topic name = { "Gemeentenaam_1", "Gemeentenaam", "naam", "String", 3 };

	ck_assert(jb_topic_is_count(&count));
	ck_assert(jb_topic_is_count(&area));
	ck_assert(!jb_topic_is_count(&percent));
	ck_assert(!jb_topic_is_count(&density));
	ck_assert(!jb_topic_is_count(&mean));
	ck_assert(!jb_topic_is_count(&mean_long));
	ck_assert(!jb_topic_is_count(&name));
}
END_TEST

START_TEST(metadata_of_a_category_table)
{
	struct jb_table_meta meta;
	const struct jb_category *category;

	ck_assert_int_eq(jb_metadata_load("tests/transform/data/99004TST", &meta), 0);
	ck_assert_ptr_nonnull(meta.category);
	ck_assert_str_eq(meta.category->key, "Verwijzer");
	ck_assert_int_eq(meta.category->role, JB_DIMENSION_CATEGORY);
	ck_assert_str_eq(meta.region->key, "RegioS");
	ck_assert_str_eq(meta.time->key, "Perioden");
	ck_assert_uint_eq(meta.category->category_count, 4);
	/* keys trimmed of their padding, looked up by key, file order kept */
	category = jb_dimension_category(meta.category, "VW03");
	ck_assert_ptr_nonnull(category);
	ck_assert_str_eq(category->title, "Rechter, Officier van Justitie");
	ck_assert_uint_eq(category->order, 3);
	ck_assert_uint_eq(jb_dimension_category(meta.category, "T001")->order, 0);
	ck_assert_ptr_null(jb_dimension_category(meta.category, "VW03  "));
	ck_assert_str_eq(meta.output_status, "Gestopt");
	jb_metadata_free(&meta);
	ck_assert_int_eq(jb_metadata_load("tests/transform/data/99003TST", &meta), 0);
	ck_assert_ptr_null(meta.category);
	ck_assert_str_eq(meta.output_status, "");
	jb_metadata_free(&meta);
}
END_TEST

START_TEST(v4_next_links_give_their_skip)
{
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/83765NED/Observations?$skip=10000",
					 "Observations"), 10000);
	ck_assert_int_eq(jb_v4_link_skip("http://127.0.0.1:8080/CBS/X/Observations/?$filter=a&%24skip=20000",
					 "Observations"), 20000);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/RegioSCodes?$skip=4", "RegioSCodes"),
			 4);
	/* another entity set, no $skip, no number, zero, trailing junk */
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/MeasureCodes?$skip=4",
					 "Observations"), -1);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/ObservationsX?$skip=4",
					 "Observations"), -1);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/Observations?$top=4",
					 "Observations"), -1);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/Observations?$skip=x",
					 "Observations"), -1);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/Observations?$skip=0",
					 "Observations"), -1);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/Observations?$skip=7x",
					 "Observations"), -1);
	ck_assert_int_eq(jb_v4_link_skip("https://odata4.cbs.nl/CBS/X/Observations", "Observations"),
			 -1);
}
END_TEST

/* The tidy CSV written by out_path's writer from one entry, or row by row. */
static char *tidy_bytes(const char *out_path, int per_entry)
{
	struct jb_topic topics[] = {
		{ .key = "A_1", .title = "Jongeren, \"met\" jeugdhulp", .unit = "aantal" },
		{ .key = "B_2", .title = " spatie", .unit = "%" },
		{ .key = "C_3", .title = "", .unit = "" },
	};
	const char *values[] = { "120", "", "4.5" }, *statuses[] = { "ok", "missing", "ok" };
	struct jb_tidy_row row = { "GM0363", "Amsterdam, de \"hoofdstad\"", "GM", "2021JJ00",
				   "voorlopig", NULL, NULL, NULL, NULL, NULL, "no", "Verwijzer",
				   "VW01", "Huisarts\nen" };
	struct jb_tidy_output output;
	char *bytes;
	size_t len, round, i;

	ck_assert_int_eq(jb_tidy_open(&output, out_path), 0);
	for (round = 0; round < 2; round++) {
		if (per_entry) {
			ck_assert_int_eq(jb_tidy_write_entry(&output, &row, topics, 3, values,
							     statuses), 0);
		} else {
			for (i = 0; i < 3; i++) {
				row.measure_key = topics[i].key;
				row.measure_title = topics[i].title;
				row.unit = topics[i].unit;
				row.value = values[i];
				row.status = statuses[i];
				ck_assert_int_eq(jb_tidy_write_row(&output, &row), 0);
			}
		}
		row.region_code = "GM0014";
		row.category_title = "";
	}
	ck_assert_int_eq(jb_tidy_commit(&output), 0);
	ck_assert_int_eq(jb_read_file(out_path, &bytes, &len), 0);
	return bytes;
}

START_TEST(entry_rows_are_the_same_bytes_as_single_rows)
{
	const char *tmp = getenv("JB_TEST_TMP") ? getenv("JB_TEST_TMP") : "/tmp";
	char *entry_path = jb_xasprintf("%s/entry-%ld.csv", tmp, (long)getpid());
	char *row_path = jb_xasprintf("%s/rows-%ld.csv", tmp, (long)getpid());
	char *by_entry = tidy_bytes(entry_path, 1), *by_row = tidy_bytes(row_path, 0);

	ck_assert_str_eq(by_entry, by_row);
	ck_assert_ptr_nonnull(strstr(by_row, "GM0014,\"Amsterdam, de \"\"hoofdstad\"\"\",GM,2021JJ00,"
					     "voorlopig,B_2,\" spatie\",%,,missing,no,Verwijzer,VW01,\n"));
	free(by_entry);
	free(by_row);
	unlink(entry_path);
	unlink(row_path);
	free(entry_path);
	free(row_path);
	entry_path = jb_xasprintf("%s/entry-%ld.info.csv", tmp, (long)getpid());
	row_path = jb_xasprintf("%s/rows-%ld.info.csv", tmp, (long)getpid());
	unlink(entry_path);
	unlink(row_path);
	free(entry_path);
	free(row_path);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("transform");
	TCase *reader = tcase_create("atom reader");
	TCase *names = tcase_create("names");
	SRunner *runner;
	int failed;

	tcase_set_timeout(reader, 60);
	tcase_add_test(reader, reader_hands_over_properties);
	tcase_add_test(reader, reader_same_for_every_two_chunk_split);
	tcase_add_test(reader, reader_same_byte_by_byte);
	tcase_add_test(reader, reader_ignores_prefixes);
	tcase_add_test(reader, reader_refuses_bad_documents);
	tcase_add_test(reader, reader_stops_with_the_callback_status);
	tcase_add_test(reader, edm_types);
	tcase_add_test(reader, json_untyped_pages_with_next_link);
	tcase_add_test(reader, json_typed_numbers_and_metadata);
	tcase_add_test(reader, json_refuses_bad_responses);
	suite_add_tcase(suite, reader);
	tcase_add_test(names, page_names_give_their_skip);
	tcase_add_test(names, v4_next_links_give_their_skip);
	tcase_add_test(names, entry_rows_are_the_same_bytes_as_single_rows);
	tcase_add_test(names, info_path_beside_the_data);
	tcase_add_test(names, synthetic_from_any_text);
	tcase_add_test(names, reorganisations_of_the_config);
	tcase_add_test(names, reorganisations_since_2015);
	tcase_add_test(names, only_counts_are_summed);
	tcase_add_test(names, metadata_of_a_category_table);
	suite_add_tcase(suite, names);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
