/* Unit tests of jb-fetch: retry policy, next links, page checks, the table cache. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "../cbs/server.h"
#include "atomic.h"
#include "../../fetch/cache.h"
#include "../../fetch/decode.h"
#include "exitcode.h"
#include "msg.h"
#include "../../fetch/filter.h"
#include "../../fetch/page_check.h"
#include "../../fetch/progress.h"
#include "../../fetch/refresh.h"
#include "../../fetch/wire.h"
#include "../../fetch/retry.h"
#include "../../fetch/url.h"
#include "../../fetch/workers.h"

#define FEED_OPEN                                                                           \
	"<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n"                   \
	"<feed xml:base=\"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/\" "               \
	"xmlns=\"http://www.w3.org/2005/Atom\" "                                              \
	"xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\" "                  \
	"xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\n"
#define ENTRY                                                                               \
	"<entry><id>x</id><content type=\"application/xml\"><m:properties>"                   \
	"<d:ID m:type=\"Edm.Int32\">1</d:ID><d:RegioS xml:space=\"preserve\">GM0363    "      \
	"</d:RegioS></m:properties></content></entry>\n"

static const char good_page[] = FEED_OPEN
	"<id>https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet</id>\n"
	"<title type=\"text\">TypedDataSet</title>\n"
	"<link rel=\"self\" title=\"TypedDataSet\" href=\"TypedDataSet\" />\n"
	ENTRY ENTRY
	"<link rel=\"next\" href=\"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=20000\" />\n"
	"</feed>\n";

static char scratch[256];

static void make_scratch(void)
{
	const char *base = getenv("JB_TEST_TMP");

	jb_mkdirs(base ? base : "/tmp");
	snprintf(scratch, sizeof(scratch), "%s/fetchtest.XXXXXX", base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
	jb_quiet = 1;
}


START_TEST(the_live_line_shows_page_rows_bytes_rate)
{
	struct jb_table_progress table = { "85099SYN", 3, 0, 25000, 2500000, 1000 };
	char text[200];

	jb_progress_format(&table, 3000, text, sizeof(text));
	/* 2.5 MB in 2 s */
	ck_assert_str_eq(text, "85099SYN: page 3, 25000 rows, 2.5 MB, 1.2 MB/s");
	jb_progress_format(&table, 1000, text, sizeof(text));
	ck_assert_str_eq(text, "85099SYN: page 3, 25000 rows, 2.5 MB, 0.0 MB/s");
}
END_TEST

START_TEST(skip_values_in_urls)
{
	char *url = jb_url_with_skip("http://h/ODataFeed/OData/83599NED/UntypedDataSet/?$format=json&$skip=10000", 30000);

	ck_assert_str_eq(url, "http://h/ODataFeed/OData/83599NED/UntypedDataSet/?$format=json&$skip=30000");
	free(url);
	ck_assert_ptr_null(jb_url_with_skip("http://h/o/odata/T/TypedDataSet?$top=5", 10));
	ck_assert_int_eq(jb_url_skip("http://h/x?$filter=a&%24skip=20000"), 20000);
	ck_assert_int_eq(jb_url_skip("http://h/x?$filter=$skip"), 0);
}
END_TEST

