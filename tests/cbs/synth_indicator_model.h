/*
 * The true parameters of the three synthetic tables of issue 8 (referral
 * paths 85097SYN, care by age 84134SYN, spending by task field 45042SYN),
 * documented in fetch/snapshot/README.md.  Each builds on the counts of
 * 85099SYN (synth_model.h) drawn with the same seed.
 */
#ifndef JB_SYNTH_INDICATOR_MODEL_H
#define JB_SYNTH_INDICATOR_MODEL_H

/*
 * 85097SYN: trajectories T = h + Poisson(REF_EXTRA h), h = youth with
 * jeugdhulp (85099SYN).  Referral mix of municipality m in year t:
 *   theta_k proportional to REF_SHARE_k exp(REF_URBAN_k z(urbanity) + delta_mk),
 *   delta_mk ~ N(0, REF_SIGMA^2) once per municipality (its own style),
 *   p ~ Dirichlet(REF_CONCENTRATION theta), counts ~ Multinomial(T, p).
 * Order: gemeentelijke toegang, huisarts, jeugdarts, gecertificeerde
 * instelling, medisch specialist, rechter/OvJ, geen verwijzer.
 */
#define SYNTH_REF_CATEGORIES 7
#define SYNTH_REF_EXTRA 0.35
#define SYNTH_REF_SIGMA 0.20
#define SYNTH_REF_CONCENTRATION 400.0
#define SYNTH_REF_SHARES { 0.45, 0.30, 0.04, 0.08, 0.07, 0.02, 0.04 }
/* shift of log share per standard deviation of urbanity */
#define SYNTH_REF_URBAN { -0.08, 0.15, 0.0, 0.0, 0.05, 0.0, 0.0 }

/*
 * 84134SYN: population 0-17 n (85099SYN) split by KWB 2020 ages:
 *   0-3 = n x (4/15) k_0Tot15 / n0,  4-11 = n x (8/15) k_0Tot15 / n0,  12-17 = rest;
 *   18-22 = AGE_18_22_OF_15_24 x k_15Tot25 x (1 + SYNTH_YOUTH_DRIFT)^(t - 2020).
 * Youth with jeugdhulp h split ~ Multinomial(h, p_b prop. population_b x AGE_RISK_b);
 * 18-22: continuation ~ Binomial(care 12-17, logistic(logit(AGE_CONTINUATION) + v_m)),
 * v_m ~ N(0, AGE_CONTINUATION_SIGMA^2) once per municipality.
 */
#define SYNTH_AGE_RISK { 0.35, 1.0, 1.25 }
#define SYNTH_AGE_18_22_OF_15_24 0.5
#define SYNTH_AGE_CONTINUATION 0.20
#define SYNTH_AGE_CONTINUATION_SIGMA 0.35

/*
 * 45042SYN (x 1 000 euro): youth spending per young inhabitant (0-17), euro,
 *   E = (SPEND_BASE + SPEND_RATE x h / n) (1 + SPEND_GROWTH)^(t - 2020) exp(e_m + eps_mt),
 *   e_m ~ N(0, SPEND_SIGMA_M^2) once, eps_mt ~ N(0, SPEND_SIGMA_T^2);  Y = E n / 1000.
 * Prevention share pi ~ Beta(PREV_KAPPA mu, PREV_KAPPA (1 - mu)),
 *   logit mu = logit(PREV_SHARE + PREV_TREND (t - 2020)) + w_m, w_m ~ N(0, PREV_SIGMA^2).
 * Prevention P = pi Y: 6.1 = PREV_61 P, 6.2 = PREV_62 P, 7.1 = PREV_JGZ P / JGZ_OF_71.
 * Care C = (1 - pi) Y: 6.82 = q C, q ~ Beta(ESC_KAPPA ESC_SHARE, ESC_KAPPA (1 - ESC_SHARE));
 *   6.72 = C - 6.82.
 * Baten_k = Lasten_k x BATEN_k exp(N(0, BATEN_SIGMA^2)).
 */
#define SYNTH_SPEND_BASE 600.0
#define SYNTH_SPEND_RATE 9000.0
#define SYNTH_SPEND_GROWTH 0.04
#define SYNTH_SPEND_SIGMA_M 0.10
#define SYNTH_SPEND_SIGMA_T 0.04
#define SYNTH_PREV_SHARE 0.15
#define SYNTH_PREV_TREND 0.005
#define SYNTH_PREV_SIGMA 0.25
#define SYNTH_PREV_KAPPA 300.0
#define SYNTH_PREV_61 0.35
#define SYNTH_PREV_62 0.40
#define SYNTH_PREV_JGZ 0.25
#define SYNTH_JGZ_OF_71 0.60
#define SYNTH_ESC_SHARE 0.30
#define SYNTH_ESC_KAPPA 100.0
/* order: 6.1, 6.2, 6.72, 6.82, 7.1 */
#define SYNTH_BATEN { 0.10, 0.03, 0.02, 0.01, 0.08 }
#define SYNTH_BATEN_SIGMA 0.25

#endif
