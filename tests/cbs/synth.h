/* jb-synth: writes the three tables of the bundled snapshot as CBS Atom responses. */
#ifndef JB_SYNTH_H
#define JB_SYNTH_H

#include "synth_atom.h"

#define SYNTH_KWB_TABLE "84799NED"
#define SYNTH_WBK_TABLE "WBK2022"
#define SYNTH_YOUTH_TABLE "85099SYN"
/* Width of region keys in the tables of jb-synth. */
#define SYNTH_REGION_WIDTH 10

/* The options of the jeugdzorg command. */
struct synth_youth_options {
	const char *sources_dir;      /* kwb2020_gemeenten.csv */
	const char *reorganisations;  /* config/reorganisations.csv */
	unsigned long seed;
	int first_year, last_year;
	long scale;                   /* 1: the real municipalities only */
	long extra_topics;
};

/* Each returns 0 or an exit status (exitcode.h) after a message. */
int synth_kerncijfers(struct synth_output *output, const char *sources_dir);
int synth_wijkbuurtkaart(struct synth_output *output, const char *sources_dir);
int synth_jeugdzorg(struct synth_output *output, const struct synth_youth_options *options);

#endif
