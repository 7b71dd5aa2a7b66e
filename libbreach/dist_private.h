/* The log-normal likelihood shared by the size-distribution fits (private). */
#ifndef BREACH_DIST_PRIVATE_H
#define BREACH_DIST_PRIVATE_H

#include "breach_private.h"

/* Observations on the log scale: exact values, right-censored ones (X >= l), left-censored
 * ones (X <= u), and an optional truncation below at ln xmin (the density divided by
 * P(X >= xmin)). */
typedef struct breach_ln_data {
    const double *ly;
    size_t n_exact;
    const double *lr;
    size_t n_right;
    const double *ll;
    size_t n_left;
    int truncated;
    double ltrunc;
    double sum_ly; /* sum of ly: the Jacobian, so that the likelihood is on the scale of x */
} breach_ln_data;

/* The log-likelihood at (mu, sigma), sigma > 0; with g (may be NULL) its gradient
 * (d/dmu, d/dsigma) and with h (may be NULL) its Hessian (mumu, musigma, sigmasigma). */
double breach_ln_loglik(const breach_ln_data *d, double mu, double sigma, double *g, double *h);

/* Maximises the likelihood from (*mu, *sigma): GSL's Nelder-Mead simplex (nmsimplex2) over
 * (mu, ln sigma), then Newton steps on the analytic Hessian (each kept only if it raises
 * the likelihood). *converged says whether the gradient ended near zero. Returns
 * BREACH_OK or BREACH_ENOMEM. */
int breach_ln_maximise(const breach_ln_data *d, double *mu, double *sigma, int *iterations,
                       bool *converged);

#endif
