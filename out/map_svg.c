#include "map_svg.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exitcode.h"
#include "format.h"
#include "funnel_svg.h"
#include "html.h"
#include "msg.h"
#include "report.h"
#include "table_html.h"
#include "xalloc.h"

#define PI 3.14159265358979323846
#define MARGIN 6.0

char *jb_map_file_for_year(const char *folder, long boundary_year)
{
	static const struct {
		long first, last;
		const char *file;
	} files[] = {
		{ 2020, 2020, "gemeente_2020_wgs84.geojson" },
		{ 2021, 2021, "gemeente_2021_wgs84.geojson" },
		{ 2022, 2022, "gemeente_2022_wgs84.geojson" },
		{ 2023, 2024, "gemeente_2023_wgs84_cartomap.geojson" },
		{ 2025, 2025, "gemeente_2025_wgs84_cartomap.geojson" },
	};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (boundary_year >= files[i].first && boundary_year <= files[i].last)
			return jb_xasprintf("%s/%s", folder, files[i].file);
	return NULL;
}

void jb_map_project(double lon, double lat, double lon_min, double lat_max, double scale,
		    double x_factor, double *x, double *y)
{
	*x = MARGIN + (lon - lon_min) * x_factor * scale;
	*y = MARGIN + (lat_max - lat) * scale;
}

struct bounds {
	double lon_min, lon_max, lat_min, lat_max;
};

/* Calls visit on every [lon, lat] position of a Polygon or MultiPolygon. */
static int each_ring(json_t *geometry, int (*visit)(json_t *ring, void *context), void *context)
{
	const char *type = json_string_value(json_object_get(geometry, "type"));
	json_t *coordinates = json_object_get(geometry, "coordinates"), *polygon, *ring;
	size_t i, j;

	if (!type || !json_is_array(coordinates))
		return -1;
	if (strcmp(type, "Polygon") == 0) {
		json_array_foreach(coordinates, i, ring)
			if (visit(ring, context) != 0)
				return -1;
		return 0;
	}
	if (strcmp(type, "MultiPolygon") != 0)
		return -1;
	json_array_foreach(coordinates, i, polygon)
		json_array_foreach(polygon, j, ring)
			if (visit(ring, context) != 0)
				return -1;
	return 0;
}

static int position(json_t *point, double *lon, double *lat)
{
	if (!json_is_array(point) || json_array_size(point) < 2 ||
	    !json_is_number(json_array_get(point, 0)) || !json_is_number(json_array_get(point, 1)))
		return -1;
	*lon = json_number_value(json_array_get(point, 0));
	*lat = json_number_value(json_array_get(point, 1));
	return isfinite(*lon) && isfinite(*lat) ? 0 : -1;
}

static int widen_bounds(json_t *ring, void *context)
{
	struct bounds *bounds = context;
	json_t *point;
	double lon, lat;
	size_t i;

	if (!json_is_array(ring))
		return -1;
	json_array_foreach(ring, i, point) {
		if (position(point, &lon, &lat) != 0)
			return -1;
		bounds->lon_min = fmin(bounds->lon_min, lon);
		bounds->lon_max = fmax(bounds->lon_max, lon);
		bounds->lat_min = fmin(bounds->lat_min, lat);
		bounds->lat_max = fmax(bounds->lat_max, lat);
	}
	return 0;
}

struct outline {
	const struct bounds *bounds;
	double scale, x_factor;
	char *text;
	size_t len;
	FILE *fp;
	double largest_area, label_x, label_y; /* the centroid of the largest ring */
};

/* One ring as "M x y L ... Z", skipping points that round onto the previous one. */
static int add_ring(json_t *ring, void *context)
{
	struct outline *outline = context;
	double lon, lat, x, y, last_x = NAN, last_y = NAN;
	json_t *point;
	size_t i;

	double first_x = NAN, first_y = NAN, prev_x = NAN, prev_y = NAN;
	double area = 0, sum_x = 0, sum_y = 0, cross;

	json_array_foreach(ring, i, point) {
		if (position(point, &lon, &lat) != 0)
			return -1;
		jb_map_project(lon, lat, outline->bounds->lon_min, outline->bounds->lat_max,
			       outline->scale, outline->x_factor, &x, &y);
		if (i == 0) {
			first_x = x;
			first_y = y;
		} else {
			cross = prev_x * y - x * prev_y;
			area += cross;
			sum_x += (prev_x + x) * cross;
			sum_y += (prev_y + y) * cross;
		}
		prev_x = x;
		prev_y = y;
		x = round(x * 10) / 10;
		y = round(y * 10) / 10;
		if (x == last_x && y == last_y)
			continue;
		fprintf(outline->fp, "%s%.1f %.1f", i ? "L" : "M", x, y);
		last_x = x;
		last_y = y;
	}
	fputs("Z", outline->fp);
	if (i > 2) {
		cross = prev_x * first_y - first_x * prev_y;
		area += cross;
		sum_x += (prev_x + first_x) * cross;
		sum_y += (prev_y + first_y) * cross;
		if (fabs(area) > outline->largest_area) {
			outline->largest_area = fabs(area);
			outline->label_x = sum_x / (3 * area);
			outline->label_y = sum_y / (3 * area);
		}
	}
	return 0;
}

