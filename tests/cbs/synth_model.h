/*
 * The true parameters of the synthetic youth-care model of table 85099SYN
 * (fetch/snapshot/README.md, "Synthetic generator").  Statistical tests
 * compare estimates against these.
 *
 * For municipality m in year t, with n = its population 0-17:
 *   logit P(jeugdhulp) = B0 + B1 z(bijstand share) + B2 z(single-person household share)
 *                        + B3 z(urbanity) + B4 (t - 2020) + u_m,   u_m ~ N(0, SIGMA_U^2)
 *   jeugdhulp ~ Binomial(n, p); met verblijf ~ Binomial(jeugdhulp, VERBLIJF_SHARE);
 *   zonder verblijf = jeugdhulp - met verblijf
 *   logit P(jeugdbescherming)   = G0 + G1 z(bijstand share) + G_U u_m
 *   logit P(jeugdreclassering)  = H0 + H1 z(bijstand share)
 *   extra topic k (1, 2, ...):  logit P = X0 - XK (k - 1) + B1 z(bijstand share)
 */
#ifndef JB_SYNTH_MODEL_H
#define JB_SYNTH_MODEL_H

/* population 0-17 in 2020: k_0Tot15Jaar + SYNTH_SHARE_15_TO_17 * k_15Tot25Jaar */
#define SYNTH_SHARE_15_TO_17 0.3
/* relative yearly change of the population 0-17: n_t = n_2020 (1 + DRIFT)^(t - 2020) */
#define SYNTH_YOUTH_DRIFT (-0.004)

#define SYNTH_B0 (-2.25)  /* intercept: about 9.5 % at average covariates in 2020 */
#define SYNTH_B1 0.10     /* per standard deviation of the bijstand share */
#define SYNTH_B2 0.04     /* per standard deviation of the single-person household share */
#define SYNTH_B3 0.03     /* per standard deviation of urbanity */
#define SYNTH_B4 0.02     /* per year after 2020 */
#define SYNTH_SIGMA_U 0.18 /* standard deviation of the municipal effect u_m */

#define SYNTH_VERBLIJF_SHARE 0.08 /* share of youth with jeugdhulp that have met verblijf */

#define SYNTH_G0 (-4.60)  /* jeugdbescherming: about 1.0 % */
#define SYNTH_G1 0.30
#define SYNTH_G_U 0.5     /* loading of u_m */

#define SYNTH_H0 (-6.00)  /* jeugdreclassering: about 0.25 % */
#define SYNTH_H1 0.35

#define SYNTH_X0 (-3.00)  /* extra topics (--topics) */
#define SYNTH_XK 0.25

/* publication: counts rounded to a multiple of ROUND_TO, counts below SUPPRESS_BELOW null */
#define SYNTH_ROUND_TO 5
#define SYNTH_SUPPRESS_BELOW 10

/* --scale copies: log-normal perturbations of size and of the two shares */
#define SYNTH_COPY_SIZE_SD 0.10
#define SYNTH_COPY_BIJSTAND_SD 0.10
#define SYNTH_COPY_SINGLE_SD 0.05

#endif
