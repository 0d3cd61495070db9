/*
 * Maps per indicator drawn offline as SVG from municipal boundaries
 * (GeoJSON, WGS84 lon/lat, read with jansson).  The outlines are written once
 * per page as <defs>; every map reuses them and colours each municipality.
 */
#ifndef JB_OUT_MAP_SVG_H
#define JB_OUT_MAP_SVG_H

#include <stddef.h>
#include <stdio.h>

struct jb_indicator_view;
struct jb_report;

struct jb_map_region {
	char *code;   /* statcode, "GM0363" */
	char *name;   /* statnaam */
	char *outline; /* SVG path data in map pixels */
	double label_x, label_y; /* the centroid of its largest ring, for a label */
};

struct jb_map {
	char *path;
	struct jb_map_region *regions;
	size_t region_count;
	double width, height;
};

/* The boundary file of a boundary year below folder, or NULL; the caller owns it. */
char *jb_map_file_for_year(const char *folder, long boundary_year);
/*
 * Reads a GeoJSON FeatureCollection and projects it to width pixels
 * (equirectangular, x scaled by cos of the mean latitude); JB_EXIT_* status.
 */
int jb_map_load(struct jb_map *map, const char *path, double width);
void jb_map_free(struct jb_map *map);
/* Projects lon/lat to map pixels with the bounding box and scale given. */
void jb_map_project(double lon, double lat, double lon_min, double lat_max, double scale,
		    double x_factor, double *x, double *y);

/* A hidden <svg> holding every outline as <path id="gm-CODE">. */
void jb_map_defs(FILE *fp, const struct jb_map *map);
/*
 * The indicator's map: municipalities coloured by flag (or quarter), linked
 * to their pages; the members of report's named groups (report may be NULL)
 * ringed (class "grp") and named.
 */
void jb_map_svg(FILE *fp, const struct jb_map *map, const struct jb_indicator_view *view,
		const char *link_root, const struct jb_report *report);

#endif