static const char *feature_text(json_t *feature, const char *key)
{
	return json_string_value(json_object_get(json_object_get(feature, "properties"), key));
}

static int bad_feature(const char *path, size_t index)
{
	jb_warn("%s: feature %zu: expected properties statcode, statnaam and a "
		"(Multi)Polygon in lon/lat", path, index);
	return JB_EXIT_DATAERR;
}

int jb_map_load(struct jb_map *map, const char *path, double width)
{
	struct bounds bounds = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	struct outline outline;
	json_error_t error;
	json_t *root, *features, *feature;
	size_t i;

	memset(map, 0, sizeof(*map));
	if (access(path, R_OK) != 0) {
		jb_warn("%s: cannot read:", path);
		return JB_EXIT_NOINPUT;
	}
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
	if (!root) {
		jb_warn("%s:%d:%d: %s", path, error.line, error.column, error.text);
		return JB_EXIT_DATAERR;
	}
	features = json_object_get(root, "features");
	if (!json_is_array(features) || json_array_size(features) == 0) {
		json_decref(root);
		jb_warn("%s: expected a FeatureCollection with features", path);
		return JB_EXIT_DATAERR;
	}
	json_array_foreach(features, i, feature)
		if (!feature_text(feature, "statcode") ||
		    each_ring(json_object_get(feature, "geometry"), widen_bounds, &bounds) != 0) {
			json_decref(root);
			return bad_feature(path, i);
		}
	map->path = jb_xstrdup(path);
	memset(&outline, 0, sizeof(outline));
	outline.bounds = &bounds;
	outline.x_factor = cos((bounds.lat_min + bounds.lat_max) / 2 * PI / 180);
	outline.scale = (width - 2 * MARGIN) / ((bounds.lon_max - bounds.lon_min) * outline.x_factor);
	map->width = width;
	map->height = ceil((bounds.lat_max - bounds.lat_min) * outline.scale + 2 * MARGIN);
	map->regions = jb_xcalloc(json_array_size(features), sizeof(*map->regions));
	json_array_foreach(features, i, feature) {
		struct jb_map_region *region = &map->regions[map->region_count];
		const char *name = feature_text(feature, "statnaam");

		outline.text = NULL;
		outline.largest_area = 0;
		outline.label_x = outline.label_y = NAN;
		outline.fp = open_memstream(&outline.text, &outline.len);
		if (!outline.fp) {
			json_decref(root);
			jb_map_free(map);
			jb_warn("out of memory");
			return JB_EXIT_SOFTWARE;
		}
		each_ring(json_object_get(feature, "geometry"), add_ring, &outline);
		fclose(outline.fp);
		region->code = jb_xstrdup(feature_text(feature, "statcode"));
		region->name = jb_xstrdup(name ? name : region->code);
		region->outline = outline.text;
		region->label_x = outline.label_x;
		region->label_y = outline.label_y;
		map->region_count++;
	}
	json_decref(root);
	return JB_EXIT_OK;
}

void jb_map_free(struct jb_map *map)
{
	size_t i;

	for (i = 0; i < map->region_count; i++) {
		free(map->regions[i].code);
		free(map->regions[i].name);
		free(map->regions[i].outline);
	}
	free(map->regions);
	free(map->path);
	memset(map, 0, sizeof(*map));
}