START_TEST(json_pages_are_checked)
{
	static const char good[] = "{\"value\":[{\"Key\":\"GM0363    \",\"Title\":\"A\"},{\"Key\":\"NL01\"}],"
		"\"odata.metadata\":\"https://x/ODataFeed/OData/T/$metadata#Cbs.OData.WebAPI.RegioS\","
		"\"odata.nextLink\":\"https://x/ODataFeed/OData/T/RegioS?$format=json&$skip=10000\"}";
	struct jb_page_info info;
	char why[300];

	ck_assert_int_eq(jb_wire_check(JB_WIRE_JSON, good, strlen(good), "RegioS", &info, why, sizeof(why)), 0);
	ck_assert_uint_eq(info.entries, 2);
	ck_assert_uint_eq(info.key_width, 10);
	ck_assert_str_eq(info.next_href, "https://x/ODataFeed/OData/T/RegioS?$format=json&$skip=10000");
	jb_page_info_free(&info);
	ck_assert_int_eq(jb_wire_check(JB_WIRE_JSON, good, strlen(good), "Perioden", &info, why, sizeof(why)), -1);
	ck_assert_int_eq(jb_wire_check(JB_WIRE_JSON, good, 40, "RegioS", &info, why, sizeof(why)), -1);
	ck_assert(strstr(why, "malformed JSON") != NULL);
	ck_assert_int_eq(jb_wire_check(JB_WIRE_JSON, "{\"value\":{}}", 12, "RegioS", &info, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "no \"value\" array");
	ck_assert_int_eq(jb_wire_check(JB_WIRE_V4, "{\"Modified\":\"2025-07-01\"}", 25, "Properties", &info, why, sizeof(why)), 0);
	ck_assert_str_eq(info.modified, "2025-07-01");
	jb_page_info_free(&info);
	ck_assert(jb_wire_content_type_ok(JB_WIRE_JSON, "application/json;odata=minimalmetadata;streaming=true;charset=utf-8"));
	ck_assert(!jb_wire_content_type_ok(JB_WIRE_JSON, "application/atom+xml"));
	ck_assert(!jb_wire_content_type_ok(JB_WIRE_ATOM, "application/json"));
}
END_TEST

START_TEST(retry_only_transient_statuses)
{
	static const long again[] = { 408, 429, 500, 502, 503, 504 };
	static const long refused[] = { 400, 401, 403, 404, 410, 405, 501, 505, 418 };
	size_t i;

	for (i = 0; i < sizeof(again) / sizeof(again[0]); i++)
		ck_assert_int_eq(jb_retry_classify(JB_NET_OK, again[i]), JB_RETRY_AGAIN);
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		ck_assert_int_eq(jb_retry_classify(JB_NET_OK, refused[i]), JB_RETRY_REFUSED);
	ck_assert_int_eq(jb_retry_classify(JB_NET_OK, 200), JB_RETRY_DONE);
	ck_assert_int_eq(jb_retry_classify(JB_NET_OK, 203), JB_RETRY_DONE);
	ck_assert_int_eq(jb_retry_classify(JB_NET_OK, 301), JB_RETRY_REDIRECT);
	ck_assert_int_eq(jb_retry_classify(JB_NET_OK, 307), JB_RETRY_REDIRECT);
	ck_assert_int_eq(jb_retry_classify(JB_NET_OK, 304), JB_RETRY_NOT_MODIFIED);
	ck_assert_int_eq(jb_retry_classify(JB_NET_TIMEOUT, 0), JB_RETRY_AGAIN);
	ck_assert_int_eq(jb_retry_classify(JB_NET_RESET, 0), JB_RETRY_AGAIN);
	ck_assert_int_eq(jb_retry_classify(JB_NET_CONNECT, 0), JB_RETRY_AGAIN);
	ck_assert_int_eq(jb_retry_classify(JB_NET_FATAL, 0), JB_RETRY_REFUSED);
}
END_TEST

START_TEST(backoff_doubles_within_bounds)
{
	unsigned failures;
	long expected = 1000;

	for (failures = 1; failures <= 6; failures++, expected *= 2) {
		long cap = expected > 16000 ? 16000 : expected;

		ck_assert_int_eq(jb_retry_delay_ms(failures, 1000, 16000, 0, 0.0), cap / 2);
		ck_assert_int_ge(jb_retry_delay_ms(failures, 1000, 16000, 0, 0.999), cap - cap / 500);
		ck_assert_int_le(jb_retry_delay_ms(failures, 1000, 16000, 0, 0.999), cap);
		ck_assert_int_le(jb_retry_delay_ms(failures, 1000, 16000, 0, 0.5), cap);
		ck_assert_int_ge(jb_retry_delay_ms(failures, 1000, 16000, 0, 0.5), cap / 2);
	}
	/* Retry-After wins when it is longer than the back-off */
	ck_assert_int_eq(jb_retry_delay_ms(1, 1000, 16000, 7000, 0.3), 7000);
	ck_assert_int_eq(jb_retry_delay_ms(5, 1000, 16000, 2000, 0.0), 8000);
	/* no overflow after many failures */
	ck_assert_int_le(jb_retry_delay_ms(200, 1000, 300000, 0, 0.999), 300000);
	ck_assert_int_eq(jb_retry_delay_ms(3, 0, 300000, 0, 0.5), 0);
}
END_TEST

START_TEST(retry_after_seconds_and_dates)
{
	long seconds = -5;
	time_t now = 784111777; /* Sun, 06 Nov 1994 08:49:37 GMT */

	ck_assert_int_eq(jb_retry_after_parse("120", now, &seconds), 0);
	ck_assert_int_eq(seconds, 120);
	ck_assert_int_eq(jb_retry_after_parse(" 0\r\n", now, &seconds), 0);
	ck_assert_int_eq(seconds, 0);
	ck_assert_int_eq(jb_retry_after_parse("Sun, 06 Nov 1994 08:51:07 GMT", now, &seconds), 0);
	ck_assert_int_eq(seconds, 90);
	ck_assert_int_eq(jb_retry_after_parse("Sun, 06 Nov 1994 08:00:00 GMT", now, &seconds), 0);
	ck_assert_int_eq(seconds, 0);
	ck_assert_int_eq(jb_retry_after_parse("soon", now, &seconds), -1);
	ck_assert_int_eq(jb_retry_after_parse("12s", now, &seconds), -1);
	ck_assert_int_eq(jb_retry_after_parse("", now, &seconds), -1);
	ck_assert_int_eq(jb_retry_after_parse("Sun, 06 Nov 1994 08:51:07 CET", now, &seconds), -1);
}
END_TEST

START_TEST(next_links_get_the_configured_host)
{
	char *next;

	/* absolute: scheme and host replaced, path and query as written */
	ck_assert_int_eq(jb_url_resolve_next(
		"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=20000",
		"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/",
		"http://127.0.0.1:8080/ODataFeed/odata/85099SYN/TypedDataSet?$skip=10000",
		"http://127.0.0.1:8080", &next), 0);
	ck_assert_str_eq(next, "http://127.0.0.1:8080/ODataFeed/odata/85099SYN/TypedDataSet?$skip=20000");
	free(next);
	/* relative to xml:base */
	ck_assert_int_eq(jb_url_resolve_next("TypedDataSet?$skip=10000",
		"https://opendata.cbs.nl/ODataFeed/odata/85099SYN/",
		"http://127.0.0.1:8080/ODataFeed/odata/85099SYN/TypedDataSet",
		"http://127.0.0.1:8080", &next), 0);
	ck_assert_str_eq(next, "http://127.0.0.1:8080/ODataFeed/odata/85099SYN/TypedDataSet?$skip=10000");
	free(next);
	/* xml:base without its trailing slash still names the table folder */
	ck_assert_int_eq(jb_url_resolve_next("TypedDataSet?$skip=10000",
		"http://dataderden.cbs.nl/ODataFeed/OData/47022NED",
		"https://dataderden.cbs.nl/ODataFeed/OData/47022NED/TypedDataSet",
		"https://dataderden.cbs.nl", &next), 0);
	ck_assert_str_eq(next, "https://dataderden.cbs.nl/ODataFeed/OData/47022NED/TypedDataSet?$skip=10000");
	free(next);
	/* no xml:base: relative to the page; a port the base lacks is dropped */
	ck_assert_int_eq(jb_url_resolve_next("/ODataFeed/odata/X1X/TypedDataSet?$skip=10000", NULL,
		"http://mirror.example:81/ODataFeed/odata/X1X/TypedDataSet",
		"https://opendata.cbs.nl", &next), 0);
	ck_assert_str_eq(next, "https://opendata.cbs.nl/ODataFeed/odata/X1X/TypedDataSet?$skip=10000");
	free(next);
	ck_assert_int_eq(jb_url_resolve_next("", NULL, "http://a.example/x", "http://b.example", &next), -1);
	ck_assert_ptr_null(next);
}
END_TEST

START_TEST(urls_of_entity_sets)
{
	char *url = jb_url_entity_set("https://opendata.cbs.nl/", "ODataFeed", "84799NED",
				      "TypedDataSet", "SoortRegio_2 eq 'Gemeente'", "A,B");
	char host[64];

	ck_assert_str_eq(url, "https://opendata.cbs.nl/ODataFeed/odata/84799NED/TypedDataSet"
			      "?$filter=SoortRegio_2%20eq%20%27Gemeente%27&$select=A%2CB");
	free(url);
	url = jb_url_entity_set("http://127.0.0.1:1", "ODataApi", "T01", "RegioS", NULL, "");
	ck_assert_str_eq(url, "http://127.0.0.1:1/ODataApi/odata/T01/RegioS");
	free(url);
	ck_assert_int_eq(jb_url_check_base("https://opendata.cbs.nl"), 0);
	ck_assert_int_eq(jb_url_check_base("http://127.0.0.1:8080/"), 0);
	ck_assert_int_eq(jb_url_check_base("ftp://opendata.cbs.nl"), -1);
	ck_assert_int_eq(jb_url_check_base("https://opendata.cbs.nl/mirror"), -1);
	ck_assert_int_eq(jb_url_check_base("https://user@opendata.cbs.nl"), -1);
	ck_assert_int_eq(jb_url_check_base("opendata.cbs.nl"), -1);
	ck_assert_int_eq(jb_url_host("https://OpenData.CBS.nl:443/x", host, sizeof(host)), 0);
	ck_assert_str_eq(host, "opendata.cbs.nl");
	ck_assert(jb_url_same_origin("https://opendata.cbs.nl/a", "https://opendata.cbs.nl:443/b"));
	ck_assert(!jb_url_same_origin("http://opendata.cbs.nl/a", "https://opendata.cbs.nl/a"));
}
END_TEST

static int check(const char *body, const char *title, struct jb_page_info *info, char *why)
{
	return jb_page_check(body, strlen(body), title, info, why, 300);
}

START_TEST(a_good_feed_passes)
{
	struct jb_page_info info;
	char why[300] = "";

	ck_assert_int_eq(check(good_page, "TypedDataSet", &info, why), 0);
	ck_assert_str_eq(info.next_href,
			 "https://opendata.cbs.nl/ODataFeed/odata/85099SYN/TypedDataSet?$skip=20000");
	ck_assert_str_eq(info.xml_base, "https://opendata.cbs.nl/ODataFeed/odata/85099SYN/");
	ck_assert_uint_eq(info.entries, 2);
	ck_assert_ptr_null(info.modified);
	jb_page_info_free(&info);
}
END_TEST

START_TEST(the_last_page_has_no_next_link)
{
	static const char page[] = FEED_OPEN "<title type=\"text\">TableInfos</title>"
		"<link rel=\"self\" href=\"TableInfos\"/><entry><content><m:properties>"
		"<d:Modified m:type=\"Edm.DateTime\">2025-07-01T02:00:00</d:Modified>"
		"</m:properties></content></entry></feed>";
	struct jb_page_info info;
	char why[300];

	ck_assert_int_eq(check(page, "TableInfos", &info, why), 0);
	ck_assert_ptr_null(info.next_href);
	ck_assert_str_eq(info.modified, "2025-07-01T02:00:00");
	jb_page_info_free(&info);
}
END_TEST

START_TEST(bad_pages_are_refused)
{
	static const char html[] = "\n<!DOCTYPE html>\n<html><body>Onderhoud</body></html>";
	static const char html_bare[] = "<HTML><body>Onderhoud</body></HTML>";
	static const char laughs[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE feed [\n"
		"<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&b;</title></feed>";
	static const char external[] = "<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE feed SYSTEM \"http://evil.example/x.dtd\">\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>TypedDataSet</title></feed>";
	static const char undeclared[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
		"<title>&xxe;</title></feed>";
	static const char wrong_ns[] = "<feed><title>TypedDataSet</title></feed>";
	static const char no_title[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>";
	static const char two_next[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
		"<title>TypedDataSet</title><link rel=\"next\" href=\"a\"/>"
		"<link rel=\"next\" href=\"b\"/></feed>";
	char truncated[sizeof(good_page)];
	struct jb_page_info info;
	char why[300];

	ck_assert_int_eq(check(good_page, "RegioS", &info, why), -1);
	ck_assert_str_eq(why, "feed title is 'TypedDataSet', expected 'RegioS'");
	ck_assert_int_eq(check(html, "TypedDataSet", &info, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "HTML page"));
	ck_assert_int_eq(check(html_bare, "TypedDataSet", &info, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "HTML page"));
	ck_assert_int_eq(check(laughs, "TypedDataSet", &info, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "DTD"));
	ck_assert_int_eq(check(external, "TypedDataSet", &info, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "DTD"));
	ck_assert_int_eq(check(undeclared, "TypedDataSet", &info, why), -1);
	ck_assert_int_eq(check(wrong_ns, "TypedDataSet", &info, why), -1);
	ck_assert_str_eq(why, "root element <feed> is not an Atom <feed>");
	ck_assert_int_eq(check(no_title, "TypedDataSet", &info, why), -1);
	ck_assert_int_eq(check(two_next, "TypedDataSet", &info, why), -1);
	ck_assert_str_eq(why, "more than one next link");
	ck_assert_int_eq(jb_page_check("", 0, "TypedDataSet", &info, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "empty body");
	memcpy(truncated, good_page, sizeof(good_page));
	truncated[sizeof(good_page) / 2] = '\0';
	ck_assert_int_eq(check(truncated, "TypedDataSet", &info, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "malformed XML"));
	ck_assert_ptr_null(info.next_href);
}
END_TEST

START_TEST(attribute_and_text_references_are_decoded)
{
	/* what a tree would hold: &amp; and &#38; in attributes are '&' */
	static const char page[] =
		"<feed xml:base=\"http://a/b?x=1&amp;y=2\" xmlns=\"http://www.w3.org/2005/Atom\" "
		"xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\">"
		"<title>Regio&amp;S<!-- c --></title>"
		"<link rel=\"next\" href=\"R?$filter=K%20eq%20&apos;a&apos;&amp;$skip=10000&#38;z=&amp;#38;\"/>"
		"<link rel=\"self\" href=\"R\"/>"
		"<entry><d:Key>GM01&#233;   </d:Key></entry>"
		"<entry><d:Key><![CDATA[NL01]]></d:Key><d:Modified/></entry>"
		"<entry><d:Modified>2025-<x>07</x>-01</d:Modified><d:Modified>later</d:Modified></entry>"
		"</feed>";
	struct jb_page_info info;
	char why[300] = "";

	ck_assert_int_eq(check(page, "Regio&S", &info, why), 0);
	ck_assert_str_eq(info.xml_base, "http://a/b?x=1&y=2");
	ck_assert_str_eq(info.next_href, "R?$filter=K%20eq%20'a'&$skip=10000&z=&#38;");
	ck_assert_uint_eq(info.entries, 3);
	ck_assert_uint_eq(info.key_width, 8); /* GM01 e-acute and three blanks: 8 characters */
	ck_assert_str_eq(info.modified, "2025-07-01"); /* the empty one is passed over */
	jb_page_info_free(&info);
}
END_TEST

START_TEST(an_encoding_libxml2_cannot_convert_is_refused)
{
	static const char page[] = "<?xml version=\"1.0\" encoding=\"utf-7\"?>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T\x1a  </title></feed>";
	static const char no_root_end[] = "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
		"<title>T</title>";
	struct jb_page_info info;
	char why[300];

	ck_assert_int_eq(check(page, "T", &info, why), -1);
	ck_assert_ptr_null(info.next_href);
	ck_assert_int_eq(check(no_root_end, "T", &info, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "malformed XML"));
}
END_TEST

struct sum_job {
	struct jb_work work;
	unsigned long input, square;
	int done;
	unsigned long *done_order;
	size_t *done_count;
};

static void square_it(struct jb_work *work)
{
	struct sum_job *job = (struct sum_job *)work;

	job->square = job->input * job->input;
}

static void count_it(struct jb_work *work)
{
	struct sum_job *job = (struct sum_job *)work;

	job->done++;
	job->done_order[(*job->done_count)++] = job->input;
}

static pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t woken = PTHREAD_COND_INITIALIZER;
static unsigned wakes;

static void wake_up(void *context)
{
	(void)context;
	pthread_mutex_lock(&wake_lock);
	wakes++;
	pthread_cond_signal(&woken);
	pthread_mutex_unlock(&wake_lock);
}

START_TEST(workers_run_every_job_and_call_done_on_this_thread)
{
	enum { JOBS = 200 };
	static struct sum_job jobs[JOBS];
	unsigned long order[JOBS];
	size_t done_count = 0, i, seen = 0;
	struct jb_workers *workers = jb_workers_new(3, wake_up, NULL);

	ck_assert_ptr_nonnull(workers);
	for (i = 0; i < JOBS; i++) {
		jobs[i] = (struct sum_job){ { NULL, square_it, count_it }, i + 1, 0, 0,
					    order, &done_count };
		jb_workers_submit(workers, &jobs[i].work);
	}
	ck_assert_uint_eq(jb_workers_pending(workers), JOBS);
	while (jb_workers_pending(workers) > 0) {
		pthread_mutex_lock(&wake_lock);
		while (wakes == 0)
			pthread_cond_wait(&woken, &wake_lock);
		wakes = 0;
		pthread_mutex_unlock(&wake_lock);
		seen += jb_workers_collect(workers);
	}
	ck_assert_uint_eq(seen, JOBS);
	ck_assert_uint_eq(done_count, JOBS);
	for (i = 0; i < JOBS; i++) {
		ck_assert_int_eq(jobs[i].done, 1);
		ck_assert_uint_eq(jobs[i].square, (i + 1) * (i + 1));
	}
	/* a job submitted last is run and done by the time the pool is freed */
	jobs[0].done = 0;
	jobs[0].square = 0;
	done_count = 0;
	jb_workers_submit(workers, &jobs[0].work);
	jb_workers_free(workers);
	ck_assert_int_eq(jobs[0].done, 1);
	ck_assert_uint_eq(jobs[0].square, 1);
}
END_TEST

/* The bytes a gzip stream holds. */
static char *gunzip(const char *gz, size_t gz_len, size_t capacity, size_t *len)
{
	z_stream stream;
	char *out = malloc(capacity);

	memset(&stream, 0, sizeof(stream));
	ck_assert_int_eq(inflateInit2(&stream, 15 + 16), Z_OK);
	stream.next_in = (Bytef *)gz;
	stream.avail_in = (uInt)gz_len;
	stream.next_out = (Bytef *)out;
	stream.avail_out = (uInt)capacity;
	ck_assert_int_eq(inflate(&stream, Z_FINISH), Z_STREAM_END);
	*len = stream.total_out;
	inflateEnd(&stream);
	return out;
}

START_TEST(the_server_keeps_each_version_of_a_file_compressed)
{
	struct cbs_server server;
	struct stat info;
	char path[400], etag[64], expected[64], *gz, *plain;
	size_t gz_len, len;

	make_scratch();
	memset(&server, 0, sizeof(server));
	pthread_mutex_init(&server.lock, NULL);
	snprintf(path, sizeof(path), "%s/page.xml", scratch);
	ck_assert_int_eq(jb_write_file_atomic(path, "<feed>one</feed>", 16), 0);
	ck_assert_int_eq(stat(path, &info), 0);
	ck_assert_int_eq(cbs_packed_get(&server, path, &info, &gz, &gz_len, etag, sizeof(etag)), 0);
	plain = gunzip(gz, gz_len, 100, &len);
	ck_assert_uint_eq(len, 16);
	ck_assert_int_eq(memcmp(plain, "<feed>one</feed>", 16), 0);
	cbs_etag_of("<feed>one</feed>", 16, expected, sizeof(expected));
	ck_assert_str_eq(etag, expected);
	ck_assert_uint_eq(server.packed_bytes, gz_len);
	free(gz);
	free(plain);
	/* the same version again: the kept form, nothing added */
	ck_assert_int_eq(cbs_packed_get(&server, path, &info, &gz, &gz_len, etag, sizeof(etag)), 0);
	ck_assert_str_eq(etag, expected);
	free(gz);
	ck_assert_uint_eq(server.packed_bytes, gz_len);
	/* a new version of the same size replaces it */
	ck_assert_int_eq(jb_write_file_atomic(path, "<feed>two</feed>", 16), 0);
	ck_assert_int_eq(stat(path, &info), 0);
	ck_assert_int_eq(cbs_packed_get(&server, path, &info, &gz, &gz_len, etag, sizeof(etag)), 0);
	plain = gunzip(gz, gz_len, 100, &len);
	ck_assert_int_eq(memcmp(plain, "<feed>two</feed>", 16), 0);
	cbs_etag_of("<feed>two</feed>", 16, expected, sizeof(expected));
	ck_assert_str_eq(etag, expected);
	ck_assert_uint_eq(server.packed_bytes, gz_len);
	free(gz);
	free(plain);
	/* an empty file has no gzip form; one that cannot be read fails */
	ck_assert_int_eq(jb_write_file_atomic(path, "", 0), 0);
	ck_assert_int_eq(stat(path, &info), 0);
	ck_assert_int_eq(cbs_packed_get(&server, path, &info, &gz, &gz_len, etag, sizeof(etag)), 0);
	ck_assert_ptr_null(gz);
	snprintf(path, sizeof(path), "%s/missing.xml", scratch);
	ck_assert_int_eq(cbs_packed_get(&server, path, &info, &gz, &gz_len, etag, sizeof(etag)), -1);
	cbs_packed_free(&server);
	pthread_mutex_destroy(&server.lock);
	ck_assert_int_eq(jb_remove_tree(scratch), 0);
}
END_TEST

/* A copy of text as a heap body, as the engine hands it over. */
static char *heap_body(const char *bytes, size_t len)
{
	char *body = malloc(len + 1);

	memcpy(body, bytes, len);
	body[len] = '\0';
	return body;
}

/* bytes deflated raw (window_bits -15) or zlib-wrapped (15). */
static char *deflated(const char *bytes, size_t len, int window_bits, size_t *out_len)
{
	z_stream stream;
	char *out = malloc(len + 128);

	memset(&stream, 0, sizeof(stream));
	ck_assert_int_eq(deflateInit2(&stream, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY),
			 Z_OK);
	stream.next_in = (Bytef *)bytes;
	stream.avail_in = (uInt)len;
	stream.next_out = (Bytef *)out;
	stream.avail_out = (uInt)(len + 128);
	ck_assert_int_eq(deflate(&stream, Z_FINISH), Z_STREAM_END);
	*out_len = stream.total_out;
	deflateEnd(&stream);
	return out;
}

START_TEST(bodies_are_decoded_as_their_content_encoding_says)
{
	size_t plain_len = strlen(good_page), len, packed_len;
	char *packed, *body, why[300];
	unsigned long crc = 0;
	int has_crc;

	/* gzip: the bytes back, and the stream's CRC-32 is the page's */
	ck_assert_int_eq(cbs_gzip_bytes(good_page, plain_len, &packed, &packed_len), 0);
	body = heap_body(packed, packed_len);
	len = packed_len;
	ck_assert_int_eq(jb_decode_body("gzip", &body, &len, &crc, &has_crc, why, sizeof(why)), 0);
	ck_assert_uint_eq(len, plain_len);
	ck_assert_str_eq(body, good_page);
	ck_assert_int_eq(has_crc, 1);
	ck_assert_uint_eq(crc, crc32(crc32(0L, Z_NULL, 0), (const Bytef *)good_page,
				     (uInt)plain_len));
	ck_assert_uint_eq(crc, jb_cache_crc32(good_page, plain_len));
	free(body);
	/* gzip cut short, and bytes that are no gzip: refused, the body as it was */
	body = heap_body(packed, packed_len / 2);
	len = packed_len / 2;
	ck_assert_int_eq(jb_decode_body("gzip", &body, &len, &crc, &has_crc, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "ends early"));
	ck_assert_uint_eq(len, packed_len / 2);
	free(body);
	body = heap_body(good_page, plain_len);
	len = plain_len;
	ck_assert_int_eq(jb_decode_body("gzip", &body, &len, &crc, &has_crc, why, sizeof(why)), -1);
	ck_assert_ptr_nonnull(strstr(why, "Content-Encoding gzip: bad compressed data"));
	free(body);
	free(packed);
	/* deflate, zlib-wrapped and raw; no CRC-32 from either */
	packed = deflated(good_page, plain_len, 15, &packed_len);
	body = heap_body(packed, packed_len);
	len = packed_len;
	ck_assert_int_eq(jb_decode_body("deflate", &body, &len, &crc, &has_crc, why, sizeof(why)), 0);
	ck_assert_str_eq(body, good_page);
	ck_assert_int_eq(has_crc, 0);
	free(body);
	free(packed);
	packed = deflated(good_page, plain_len, -15, &packed_len);
	body = heap_body(packed, packed_len);
	len = packed_len;
	ck_assert_int_eq(jb_decode_body("Deflate", &body, &len, &crc, &has_crc, why, sizeof(why)), 0);
	ck_assert_uint_eq(len, plain_len);
	ck_assert_str_eq(body, good_page);
	free(body);
	free(packed);
	/* none, identity: as it is; anything else is refused */
	body = heap_body("abc", 3);
	len = 3;
	ck_assert_int_eq(jb_decode_body(NULL, &body, &len, &crc, &has_crc, why, sizeof(why)), 0);
	ck_assert_int_eq(jb_decode_body("identity", &body, &len, &crc, &has_crc, why, sizeof(why)), 0);
	ck_assert_str_eq(body, "abc");
	ck_assert_int_eq(jb_decode_body("br", &body, &len, &crc, &has_crc, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "Content-Encoding 'br' is not gzip or deflate");
	free(body);
}
END_TEST

START_TEST(content_types_of_feeds)
{
	ck_assert(jb_page_content_type_ok("application/atom+xml;charset=utf-8"));
	ck_assert(jb_page_content_type_ok("application/xml"));
	ck_assert(jb_page_content_type_ok("Text/XML; charset=utf-8"));
	ck_assert(!jb_page_content_type_ok("text/html; charset=utf-8"));
	ck_assert(!jb_page_content_type_ok("application/json"));
	ck_assert(!jb_page_content_type_ok("application/xml-dtd"));
	ck_assert(!jb_page_content_type_ok(NULL));
}
END_TEST

static void expect_file(const char *path, const char *content)
{
	char *bytes;
	size_t len;

	ck_assert_int_eq(jb_read_file(path, &bytes, &len), 0);
	ck_assert_str_eq(bytes, content);
	free(bytes);
}

START_TEST(the_cache_swaps_whole_tables)
{
	struct jb_cache cache;
	char path[400];

	make_scratch();
	ck_assert_int_eq(jb_cache_begin(&cache, scratch, "T01"), JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_add(&cache, "TableInfos.xml", "http://h/ODataFeed/odata/T01/TableInfos",
				      "123456789", 9, 1751335200), JB_EXIT_OK);
	ck_assert(jb_cache_has(&cache, "TableInfos.xml"));
	ck_assert(!jb_cache_has(&cache, "RegioS.xml"));
	ck_assert_int_eq(jb_cache_commit(&cache), JB_EXIT_OK);
	snprintf(path, sizeof(path), "%s/T01/manifest.csv", scratch);
	/* CRC-32 of "123456789" is the standard check value cbf43926 */
	expect_file(path, "file,url,bytes,crc32,fetched_at,etag,last_modified\n"
			  "TableInfos.xml,http://h/ODataFeed/odata/T01/TableInfos,9,cbf43926,"
			  "2025-07-01T02:00:00Z,,\n");
	snprintf(path, sizeof(path), "%s/T01/TableInfos.xml", scratch);
	expect_file(path, "123456789");

	/* a failed second run leaves the first complete and no temporary */
	ck_assert_int_eq(jb_cache_begin(&cache, scratch, "T01"), JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_add(&cache, "TableInfos.xml", "u", "new", 3, 0), JB_EXIT_OK);
	jb_cache_abort(&cache);
	expect_file(path, "123456789");
	snprintf(path, sizeof(path), "%s/T01.tmp.%ld", scratch, (long)getpid());
	ck_assert_int_eq(access(path, F_OK), -1);

	/* a good second run replaces every file: old ones do not linger */
	ck_assert_int_eq(jb_cache_begin(&cache, scratch, "T01"), JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_add(&cache, "RegioS.xml", "u", "r", 1, 0), JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_commit(&cache), JB_EXIT_OK);
	snprintf(path, sizeof(path), "%s/T01/TableInfos.xml", scratch);
	ck_assert_int_eq(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/T01/RegioS.xml", scratch);
	expect_file(path, "r");
	ck_assert_int_eq(jb_remove_tree(scratch), 0);
}
END_TEST

/* The staging folder is locked while a run holds it, and a run that ends removes it whole. */
START_TEST(the_staging_folder_is_locked_and_removed_whole)
{
	struct jb_cache first, second;
	char path[400], lock[400];
	int fd;

	make_scratch();
	snprintf(path, sizeof(path), "%s/T03.partial", scratch);
	snprintf(lock, sizeof(lock), "%s/T03.partial/.lock", scratch);
	ck_assert_int_eq(jb_cache_begin(&first, scratch, "T03"), JB_EXIT_OK);
	/* flock locks belong to an open file: a second begin in this process is another run */
	ck_assert_int_eq(jb_cache_begin(&second, scratch, "T03"), JB_EXIT_TEMPFAIL);
	ck_assert_int_eq(jb_cache_add(&first, "TableInfos.xml", "u", "staged", 6, 0), JB_EXIT_OK);
	/* a table found current: everything staged goes, with .lock and the folder */
	jb_cache_discard(&first);
	ck_assert_int_eq(access(path, F_OK), -1);

	/* a lock won on a .lock that was removed meanwhile is not the folder's lock */
	ck_assert_int_eq(jb_cache_begin(&first, scratch, "T03"), JB_EXIT_OK);
	ck_assert_int_eq(unlink(lock), 0);
	ck_assert_int_eq(jb_cache_begin(&second, scratch, "T03"), JB_EXIT_OK);
	ck_assert_int_eq(access(lock, F_OK), 0);
	/* the first run's discard leaves the folder, and what is staged in it, to the second */
	ck_assert_int_eq(jb_cache_add(&second, "RegioS.xml", "u", "r", 1, 0), JB_EXIT_OK);
	jb_cache_discard(&first);
	snprintf(path, sizeof(path), "%s/T03.partial/RegioS.xml", scratch);
	expect_file(path, "r");
	fd = open(lock, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ne(flock(fd, LOCK_EX | LOCK_NB), 0); /* still the second run's */
	close(fd);

	/* a committed table holds no .lock, and the next run gets a new staging folder */
	ck_assert_int_eq(jb_cache_commit(&second), JB_EXIT_OK);
	snprintf(path, sizeof(path), "%s/T03/.lock", scratch);
	ck_assert_int_eq(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/T03/RegioS.xml", scratch);
	expect_file(path, "r");
	ck_assert_int_eq(jb_cache_begin(&first, scratch, "T03"), JB_EXIT_OK);
	jb_cache_abort(&first);
	snprintf(path, sizeof(path), "%s/T03.partial", scratch);
	ck_assert_int_eq(access(path, F_OK), -1);
	ck_assert_int_eq(jb_remove_tree(scratch), 0);
}
END_TEST

START_TEST(validators_are_kept_in_the_manifest)
{
	static char *files[] = { "TableInfos.xml", "RegioS.xml" };
	static char *urls[] = { "http://h/ODataFeed/odata/T02/TableInfos",
				"http://h/ODataFeed/odata/T02/RegioS" };
	static char *other_urls[] = { "http://h/ODataFeed/odata/T02/TableInfos",
				      "http://h/ODataFeed/odata/T02/Perioden" };
	struct jb_cache cache;
	char path[400], *etag, *last_modified;

	make_scratch();
	ck_assert_int_eq(jb_cache_begin(&cache, scratch, "T02"), JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_add_at(&cache, 0, files[0], urls[0], "123456789", 9, 1751335200,
					 "W/\"cbf43926-9\"", "Tue, 01 Jul 2025 02:00:00 GMT"),
			 JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_add_at(&cache, 1, files[1], urls[1], "r", 1, 1751335200, NULL,
					 "Tue, 01 Jul 2025 02:00:00 GMT"),
			 JB_EXIT_OK);
	ck_assert_int_eq(jb_cache_commit(&cache), JB_EXIT_OK);
	snprintf(path, sizeof(path), "%s/T02/manifest.csv", scratch);
	expect_file(path, "file,url,bytes,crc32,fetched_at,etag,last_modified\n"
			  "TableInfos.xml,http://h/ODataFeed/odata/T02/TableInfos,9,cbf43926,"
			  "2025-07-01T02:00:00Z,\"W/\"\"cbf43926-9\"\"\",\"Tue, 01 Jul 2025 02:00:00 GMT\"\n"
			  "RegioS.xml,http://h/ODataFeed/odata/T02/RegioS,1,6c09ff9d,"
			  "2025-07-01T02:00:00Z,,\"Tue, 01 Jul 2025 02:00:00 GMT\"\n");
	snprintf(path, sizeof(path), "%s/T02", scratch);
	ck_assert_int_eq(jb_cache_validators(path, files, urls, 2, &etag, &last_modified), 1);
	ck_assert_str_eq(etag, "W/\"cbf43926-9\"");
	ck_assert_str_eq(last_modified, "Tue, 01 Jul 2025 02:00:00 GMT");
	free(etag);
	free(last_modified);
	/* another configuration (other URLs): ask without conditions */
	ck_assert_int_eq(jb_cache_validators(path, files, other_urls, 2, &etag, &last_modified), 0);
	ck_assert_ptr_null(etag);
	ck_assert_ptr_null(last_modified);
	ck_assert_int_eq(jb_remove_tree(scratch), 0);
}
END_TEST

/* Writes text to scratch/name. */
static void put_file(const char *name, const char *text)
{
	char path[400];

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	ck_assert_int_eq(jb_write_file_atomic(path, text, strlen(text)), 0);
}

START_TEST(a_complete_cache_is_known_from_one_walk_over_the_manifest)
{
	static char *files[] = { "TableInfos.xml", "RegioS.xml", "TypedDataSet.xml" };
	static char *urls[] = {
		"http://h:1/ODataFeed/odata/T03/TableInfos", "http://h:1/ODataFeed/odata/T03/RegioS",
		"http://h:1/ODataFeed/odata/T03/TypedDataSet?$filter=RegioS%20eq%20'GM0363'"
	};
	static char *more_files[] = { "TableInfos.xml", "RegioS.xml", "Perioden.xml" };
	static const char header[] = "file,url,bytes,crc32,fetched_at,etag,last_modified\n";
	static const char rows[] =
		"TableInfos.xml,http://other/ODataFeed/odata/T03/TableInfos,9,cbf43926,"
		"2025-07-01T02:00:00Z,,\n"
		"RegioS.xml,http://other/ODataFeed/odata/T03/RegioS,1,6c09ff9d,2025-07-01T02:00:00Z,,\n"
		"TypedDataSet.xml,\"http://other/ODataFeed/odata/T03/TypedDataSet?$filter=RegioS%20eq%20"
		"'GM0363%20%20%20%20'\",1,6c09ff9d,2025-07-01T02:00:00Z,,\n";
	char dir[400], text[2048], *etag, *last_modified;

	make_scratch();
	snprintf(dir, sizeof(dir), "%s/T03", scratch);
	ck_assert_int_eq(jb_mkdirs(dir), 0);
	put_file("T03/TableInfos.xml", "123456789");
	/* every file from its URL (host and key padding aside), no validators sent */
	snprintf(text, sizeof(text), "%s%s%s", header, rows,
		 "TypedDataSet.skip10000.xml,http://other/ODataFeed/odata/T03/TypedDataSet?$skip=10000,"
		 "1,6c09ff9d,2025-07-01T02:00:00Z,,\n");
	put_file("T03/manifest.csv", text);
	ck_assert_int_eq(jb_cache_complete(dir, files, urls, 3, &etag, &last_modified), 1);
	ck_assert_ptr_null(etag);
	ck_assert_ptr_null(last_modified);
	ck_assert_int_eq(jb_cache_validators(dir, files, urls, 3, &etag, &last_modified), 0);
	ck_assert_ptr_null(etag);
	/* a file the manifest does not list */
	ck_assert_int_eq(jb_cache_complete(dir, more_files, urls, 3, &etag, &last_modified), 0);
	/* a record after the ones looked for does not fit the header: not a cache to keep */
	snprintf(text, sizeof(text), "%s%s%s", header, rows, "TypedDataSet.skip10000.xml,x,1\n");
	put_file("T03/manifest.csv", text);
	ck_assert_int_eq(jb_cache_complete(dir, files, urls, 3, &etag, &last_modified), 0);
	/* nor malformed CSV at the end */
	snprintf(text, sizeof(text), "%s%s%s", header, rows, "\"TypedDataSet.skip10000.xml,x\n");
	put_file("T03/manifest.csv", text);
	ck_assert_int_eq(jb_cache_complete(dir, files, urls, 3, &etag, &last_modified), 0);
	/* nor a manifest without the url column */
	put_file("T03/manifest.csv", "file,bytes\nTableInfos.xml,9\nRegioS.xml,1\nTypedDataSet.xml,1\n");
	ck_assert_int_eq(jb_cache_complete(dir, files, urls, 3, &etag, &last_modified), 0);
	/* the first of two rows of a file counts, and its validators are given */
	snprintf(text, sizeof(text), "%s%s%s", header,
		 "TableInfos.xml,http://other/ODataFeed/odata/T03/TableInfos,9,cbf43926,"
		 "2025-07-01T02:00:00Z,\"W/\"\"1\"\"\",\n",
		 rows);
	put_file("T03/manifest.csv", text);
	ck_assert_int_eq(jb_cache_complete(dir, files, urls, 3, &etag, &last_modified), 1);
	ck_assert_str_eq(etag, "W/\"1\"");
	ck_assert_ptr_null(last_modified);
	free(etag);
	/* without the cached TableInfos nothing is complete */
	snprintf(text, sizeof(text), "%s/T03/TableInfos.xml", scratch);
	ck_assert_int_eq(unlink(text), 0);
	ck_assert_int_eq(jb_cache_complete(dir, files, urls, 3, &etag, &last_modified), 0);
	ck_assert_ptr_null(etag);
	ck_assert_int_eq(jb_remove_tree(scratch), 0);
}
END_TEST

START_TEST(the_server_answers_304_to_matching_validators)
{
	char etag[64], date[64];
	time_t mtime = 1751335200; /* 2025-07-01T02:00:00Z */

	cbs_etag_of("123456789", 9, etag, sizeof(etag));
	ck_assert_str_eq(etag, "W/\"cbf43926-9\"");
	cbs_http_date(mtime, date, sizeof(date));
	ck_assert_str_eq(date, "Tue, 01 Jul 2025 02:00:00 GMT");
	ck_assert(cbs_not_modified("W/\"cbf43926-9\"", NULL, etag, mtime));
	ck_assert(cbs_not_modified("\"cbf43926-9\"", NULL, etag, mtime)); /* weak comparison */
	ck_assert(cbs_not_modified("\"x\", W/\"cbf43926-9\"", NULL, etag, mtime));
	ck_assert(cbs_not_modified("*", NULL, etag, mtime));
	ck_assert(!cbs_not_modified("W/\"cbf43926-8\"", NULL, etag, mtime));
	ck_assert(!cbs_not_modified("W/\"cbf43926-9", NULL, etag, mtime));
	/* If-None-Match wins over If-Modified-Since */
	ck_assert(!cbs_not_modified("W/\"x\"", "Tue, 01 Jul 2025 02:00:00 GMT", etag, mtime));
	ck_assert(cbs_not_modified(NULL, "Tue, 01 Jul 2025 02:00:00 GMT", etag, mtime));
	ck_assert(cbs_not_modified(NULL, "Tue, 01 Jul 2025 02:00:01 GMT", etag, mtime));
	ck_assert(!cbs_not_modified(NULL, "Tue, 01 Jul 2025 01:59:59 GMT", etag, mtime));
	ck_assert(!cbs_not_modified(NULL, "yesterday", etag, mtime));
	ck_assert(!cbs_not_modified(NULL, NULL, etag, mtime));
}
END_TEST

START_TEST(stale_temporaries_of_dead_runs_are_removed)
{
	struct jb_cache cache;
	char path[400];

	make_scratch();
	/* pid 2^22+1 is above Linux's pid_max default and so is never alive */
	snprintf(path, sizeof(path), "%s/T02.tmp.4194305", scratch);
	ck_assert_int_eq(jb_mkdirs(path), 0);
	ck_assert_int_eq(jb_cache_begin(&cache, scratch, "T02"), JB_EXIT_OK);
	ck_assert_int_eq(access(path, F_OK), -1);
	jb_cache_abort(&cache);
	ck_assert_int_eq(jb_remove_tree(scratch), 0);
}
END_TEST

static void expect_padded(const char *filter, const char *dimension, size_t width,
			  const char *expected)
{
	char *padded = jb_filter_pad(filter, dimension, width);

	ck_assert_str_eq(padded, expected);
	free(padded);
}

START_TEST(filter_keys_get_the_dimension_width)
{
	expect_padded("RegioS eq 'GM0363'", "RegioS", 10, "RegioS eq 'GM0363    '");
	expect_padded("RegioS eq 'GM0363' or RegioS  ne  'NL01'", "RegioS", 6,
		      "RegioS eq 'GM0363' or RegioS  ne  'NL01  '");
	/* other dimensions, functions, other operators and literals stay as written */
	expect_padded("Perioden eq '2021JJ00' and RegioS eq 'GM0363'", "RegioS", 8,
		      "Perioden eq '2021JJ00' and RegioS eq 'GM0363  '");
	expect_padded("startswith(RegioS,'GM')", "RegioS", 10, "startswith(RegioS,'GM')");
	expect_padded("SubRegioS eq 'x'", "RegioS", 4, "SubRegioS eq 'x'");
	expect_padded("Naam eq 'RegioS eq '", "RegioS", 10, "Naam eq 'RegioS eq '");
	expect_padded("RegioS eq 'GM0363    '", "RegioS", 6, "RegioS eq 'GM0363    '");
	expect_padded("RegioS eq 'unclosed", "RegioS", 12, "RegioS eq 'unclosed");
	expect_padded("", "RegioS", 10, "");
}
END_TEST

START_TEST(dimension_pages_give_the_key_width)
{
	static const char page[] = FEED_OPEN "<title type=\"text\">RegioS</title>"
		"<entry><content><m:properties><d:Key xml:space=\"preserve\">NL01      </d:Key>"
		"</m:properties></content></entry>"
		"<entry><content><m:properties><d:Key xml:space=\"preserve\">GM0363    </d:Key>"
		"</m:properties></content></entry></feed>";
	struct jb_page_info info;
	char why[300];

	ck_assert_int_eq(check(page, "RegioS", &info, why), 0);
	ck_assert_uint_eq(info.key_width, 10);
	jb_page_info_free(&info);
	ck_assert_int_eq(check(good_page, "TypedDataSet", &info, why), 0);
	ck_assert_uint_eq(info.key_width, 0);
	jb_page_info_free(&info);
}
END_TEST

START_TEST(server_faults_match_file_stems)
{
	ck_assert(cbs_fault_matches("TypedDataSet.skip10000", "T01", "TypedDataSet.skip10000"));
	ck_assert(!cbs_fault_matches("TypedDataSet.skip10000", "T01", "TypedDataSet"));
	ck_assert(cbs_fault_matches("T01/RegioS", "T01", "RegioS"));
	ck_assert(!cbs_fault_matches("T02/RegioS", "T01", "RegioS"));
	ck_assert(cbs_fault_matches("*", "T01", "Perioden"));
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fetch");
	TCase *policy = tcase_create("retry"), *links = tcase_create("links"),
	      *pages = tcase_create("pages"), *cache = tcase_create("cache");
	SRunner *runner;
	int failed;

	tcase_add_test(policy, retry_only_transient_statuses);
	tcase_add_test(policy, backoff_doubles_within_bounds);
	tcase_add_test(policy, retry_after_seconds_and_dates);
	tcase_add_test(links, next_links_get_the_configured_host);
	tcase_add_test(links, urls_of_entity_sets);
	tcase_add_test(links, filter_keys_get_the_dimension_width);
	tcase_add_test(pages, dimension_pages_give_the_key_width);
	tcase_add_test(pages, a_good_feed_passes);
	tcase_add_test(pages, the_last_page_has_no_next_link);
	tcase_add_test(pages, bad_pages_are_refused);
	tcase_add_test(pages, content_types_of_feeds);
	tcase_add_test(pages, bodies_are_decoded_as_their_content_encoding_says);
	tcase_add_test(pages, attribute_and_text_references_are_decoded);
	tcase_add_test(pages, an_encoding_libxml2_cannot_convert_is_refused);
	tcase_add_test(pages, workers_run_every_job_and_call_done_on_this_thread);
	tcase_add_test(cache, the_server_keeps_each_version_of_a_file_compressed);
	tcase_add_test(pages, json_pages_are_checked);
	tcase_add_test(links, skip_values_in_urls);
	tcase_add_test(policy, the_live_line_shows_page_rows_bytes_rate);
	tcase_add_test(cache, the_cache_swaps_whole_tables);
	tcase_add_test(cache, the_staging_folder_is_locked_and_removed_whole);
	tcase_add_test(cache, stale_temporaries_of_dead_runs_are_removed);
	tcase_add_test(cache, validators_are_kept_in_the_manifest);
	tcase_add_test(cache, a_complete_cache_is_known_from_one_walk_over_the_manifest);
	tcase_add_test(cache, the_server_answers_304_to_matching_validators);
	tcase_add_test(cache, server_faults_match_file_stems);
	suite_add_tcase(suite, policy);
	suite_add_tcase(suite, links);
	suite_add_tcase(suite, pages);
	suite_add_tcase(suite, cache);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
