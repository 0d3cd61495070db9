/*
 * The learning network's questions as page sections: the mix of a
 * compositional indicator (composition.csv) and the distance to a target
 * (targets.csv).  Each writes nothing when its file was not there.
 */
#ifndef JB_OUT_QUESTIONS_H
#define JB_OUT_QUESTIONS_H

#include <stddef.h>
#include <stdio.h>

struct jb_report;
struct jb_indicator_view;
struct jb_mix;

/* Overview: the pooled mix, the municipalities whose mix differs, with their tests. */
void jb_mix_overview(FILE *fp, const struct jb_report *report, const struct jb_mix *mix);
/* Municipality page: its shares with intervals against peers and the others, the test in words. */
void jb_mix_region(FILE *fp, const struct jb_report *report, const struct jb_mix *mix,
		   const char *region_code);
/* The mixes placed after the first `after` indicators: overview (region_code NULL) or page. */
void jb_mixes_after(FILE *fp, const struct jb_report *report, size_t after,
		    const char *region_code);
/* The table of contents entries of the mixes placed after `after` indicators. */
void jb_mixes_toc(FILE *fp, const struct jb_report *report, size_t after);

/* Overview: the country and every municipality against the indicator's target. */
void jb_target_overview(FILE *fp, const struct jb_report *report,
			const struct jb_indicator_view *view);
/* Municipality page: its distance to the target per period, with the trend. */
void jb_target_region(FILE *fp, const struct jb_report *report,
		      const struct jb_indicator_view *view, const char *region_code);
/* "1 op de 7" when the target is one in a whole number (per 100), else "". */
char *jb_target_one_in(char *buf, size_t size, double target, double per);
/* A difference in words: "+4,2 procentpunt" for unit %, "+3,0 euro" else; "" for NAN. */
char *jb_format_distance(char *buf, size_t size, double distance, const char *unit,
			 int decimals);

#endif