void jb_map_defs(FILE *fp, const struct jb_map *map)
{
	size_t i;

	fputs("<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">"
	      "<defs>\n", fp);
	for (i = 0; i < map->region_count; i++) {
		if (!jb_region_code_is_safe(map->regions[i].code))
			continue;
		fputs("<path id=\"gm-", fp);
		jb_html_escape(fp, map->regions[i].code);
		fputs("\" d=\"", fp);
		jb_html_escape(fp, map->regions[i].outline);
		fputs("\"/>\n", fp);
	}
	fputs("</defs></svg>\n", fp);
}

static const struct jb_bench_row *row_of(const struct jb_indicator_view *view, const char *code)
{
	size_t i;

	for (i = 0; i < view->row_count; i++)
		if (strcmp(view->rows[i]->text[BENCH_REGION_CODE], code) == 0)
			return view->rows[i];
	return NULL;
}

/* The colour class of a municipality: its flag, or for published rates its quarter. */
static const char *region_class(const struct jb_indicator_view *view,
				const struct jb_bench_row *row)
{
	static const char *const quarters[] = { "q-1", "q-2", "q-3", "q-4" };
	const char *words;

	if (!row || !isfinite(row->number[BENCH_VALUE]))
		return "f-none";
	if (!view->value_only)
		return jb_flag_class(row->text[BENCH_FLAG95], row->text[BENCH_FLAG998]);
	words = jb_quartile_words(row->number[BENCH_VALUE], view->q1, view->median, view->q3);
	if (strcmp(words, "laagste kwart") == 0)
		return quarters[0];
	if (strcmp(words, "tweede kwart") == 0)
		return quarters[1];
	if (strcmp(words, "derde kwart") == 0)
		return quarters[2];
	return *words ? quarters[3] : "f-none";
}

/* The members of the named groups outlined in a dark ring over the map, with their names. */
static void group_rings(FILE *fp, const struct jb_map *map, const struct jb_indicator_view *view,
			const struct jb_report *report)
{
	struct jb_group_label *labels;
	size_t i, n = 0;

	for (i = 0; i < map->region_count; i++)
		if (jb_region_code_is_safe(map->regions[i].code) &&
		    jb_report_group_of(report, map->regions[i].code)) {
			fputs("<use href=\"#gm-", fp);
			jb_html_escape(fp, map->regions[i].code);
			fputs("\" class=\"grp\"/>\n", fp);
		}
	labels = jb_xcalloc(map->region_count + 1, sizeof(*labels));
	for (i = 0; i < map->region_count; i++) {
		const struct jb_map_region *region = &map->regions[i];
		const struct jb_bench_row *row;

		if (!jb_region_code_is_safe(region->code) || !isfinite(region->label_x) ||
		    !jb_report_group_of(report, region->code))
			continue;
		row = row_of(view, region->code);
		labels[n].name = row ? row->text[BENCH_REGION_NAME] : region->name;
		labels[n].x = region->label_x;
		labels[n++].y = region->label_y + 4;
	}
	jb_group_labels(fp, labels, n, map->width, 10);
	free(labels);
}

void jb_map_svg(FILE *fp, const struct jb_map *map, const struct jb_indicator_view *view,
		const char *link_root, const struct jb_report *report)
{
	char value[64];
	size_t i;

	fprintf(fp, "<svg class=\"map\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Kaart: ",
		map->width, map->height);
	jb_html_escape(fp, view->title ? view->title : view->name);
	fputs("\">\n", fp);
	for (i = 0; i < map->region_count; i++) {
		const struct jb_map_region *region = &map->regions[i];
		const struct jb_bench_row *row = row_of(view, region->code);

		if (!jb_region_code_is_safe(region->code))
			continue;
		if (row && link_root) {
			fputs("<a href=\"", fp);
			jb_html_escape(fp, link_root);
			jb_html_escape(fp, region->code);
			fputs(".html\">", fp);
		}
		fprintf(fp, "<use href=\"#gm-");
		jb_html_escape(fp, region->code);
		fprintf(fp, "\" class=\"%s\"><title>", region_class(view, row));
		jb_html_escape(fp, row ? row->text[BENCH_REGION_NAME] : region->name);
		fputs(" (", fp);
		jb_html_escape(fp, region->code);
		fputs("): ", fp);
		jb_format_value(value, sizeof(value), row ? row->number[BENCH_VALUE] : NAN, view->unit);
		jb_html_escape(fp, *value ? value : "geen waarde");
		fputs("</title></use>", fp);
		if (row && link_root)
			fputs("</a>", fp);
		fputc('\n', fp);
	}
	group_rings(fp, map, view, report);
	fputs("</svg>\n", fp);
}
